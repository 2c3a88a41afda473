package io.uatr.dsp.features;

/**
 * Two-pass split-window (TPSW) background estimator settings.
 *
 * @param halfWindow half width N of the averaging window in bins ({@code tpsw_window}); the window
 *     spans 2N+1 bins centred on the bin being estimated
 * @param halfGap half width G of the excluded central gap in bins ({@code tpsw_gap}); the gap spans
 *     2G+1 bins, {@code 0 <= G < N}
 * @param alpha clipping factor ({@code tpsw_alpha}): in the first pass, a bin greater than alpha
 *     times its local mean is replaced by that mean; must be &gt;= 1
 */
public record TpswConfig(int halfWindow, int halfGap, double alpha) {

  /** Validates every field and names the bad one. */
  public TpswConfig {
    if (halfWindow < 1) {
      throw new IllegalArgumentException("tpsw_window must be >= 1, was " + halfWindow);
    }
    if (halfGap < 0 || halfGap >= halfWindow) {
      throw new IllegalArgumentException(
          "tpsw_gap must be in [0, tpsw_window=" + halfWindow + "), was " + halfGap);
    }
    if (!(alpha >= 1.0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("tpsw_alpha must be a finite number >= 1, was " + alpha);
    }
  }

  /** A common choice: N = 16 bins, G = 2 bins, alpha = 2. */
  public static TpswConfig defaults() {
    return new TpswConfig(16, 2, 2.0);
  }

  /**
   * Estimates the background of {@code spectrum}; see {@link Tpsw#background(double[], int, int,
   * double)}.
   *
   * @param spectrum [bins] power or magnitude spectrum
   * @return [bins] background, same units
   */
  public double[] background(double[] spectrum) {
    return Tpsw.background(spectrum, halfWindow, halfGap, alpha);
  }

  /**
   * Divides {@code spectrum} by its background; see {@link Tpsw#normalize(float[], int, int,
   * double)}.
   *
   * @param spectrum [bins] power or magnitude spectrum
   * @return [bins] spectrum / background, dimensionless
   */
  public float[] normalize(float[] spectrum) {
    return Tpsw.normalize(spectrum, halfWindow, halfGap, alpha);
  }
}
