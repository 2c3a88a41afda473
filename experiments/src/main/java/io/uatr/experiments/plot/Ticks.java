package io.uatr.experiments.plot;

/** "Nice" axis tick steps (1, 2, 5 x 10^k). */
final class Ticks {
  private Ticks() {}

  /**
   * A step that splits {@code span} into about {@code target} intervals.
   *
   * @param span the axis range, positive
   * @param target the wanted number of intervals
   * @return the step
   */
  static double step(double span, int target) {
    if (span <= 0) {
      return 1;
    }
    double raw = span / target;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double norm = raw / mag;
    double nice = norm < 1.5 ? 1 : norm < 3.5 ? 2 : norm < 7.5 ? 5 : 10;
    return nice * mag;
  }

  /** Formats a tick value without needless decimals. */
  static String format(double v) {
    if (Math.abs(v - Math.rint(v)) < 1e-9 * Math.max(1, Math.abs(v))) {
      return Long.toString(Math.round(v));
    }
    return new java.math.BigDecimal(String.format(java.util.Locale.ROOT, "%.3g", v))
        .stripTrailingZeros()
        .toPlainString();
  }
}
