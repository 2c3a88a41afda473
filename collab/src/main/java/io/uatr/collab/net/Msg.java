package io.uatr.collab.net;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One message between parties (or between the coordinator and a party): a type, the round, the
 * party whose mini-batch it concerns, an expert index, one number, a short note and tensors. The
 * binary form is what gRPC carries; {@link #encode()} and {@link #decode} are exact inverses.
 *
 * @param type message type (see {@link MsgType})
 * @param round training round (0-based), or -1 when not applicable
 * @param party index of the party whose mini-batch the message concerns, or -1
 * @param expert global expert index, or -1
 * @param value a number whose meaning depends on the type (learning rate, clip scale, loss)
 * @param note short text: status lines and error messages, never data
 * @param tensors float32 payloads
 */
public record Msg(
    MsgType type,
    long round,
    int party,
    int expert,
    double value,
    String note,
    List<Tensor> tensors) {

  private static final int MAGIC = 0x55415452; // "UATR"

  /** Copies the tensor list. */
  public Msg {
    tensors = List.copyOf(tensors);
    note = note == null ? "" : note;
  }

  /** A message without tensors. */
  public static Msg of(MsgType type, long round, int party, int expert, double value, String note) {
    return new Msg(type, round, party, expert, value, note, List.of());
  }

  /** Returns the total payload bytes of the tensors. */
  public long tensorBytes() {
    long b = 0;
    for (Tensor t : tensors) {
      b += t.bytes();
    }
    return b;
  }

  /** Encodes the message (big-endian header, little-endian float32 payloads). */
  public byte[] encode() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + (int) tensorBytes());
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(MAGIC);
      out.writeUTF(type.name());
      out.writeLong(round);
      out.writeInt(party);
      out.writeInt(expert);
      out.writeDouble(value);
      out.writeUTF(note);
      out.writeInt(tensors.size());
      for (Tensor t : tensors) {
        out.writeInt(t.shape().length);
        for (long d : t.shape()) {
          out.writeLong(d);
        }
        out.writeInt(t.data().length);
        ByteBuffer bb = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(t.data());
        out.write(bb.array());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Decodes a message written by {@link #encode()}.
   *
   * @param stream the bytes
   * @return the message
   * @throws IllegalArgumentException when the bytes are not a message
   */
  public static Msg decode(InputStream stream) {
    try {
      DataInputStream in = new DataInputStream(stream);
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not a uatr collab message");
      }
      MsgType type = MsgType.valueOf(in.readUTF());
      long round = in.readLong();
      int party = in.readInt();
      int expert = in.readInt();
      double value = in.readDouble();
      String note = in.readUTF();
      int n = in.readInt();
      List<Tensor> ts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int rank = in.readInt();
        long[] shape = new long[rank];
        for (int d = 0; d < rank; d++) {
          shape[d] = in.readLong();
        }
        int len = in.readInt();
        byte[] raw = in.readNBytes(4 * len);
        if (raw.length != 4 * len) {
          throw new IllegalArgumentException("truncated tensor payload");
        }
        float[] data = new float[len];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        ts.add(new Tensor(shape, data));
      }
      return new Msg(type, round, party, expert, value, note, ts);
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed message: " + e.getMessage(), e);
    }
  }
}
