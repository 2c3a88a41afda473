package io.uatr.models.blocks;

import ai.djl.ndarray.NDArray;

/**
 * Multiplication and division by a constant that are safe inside an autograd graph.
 *
 * <p>Why: DJL's {@code NDArray.mul(Number)} and {@code div(Number)} (PyTorch engine 0.36) create
 * the scalar as a tensor over a Java direct buffer, apply the op and close the scalar at once. The
 * autograd graph keeps that tensor for the backward pass (the gradient of a*s is s), but its memory
 * belongs to the Java buffer, which the garbage collector frees when it next runs. A backward pass
 * after such a collection reads freed memory: gradients of 1e5 to 1e26 or NaN, rarely, at points
 * that depend on when the collector runs (the "spikes" of the gate routers, whose temperature
 * division is the first such op after them). These helpers give the graph a copy in the engine's
 * own memory. Use them for every constant factor on a tensor that requires a gradient; additions of
 * a constant are safe (their gradient does not read it).
 */
public final class Scalars {

  private Scalars() {}

  /**
   * Returns {@code a * s} with the scalar owned by the engine.
   *
   * @param a any shape
   * @param s the factor
   * @return same shape as {@code a}
   */
  public static NDArray mul(NDArray a, float s) {
    try (NDArray blob = a.getManager().create(s);
        NDArray owned = blob.duplicate()) {
      return a.mul(owned);
    }
  }

  /**
   * Returns {@code a / s} with the scalar owned by the engine.
   *
   * @param a any shape
   * @param s the divisor, not 0
   * @return same shape as {@code a}
   */
  public static NDArray div(NDArray a, float s) {
    try (NDArray blob = a.getManager().create(s);
        NDArray owned = blob.duplicate()) {
      return a.div(owned);
    }
  }
}
