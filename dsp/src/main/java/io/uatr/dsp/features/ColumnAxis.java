package io.uatr.dsp.features;

/**
 * What the columns of a feature matrix are, for plot axes: column {@code j} lies at {@code first +
 * j * step} in the unit of {@code label}.
 *
 * @param label axis label with its unit, for example "time (s)" or "modulation frequency (Hz)"
 * @param first position of column 0
 * @param step spacing of the columns
 */
public record ColumnAxis(String label, double first, double step) {

  /**
   * A time axis starting at 0.
   *
   * @param frameSeconds seconds between columns
   * @return the axis
   */
  public static ColumnAxis time(double frameSeconds) {
    return new ColumnAxis("time (s)", 0, frameSeconds);
  }
}
