package io.uatr.dsp.features;

/**
 * Two-pass split-window (TPSW) background estimation, the classic sonar spectrum normaliser
 * (Struzinski and Lowe, 1984). Pure static; O(bins) per spectrum via prefix sums.
 *
 * <p>For bin i the split window is the set of bins j with {@code G < |j - i| <= N}: 2N+1 bins
 * centred on i minus a central gap of 2G+1 bins. Pass 1 takes the mean m1 of the spectrum over the
 * split window; every bin greater than {@code alpha * m1[i]} is replaced by {@code m1[i]} (so that
 * tonal lines do not raise their neighbours' background). Pass 2 takes the mean of this clipped
 * spectrum over the same split window: that is the background. The normalised spectrum is {@code
 * spectrum / background}.
 *
 * <p>Edges: the window is truncated to the bins that exist, and the mean is taken over the bins
 * actually present (so near the ends the window is one-sided). If no bin of the split window exists
 * (a spectrum of at most G+1 bins), the bin's own value is used as its mean. A background of zero
 * (an all-zero neighbourhood) is replaced by {@link Double#MIN_NORMAL} in the division.
 */
public final class Tpsw {
  private Tpsw() {}

  /**
   * Estimates the background of a spectrum.
   *
   * @param spectrum [bins] non-negative power or magnitude spectrum
   * @param halfWindow N, half width of the window in bins, &gt;= 1
   * @param halfGap G, half width of the central gap in bins, 0 &lt;= G &lt; N
   * @param alpha clipping factor, &gt;= 1
   * @return [bins] background, same units as the spectrum
   */
  public static double[] background(double[] spectrum, int halfWindow, int halfGap, double alpha) {
    int n = spectrum.length;
    double[] out = new double[n];
    double[] prefix = new double[n + 1];
    check(halfWindow, halfGap, alpha);
    double[] clipped = new double[n];
    prefixSums(spectrum, prefix);
    for (int i = 0; i < n; i++) {
      double m = splitMean(prefix, n, i, halfWindow, halfGap, spectrum[i]);
      clipped[i] = spectrum[i] > alpha * m ? m : spectrum[i];
    }
    prefixSums(clipped, prefix);
    for (int i = 0; i < n; i++) {
      out[i] = splitMean(prefix, n, i, halfWindow, halfGap, clipped[i]);
    }
    return out;
  }

  /**
   * Estimates the background of a float spectrum.
   *
   * @param spectrum [bins] non-negative power or magnitude spectrum
   * @param halfWindow N, half width of the window in bins
   * @param halfGap G, half width of the central gap in bins
   * @param alpha clipping factor
   * @return [bins] background, same units as the spectrum
   */
  public static float[] background(float[] spectrum, int halfWindow, int halfGap, double alpha) {
    float[] out = new float[spectrum.length];
    background(spectrum, 0, spectrum.length, halfWindow, halfGap, alpha, out, new double[0]);
    return out;
  }

  /**
   * Allocation-free form for streaming use: estimates the background of {@code spectrum[off, off +
   * len)} into {@code out[0, len)}.
   *
   * @param spectrum source spectrum
   * @param off first bin
   * @param len number of bins
   * @param halfWindow N, half width of the window in bins
   * @param halfGap G, half width of the central gap in bins
   * @param alpha clipping factor
   * @param out [len] receives the background; may not alias {@code spectrum}
   * @param work scratch of at least len+1 doubles; a shorter array is replaced by a new one
   * @return the scratch array used (pass it back next time to avoid allocation)
   */
  public static double[] background(
      float[] spectrum,
      int off,
      int len,
      int halfWindow,
      int halfGap,
      double alpha,
      float[] out,
      double[] work) {
    check(halfWindow, halfGap, alpha);
    double[] prefix = work.length >= len + 1 ? work : new double[len + 1];
    prefix[0] = 0;
    for (int i = 0; i < len; i++) {
      prefix[i + 1] = prefix[i] + spectrum[off + i];
    }
    // out temporarily holds the clipped spectrum
    for (int i = 0; i < len; i++) {
      double v = spectrum[off + i];
      double m = splitMean(prefix, len, i, halfWindow, halfGap, v);
      out[i] = (float) (v > alpha * m ? m : v);
    }
    for (int i = 0; i < len; i++) {
      prefix[i + 1] = prefix[i] + out[i];
    }
    for (int i = 0; i < len; i++) {
      out[i] = (float) splitMean(prefix, len, i, halfWindow, halfGap, out[i]);
    }
    return prefix;
  }

  /**
   * Normalises a spectrum by its TPSW background.
   *
   * @param spectrum [bins] non-negative power or magnitude spectrum
   * @param halfWindow N, half width of the window in bins
   * @param halfGap G, half width of the central gap in bins
   * @param alpha clipping factor
   * @return [bins] spectrum / background, dimensionless (about 1 on the noise floor)
   */
  public static float[] normalize(float[] spectrum, int halfWindow, int halfGap, double alpha) {
    float[] bg = background(spectrum, halfWindow, halfGap, alpha);
    for (int i = 0; i < bg.length; i++) {
      bg[i] = (float) (spectrum[i] / Math.max(bg[i], Double.MIN_NORMAL));
    }
    return bg;
  }

  private static void check(int halfWindow, int halfGap, double alpha) {
    if (halfWindow < 1 || halfGap < 0 || halfGap >= halfWindow || !(alpha >= 1.0)) {
      // reuse the config's validation for the message
      new TpswConfig(halfWindow, halfGap, alpha);
    }
  }

  private static void prefixSums(double[] x, double[] prefix) {
    prefix[0] = 0;
    for (int i = 0; i < x.length; i++) {
      prefix[i + 1] = prefix[i] + x[i];
    }
  }

  /** Mean over {@code G < |j - i| <= N}, truncated to [0, n); {@code self} if that set is empty. */
  private static double splitMean(
      double[] prefix, int n, int i, int halfWindow, int halfGap, double self) {
    int lo1 = Math.max(0, i - halfWindow);
    int hi1 = Math.max(0, i - halfGap); // exclusive
    int lo2 = Math.min(n, i + halfGap + 1);
    int hi2 = Math.min(n, i + halfWindow + 1); // exclusive
    int count = Math.max(0, hi1 - lo1) + Math.max(0, hi2 - lo2);
    if (count == 0) {
      return self;
    }
    double sum = 0;
    if (hi1 > lo1) {
      sum += prefix[hi1] - prefix[lo1];
    }
    if (hi2 > lo2) {
      sum += prefix[hi2] - prefix[lo2];
    }
    return sum / count;
  }
}
