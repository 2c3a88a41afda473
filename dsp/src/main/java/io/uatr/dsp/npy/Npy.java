package io.uatr.dsp.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reading and writing whole NumPy {@code .npy} arrays (pure static). */
public final class Npy {
  private Npy() {}

  /**
   * A float array read from a .npy file with its shape.
   *
   * @param shape the array shape
   * @param data the elements in C order, converted to float
   */
  public record FloatArray(long[] shape, float[] data) {
    /** Element at [r][c] of a 2-D array. */
    public float get(int r, int c) {
      return data[(int) (r * shape[1] + c)];
    }

    /** The array as [shape[0]][shape[1]] (2-D arrays only). */
    public float[][] toMatrix() {
      if (shape.length != 2) {
        throw new IllegalStateException("not a 2-D array: " + shape.length + " dimensions");
      }
      float[][] m = new float[(int) shape[0]][(int) shape[1]];
      for (int r = 0; r < m.length; r++) {
        System.arraycopy(data, (int) (r * shape[1]), m[r], 0, m[r].length);
      }
      return m;
    }
  }

  /**
   * Reads a little-endian float32 or float64 (or int16/int32) array in C order.
   *
   * @param file the .npy file
   * @return shape and data as float
   * @throws IOException naming the file when it is unreadable or of an unsupported dtype
   */
  public static FloatArray read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer head = ByteBuffer.allocate((int) Math.min(ch.size(), 65536 + 12));
      ch.read(head, 0);
      head.flip();
      NpyHeader h = NpyHeader.parse(head, file.toString());
      if (h.fortranOrder()) {
        throw new IOException(file + ": Fortran-order arrays are not supported");
      }
      int width = elementBytes(h.descr(), file);
      long n = h.size();
      if (n > Integer.MAX_VALUE || h.dataOffset() + n * width > ch.size()) {
        throw new IOException(file + ": data shorter than the shape " + shapeText(h.shape()));
      }
      ByteBuffer b = ByteBuffer.allocate((int) (n * width)).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(b, h.dataOffset());
      b.flip();
      float[] out = new float[(int) n];
      for (int i = 0; i < n; i++) {
        out[i] =
            switch (h.descr()) {
              case "<f4" -> b.getFloat();
              case "<f8" -> (float) b.getDouble();
              case "<i2" -> b.getShort();
              default -> b.getInt();
            };
      }
      return new FloatArray(h.shape(), out);
    }
  }

  /**
   * Writes a 2-D float32 array atomically.
   *
   * @param file target file
   * @param m [rows][cols] values
   * @throws IOException when writing fails
   */
  public static void write(Path file, float[][] m) throws IOException {
    int cols = m.length == 0 ? 0 : m[0].length;
    try (NpyMatrixWriter w = NpyMatrixWriter.create(file, m.length, cols)) {
      float[] col = new float[m.length];
      for (int c = 0; c < cols; c++) {
        for (int r = 0; r < m.length; r++) {
          col[r] = m[r][c];
        }
        w.writeColumn(col);
      }
      w.commit();
    }
  }

  private static int elementBytes(String descr, Path file) throws IOException {
    return switch (descr) {
      case "<f4", "<i4" -> 4;
      case "<f8" -> 8;
      case "<i2" -> 2;
      default -> throw new IOException(file + ": unsupported dtype " + descr);
    };
  }

  static String shapeText(long[] shape) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      s.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return s.append(')').toString();
  }
}
