package io.uatr.datasets.synth;

/**
 * A straight pass past the hydrophone: horizontal range r(t) = sqrt(d^2 + (v (t - t0))^2).
 *
 * @param cpaRangeM horizontal range d at the closest point of approach in m
 * @param cpaTimeS time t0 of the closest point of approach in s from the start of the recording
 * @param speedMs speed over ground v in m/s (0 for a stationary source)
 */
public record PassGeometry(double cpaRangeM, double cpaTimeS, double speedMs) {

  /** Validates and names the bad value. */
  public PassGeometry {
    if (!(cpaRangeM > 0)) {
      throw new IllegalArgumentException("cpaRangeM must be > 0, was " + cpaRangeM);
    }
    if (!(speedMs >= 0) || Double.isNaN(cpaTimeS)) {
      throw new IllegalArgumentException(
          "speedMs must be >= 0 and cpaTimeS a number, was " + speedMs + ", " + cpaTimeS);
    }
  }

  /**
   * Horizontal range.
   *
   * @param t time in s
   * @return range in m
   */
  public double rangeAt(double t) {
    double x = speedMs * (t - cpaTimeS);
    return Math.sqrt(cpaRangeM * cpaRangeM + x * x);
  }
}
