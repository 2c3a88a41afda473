package io.uatr.dsp.npy;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Read-only, memory-mapped view of a 2-D little-endian float32 C-order {@code .npy} matrix. Each
 * row is mapped on its own, so matrices larger than 2 GiB work while rows stay under 2 GiB; the
 * heap holds none of the data.
 */
public final class NpyMappedMatrix {
  private final FloatBuffer[] rows;
  private final long cols;

  private NpyMappedMatrix(FloatBuffer[] rows, long cols) {
    this.rows = rows;
    this.cols = cols;
  }

  /**
   * Maps a file.
   *
   * @param file a 2-D {@code <f4} C-order .npy file
   * @return the view
   * @throws IOException naming the file when it is not such a matrix
   */
  public static NpyMappedMatrix open(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate((int) Math.min(ch.size(), 65548));
      ch.read(head, 0);
      head.flip();
      NpyHeader h = NpyHeader.parse(head, file.toString());
      if (!h.descr().equals("<f4") || h.fortranOrder() || h.shape().length != 2) {
        throw new IOException(
            file
                + ": expected a 2-D <f4 C-order matrix, found "
                + h.descr()
                + " "
                + Npy.shapeText(h.shape()));
      }
      long nRows = h.shape()[0];
      long nCols = h.shape()[1];
      if (h.dataOffset() + nRows * nCols * 4 > ch.size()) {
        throw new IOException(file + ": data shorter than the shape " + Npy.shapeText(h.shape()));
      }
      FloatBuffer[] rows = new FloatBuffer[(int) nRows];
      for (int r = 0; r < nRows; r++) {
        rows[r] =
            ch.map(FileChannel.MapMode.READ_ONLY, h.dataOffset() + 4 * r * nCols, 4 * nCols)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer();
      }
      return new NpyMappedMatrix(rows, nCols);
    }
  }

  /** Number of rows. */
  public int rows() {
    return rows.length;
  }

  /** Number of columns. */
  public long cols() {
    return cols;
  }

  /** Element [row][col]. */
  public float get(int row, long col) {
    return rows[row].get((int) col);
  }
}
