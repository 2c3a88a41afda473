package io.uatr.datasets;

import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * A feature matrix read from the cache: a read-only, memory-mapped float32 view.
 *
 * @param file the cache file
 * @param rows number of rows (e.g. mel bands)
 * @param cols number of columns (e.g. frames)
 * @param data [rows * cols] row-major values, memory-mapped
 */
public record CachedFeatures(Path file, int rows, int cols, FloatBuffer data) {

  /**
   * One value.
   *
   * @param r row
   * @param c column
   * @return the value at [r][c]
   */
  public float get(int r, int c) {
    return data.get(r * cols + c);
  }

  /** A heap copy, [rows][cols]. */
  public float[][] toArray() {
    float[][] out = new float[rows][cols];
    for (int r = 0; r < rows; r++) {
      data.get(r * cols, out[r], 0, cols);
    }
    return out;
  }
}
