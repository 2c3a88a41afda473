package io.uatr.training;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Finiteness checks on NDArrays. */
public final class Finite {

  private Finite() {}

  /** Whether every entry of {@code a} (any shape) is finite: no NaN, no infinity. */
  public static boolean all(NDArray a) {
    return !(a.isNaN().any().getBoolean() || a.isInfinite().any().getBoolean());
  }

  /**
   * Returns the index of the first array in {@code arrays} holding a NaN or an infinity, or -1.
   *
   * @param arrays arrays of any shapes
   * @return the index, or -1 when every entry is finite
   */
  public static int firstNonFinite(List<NDArray> arrays) {
    for (int i = 0; i < arrays.size(); i++) {
      if (!all(arrays.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
