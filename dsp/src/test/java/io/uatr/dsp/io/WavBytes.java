package io.uatr.dsp.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: builds WAV files byte by byte, independently of the production code. */
final class WavBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private WavBytes() {}

  /** Starts a file with a 12-byte header; the size field is patched by {@link #bytes()}. */
  static WavBytes riff(String magic, String form) {
    WavBytes w = new WavBytes();
    w.raw(ascii(magic)).raw(le32(0)).raw(ascii(form));
    return w;
  }

  static WavBytes riff() {
    return riff("RIFF", "WAVE");
  }

  /** Appends a chunk with the given declared size and body (pad byte added if body is odd). */
  WavBytes chunk(String id, long declaredSize, byte[] body) {
    raw(ascii(id)).raw(le32(declaredSize)).raw(body);
    if ((body.length & 1) != 0) {
      raw(new byte[1]);
    }
    return this;
  }

  WavBytes chunk(String id, byte[] body) {
    return chunk(id, body.length, body);
  }

  /** Appends a plain 16-byte fmt chunk. */
  WavBytes fmt(int tag, int channels, int rate, int bits) {
    int align = channels * ((bits + 7) / 8);
    return chunk("fmt ", fmtBody(tag, channels, rate, bits, align, 16));
  }

  /** Appends a 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk with the given sub-format GUID. */
  WavBytes fmtExtensible(int channels, int rate, int bits, byte[] guid) {
    int align = channels * bits / 8;
    ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
    b.put(fmtBody(0xFFFE, channels, rate, bits, align, 16));
    b.putShort((short) 22).putShort((short) bits).putInt(0).put(guid);
    return chunk("fmt ", b.array());
  }

  /** Returns the KSDATAFORMAT_SUBTYPE GUID that embeds {@code tag}. */
  static byte[] guid(int tag) {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) tag).putShort((short) 0).putShort((short) 0).putShort((short) 0x0010);
    b.put(new byte[] {(byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
    return b.array();
  }

  static byte[] fmtBody(int tag, int channels, int rate, int bits, int align, int size) {
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * align);
    b.putShort((short) align).putShort((short) bits);
    return b.array();
  }

  WavBytes raw(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  /** Returns the bytes with the RIFF size field set to {@code length - 8}. */
  byte[] bytes() {
    byte[] b = out.toByteArray();
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(4, b.length - 8);
    return b;
  }

  /** Returns the bytes without patching the RIFF size (for RF64, whose size field is -1). */
  byte[] bytesAsIs() {
    return out.toByteArray();
  }

  Path write(Path dir, String name) throws IOException {
    return Files.write(dir.resolve(name), bytes());
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] le32(long v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
  }

  static byte[] s16(short... v) {
    ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (short x : v) {
      b.putShort(x);
    }
    return b.array();
  }

  static byte[] f32(float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      b.putFloat(x);
    }
    return b.array();
  }

  static byte[] f64(double... v) {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double x : v) {
      b.putDouble(x);
    }
    return b.array();
  }
}
