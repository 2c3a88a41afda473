package io.uatr.training;

import io.uatr.datasets.CachedFeatures;
import java.nio.FloatBuffer;

/**
 * The [bins][frames] feature matrix of one segment: an array on the heap, or a window of columns of
 * a larger matrix (a whole recording's features, possibly memory-mapped from the feature cache), so
 * that overlapping segments share storage. Implementations are read-only and safe for concurrent
 * reads.
 */
public interface SegmentFeatures {

  /** Number of rows (e.g. mel bands). */
  int bins();

  /** Number of columns (frames). */
  int frames();

  /**
   * Copies the matrix into {@code dst}.
   *
   * @param dst [bins][frames] destination
   */
  void copyTo(float[][] dst);

  /** Returns a new [bins][frames] heap copy. */
  default float[][] toArray() {
    float[][] out = new float[bins()][frames()];
    copyTo(out);
    return out;
  }

  /**
   * Wraps a heap matrix without copying; do not modify it afterwards.
   *
   * @param m [bins][frames], rectangular, non-empty
   * @return the features
   */
  static SegmentFeatures of(float[][] m) {
    return window(m, 0, m.length == 0 ? 0 : m[0].length);
  }

  /**
   * Columns [first, first + frames) of a heap matrix, without copying.
   *
   * @param m [bins][cols] matrix, rectangular
   * @param first first column
   * @param frames number of columns (&gt;= 1)
   * @return the window
   */
  static SegmentFeatures window(float[][] m, int first, int frames) {
    if (m.length == 0 || m[0].length == 0) {
      throw new IllegalArgumentException("empty feature matrix");
    }
    for (float[] row : m) {
      if (row.length != m[0].length) {
        throw new IllegalArgumentException(
            "ragged feature matrix (" + row.length + " vs " + m[0].length + " columns)");
      }
    }
    check(first, frames, m[0].length);
    return new SegmentFeatures() {
      @Override
      public int bins() {
        return m.length;
      }

      @Override
      public int frames() {
        return frames;
      }

      @Override
      public void copyTo(float[][] dst) {
        for (int r = 0; r < m.length; r++) {
          System.arraycopy(m[r], first, dst[r], 0, frames);
        }
      }
    };
  }

  /**
   * Columns [first, first + frames) of a cached (memory-mapped) feature matrix; values are read
   * from the mapping at each copy.
   *
   * @param c the cached [rows][cols] matrix
   * @param first first column
   * @param frames number of columns (&gt;= 1)
   * @return the window
   */
  static SegmentFeatures window(CachedFeatures c, int first, int frames) {
    check(first, frames, c.cols());
    FloatBuffer data = c.data();
    int rows = c.rows();
    int cols = c.cols();
    return new SegmentFeatures() {
      @Override
      public int bins() {
        return rows;
      }

      @Override
      public int frames() {
        return frames;
      }

      @Override
      public void copyTo(float[][] dst) {
        for (int r = 0; r < rows; r++) {
          data.get(r * cols + first, dst[r], 0, frames);
        }
      }
    };
  }

  private static void check(int first, int frames, int cols) {
    if (frames < 1 || first < 0 || first + frames > cols) {
      throw new IllegalArgumentException(
          "window [" + first + ", " + (first + frames) + ") outside 0.." + cols + " columns");
    }
  }
}
