package io.uatr.dsp.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Streams a [rows][cols] float32 C-order matrix to a {@code .npy} file one column at a time (a
 * spectrogram arrives frame by frame, but is stored bins-major). Columns are buffered in blocks and
 * each block is written as one contiguous run per row, so memory is O(rows x block) whatever the
 * number of columns. The file appears atomically at its name on {@link #commit()}; closing without
 * committing deletes the partial file.
 */
public final class NpyMatrixWriter implements AutoCloseable {
  private static final int BLOCK = 1024;
  private final Path target;
  private final Path temp;
  private final FileChannel ch;
  private final int rows;
  private final long cols;
  private final long dataOffset;
  private final float[][] block; // [rows][BLOCK]
  private final ByteBuffer run;
  private int inBlock;
  private long written;
  private boolean committed;

  private NpyMatrixWriter(Path target, int rows, long cols) throws IOException {
    this.target = target.toAbsolutePath();
    this.rows = rows;
    this.cols = cols;
    Path dir = this.target.getParent();
    Files.createDirectories(dir);
    this.temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
    this.ch = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE);
    byte[] header = NpyHeader.encodeFloat32(rows, cols);
    ch.write(ByteBuffer.wrap(header), 0);
    this.dataOffset = header.length;
    this.block = new float[rows][BLOCK];
    this.run = ByteBuffer.allocateDirect(BLOCK * 4).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Opens a writer.
   *
   * @param target the final .npy path
   * @param rows number of rows (bins)
   * @param cols number of columns (frames) that will be written
   * @return the writer
   * @throws IOException when the temporary file cannot be created
   */
  public static NpyMatrixWriter create(Path target, int rows, long cols) throws IOException {
    return new NpyMatrixWriter(target, rows, cols);
  }

  /** Number of columns written so far. */
  public long columnsWritten() {
    return written + inBlock;
  }

  /**
   * Appends one column.
   *
   * @param column [rows] values
   * @throws IOException when writing fails
   */
  public void writeColumn(float[] column) throws IOException {
    if (columnsWritten() >= cols) {
      throw new IllegalStateException("more than the declared " + cols + " columns");
    }
    for (int r = 0; r < rows; r++) {
      block[r][inBlock] = column[r];
    }
    if (++inBlock == BLOCK) {
      flushBlock();
    }
  }

  private void flushBlock() throws IOException {
    for (int r = 0; r < rows; r++) {
      run.clear();
      run.asFloatBuffer().put(block[r], 0, inBlock);
      run.limit(inBlock * 4);
      long pos = dataOffset + 4L * (r * cols + written);
      while (run.hasRemaining()) {
        pos += ch.write(run, pos);
      }
    }
    written += inBlock;
    inBlock = 0;
  }

  /**
   * Raises every value written so far below {@code floor} to {@code floor} (librosa's {@code
   * top_db} after the global maximum is known); call it after the last column. Reads and rewrites
   * the file in 1 MiB chunks.
   *
   * @param floor the lowest value kept
   * @throws IOException when reading or writing fails
   */
  public void clipBelow(float floor) throws IOException {
    flushBlock();
    long end = dataOffset + 4L * rows * cols;
    ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    for (long pos = dataOffset; pos < end; pos += chunk.capacity()) {
      chunk.clear();
      chunk.limit((int) Math.min(chunk.capacity(), end - pos));
      while (chunk.hasRemaining() && ch.read(chunk, pos + chunk.position()) >= 0) {
        // keep reading until the chunk is full
      }
      chunk.flip();
      for (int i = 0; i < chunk.limit(); i += 4) {
        if (chunk.getFloat(i) < floor) {
          chunk.putFloat(i, floor);
        }
      }
      long p = pos;
      while (chunk.hasRemaining()) {
        p += ch.write(chunk, p);
      }
    }
  }

  /**
   * Flushes, checks that every declared column was written, and moves the file to its name.
   *
   * @throws IOException when writing fails or fewer columns than declared were written
   */
  public void commit() throws IOException {
    flushBlock();
    if (written != cols) {
      throw new IOException(
          target + ": wrote " + written + " columns but the header declares " + cols);
    }
    ch.force(false);
    ch.close();
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    committed = true;
  }

  @Override
  public void close() throws IOException {
    if (!committed) {
      ch.close();
      Files.deleteIfExists(temp);
    }
  }
}
