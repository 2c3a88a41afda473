package io.uatr.experiments.run;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/** Counts the trainable parameters of a DJL block. */
public final class ParamCount {
  private ParamCount() {}

  /**
   * The number of trainable scalars of an initialised block: the element count of every parameter
   * that requires a gradient (weights, biases, batch-norm gamma and beta; not batch-norm running
   * statistics nor frozen parameters).
   *
   * @param block an initialised block
   * @return the count (scalars)
   * @throws IllegalStateException when a trainable parameter is not initialised
   */
  public static long trainable(Block block) {
    long n = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter v = p.getValue();
      if (v.requiresGradient()) {
        if (!v.isInitialized()) {
          throw new IllegalStateException("parameter " + p.getKey() + " is not initialised");
        }
        n += v.getArray().size();
      }
    }
    return n;
  }
}
