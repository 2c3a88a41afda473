package io.uatr.collab.net;

import java.util.Arrays;

/**
 * A float32 array as it crosses the wire: its shape and its values in C order.
 *
 * @param shape dimensions, e.g. [B][D] for a hidden activation
 * @param data values in C order, length = product of shape
 */
public record Tensor(long[] shape, float[] data) {

  /** Checks that the data length matches the shape. */
  public Tensor {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + n + " values, has " + data.length);
    }
  }

  /** Returns the payload size in bytes (4 per value). */
  public long bytes() {
    return 4L * data.length;
  }

  /** Returns the shape as text, e.g. "[12, 32]". */
  public String shapeText() {
    return Arrays.toString(shape);
  }
}
