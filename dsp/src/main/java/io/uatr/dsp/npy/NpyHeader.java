package io.uatr.dsp.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a NumPy {@code .npy} file (format version 1.0 or 2.0): dtype, order and shape.
 *
 * @param descr the dtype, for example {@code <f4}
 * @param fortranOrder whether the data are in Fortran (column-major) order
 * @param shape the array shape
 * @param dataOffset byte offset of the first element
 */
public record NpyHeader(String descr, boolean fortranOrder, long[] shape, long dataOffset) {
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  /** Number of elements (product of the shape). */
  public long size() {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    return n;
  }

  /**
   * Encodes a version 1.0 header for a little-endian float32 C-order array, padded so that the data
   * start at a multiple of 64 bytes.
   *
   * @param shape the array shape
   * @return the header bytes
   */
  public static byte[] encodeFloat32(long... shape) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      s.append(shape[i]).append(shape.length == 1 ? "," : i + 1 < shape.length ? ", " : "");
    }
    s.append(')');
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + s + ", }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int total = (unpadded + 63) / 64 * 64;
    byte[] out = new byte[total];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    out[6] = 1;
    out[7] = 0;
    int hlen = total - 10;
    out[8] = (byte) (hlen & 0xff);
    out[9] = (byte) (hlen >>> 8);
    byte[] d = dict.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(d, 0, out, 10, d.length);
    Arrays.fill(out, 10 + d.length, total - 1, (byte) ' ');
    out[total - 1] = '\n';
    return out;
  }

  /**
   * Parses a header from the start of a file.
   *
   * @param start at least the first 10 bytes, and the whole header when available
   * @param name file name for error messages
   * @return the header
   * @throws IOException naming the file when it is not a valid .npy
   */
  public static NpyHeader parse(ByteBuffer start, String name) throws IOException {
    ByteBuffer b = start.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    if (b.remaining() < 10) {
      throw new IOException(name + ": not a .npy file (too short)");
    }
    for (byte m : MAGIC) {
      if (b.get() != m) {
        throw new IOException(name + ": not a .npy file (bad magic)");
      }
    }
    int major = b.get();
    b.get();
    long hlen;
    int pre;
    if (major == 1) {
      hlen = b.getShort() & 0xffff;
      pre = 10;
    } else if (major == 2 || major == 3) {
      hlen = b.getInt() & 0xffffffffL;
      pre = 12;
    } else {
      throw new IOException(name + ": unsupported .npy version " + major);
    }
    if (b.remaining() < hlen) {
      throw new IOException(name + ": truncated .npy header");
    }
    byte[] h = new byte[(int) hlen];
    b.get(h);
    String dict = new String(h, StandardCharsets.ISO_8859_1);
    Matcher d = DESCR.matcher(dict);
    Matcher f = FORTRAN.matcher(dict);
    Matcher s = SHAPE.matcher(dict);
    if (!d.find() || !f.find() || !s.find()) {
      throw new IOException(name + ": malformed .npy header: " + dict.trim());
    }
    String[] parts = s.group(1).split(",");
    long[] shape =
        Arrays.stream(parts)
            .map(String::trim)
            .filter(p -> !p.isEmpty())
            .mapToLong(Long::parseLong)
            .toArray();
    return new NpyHeader(d.group(1), f.group(1).equals("True"), shape, pre + hlen);
  }
}
