package io.uatr.datasets.synth;

import java.util.random.RandomGenerator;

/**
 * A closed interval [lo, hi] of a physical quantity, from which values are drawn uniformly.
 *
 * @param lo lower bound
 * @param hi upper bound (&gt;= lo)
 */
public record Interval(double lo, double hi) {

  /** Validates the bounds. */
  public Interval {
    if (!(lo <= hi) || Double.isNaN(lo) || Double.isInfinite(hi)) {
      throw new IllegalArgumentException(
          "interval needs finite lo <= hi, was [" + lo + ", " + hi + "]");
    }
  }

  /**
   * Draws a value uniformly.
   *
   * @param rng random source
   * @return a value in [lo, hi]
   */
  public double draw(RandomGenerator rng) {
    return lo == hi ? lo : lo + (hi - lo) * rng.nextDouble();
  }

  /**
   * Draws an integer uniformly from [ceil(lo), floor(hi)].
   *
   * @param rng random source
   * @return an integer in the interval
   */
  public int drawInt(RandomGenerator rng) {
    int a = (int) Math.ceil(lo);
    int b = (int) Math.floor(hi);
    return a >= b ? a : a + rng.nextInt(b - a + 1);
  }

  /** Whether {@code x} lies in the interval. */
  public boolean contains(double x) {
    return x >= lo && x <= hi;
  }
}
