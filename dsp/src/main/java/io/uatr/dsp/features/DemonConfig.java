package io.uatr.dsp.features;

/**
 * DEMON (detection of envelope modulation on noise) settings. Frequencies in Hz, times in seconds.
 *
 * <p>Defaults ({@link #defaults()}): band 1000-8000 Hz (the upper edge is clipped to 0.9 x Nyquist
 * at low sample rates), Butterworth order 4 (8 poles), square-law demodulation, automatic two-stage
 * decimation to a rate of at least 3 x fmax, 10 s windows (0.1 Hz resolution) every 5 s, 0.5-100 Hz
 * kept, TPSW normalisation with half window 30 bins, half gap 3 bins, alpha 2.
 *
 * @param bandLow lower -3 dB edge of the band-pass in Hz ({@code band_low}), &gt; 0
 * @param bandHigh upper -3 dB edge in Hz ({@code band_high}), &gt; band_low
 * @param filterOrder Butterworth prototype order of the band-pass ({@code filter_order}, 1..16; the
 *     band-pass has 2 x order poles, as scipy's {@code butter(order, [lo, hi], 'band')})
 * @param demodulation square law or Hilbert magnitude ({@code demodulation})
 * @param decimation1 first decimation factor ({@code decimation[0]}); 0 with decimation2 = 0 means
 *     automatic, see {@link DemonLayout}
 * @param decimation2 second decimation factor ({@code decimation[1]}), 0 for automatic
 * @param windowSeconds length of one analysis window in seconds ({@code window_seconds}); the
 *     resolution is about 1 / window_seconds Hz
 * @param hopSeconds time between windows in seconds ({@code hop_seconds})
 * @param fmin lowest modulation frequency kept in Hz ({@code fmin}), &gt;= 0
 * @param fmax highest modulation frequency kept in Hz ({@code fmax}), &gt; fmin
 * @param normalisation per-frame normalisation ({@code normalisation})
 * @param tpswWindow TPSW half window in bins ({@code tpsw_window}), used by {@code tpsw}
 * @param tpswGap TPSW half gap in bins ({@code tpsw_gap})
 * @param tpswAlpha TPSW clipping factor ({@code tpsw_alpha})
 */
public record DemonConfig(
    double bandLow,
    double bandHigh,
    int filterOrder,
    DemonDemodulation demodulation,
    int decimation1,
    int decimation2,
    double windowSeconds,
    double hopSeconds,
    double fmin,
    double fmax,
    DemonNormalization normalisation,
    int tpswWindow,
    int tpswGap,
    double tpswAlpha) {

  /** Largest accepted {@code filter_order}. */
  public static final int MAX_FILTER_ORDER = 16;

  /** Validates every field and names the bad one. */
  public DemonConfig {
    if (!(bandLow > 0) || Double.isInfinite(bandLow)) {
      throw new IllegalArgumentException("band_low must be a finite number > 0, was " + bandLow);
    }
    if (!(bandHigh > bandLow) || Double.isInfinite(bandHigh)) {
      throw new IllegalArgumentException(
          "band_high must be finite and > band_low=" + bandLow + ", was " + bandHigh);
    }
    if (filterOrder < 1 || filterOrder > MAX_FILTER_ORDER) {
      throw new IllegalArgumentException(
          "filter_order must be in 1.." + MAX_FILTER_ORDER + ", was " + filterOrder);
    }
    if (demodulation == null) {
      throw new IllegalArgumentException("demodulation must be set (square or hilbert)");
    }
    boolean auto = decimation1 == 0 && decimation2 == 0;
    if (!auto && (decimation1 < 1 || decimation2 < 1)) {
      throw new IllegalArgumentException(
          "decimation must be two factors >= 1, or 0,0 for automatic; was "
              + decimation1
              + ","
              + decimation2);
    }
    if (!(windowSeconds > 0) || Double.isInfinite(windowSeconds)) {
      throw new IllegalArgumentException(
          "window_seconds must be a finite number > 0, was " + windowSeconds);
    }
    if (!(hopSeconds > 0) || Double.isInfinite(hopSeconds)) {
      throw new IllegalArgumentException(
          "hop_seconds must be a finite number > 0, was " + hopSeconds);
    }
    if (!(fmin >= 0) || Double.isInfinite(fmin)) {
      throw new IllegalArgumentException("fmin must be a finite number >= 0, was " + fmin);
    }
    if (!(fmax > fmin) || Double.isInfinite(fmax)) {
      throw new IllegalArgumentException(
          "fmax must be finite and > fmin=" + fmin + ", was " + fmax);
    }
    if (normalisation == null) {
      throw new IllegalArgumentException("normalisation must be set (tpsw, median, max or none)");
    }
    new TpswConfig(tpswWindow, tpswGap, tpswAlpha); // validates and names the tpsw_* key
  }

  /** The defaults listed in the class description. */
  public static DemonConfig defaults() {
    return new DemonConfig(
        1000,
        8000,
        4,
        DemonDemodulation.SQUARE,
        0,
        0,
        10,
        5,
        0.5,
        100,
        DemonNormalization.TPSW,
        30,
        3,
        2.0);
  }

  /** This config with another demodulation. */
  public DemonConfig withDemodulation(DemonDemodulation d) {
    return new DemonConfig(
        bandLow,
        bandHigh,
        filterOrder,
        d,
        decimation1,
        decimation2,
        windowSeconds,
        hopSeconds,
        fmin,
        fmax,
        normalisation,
        tpswWindow,
        tpswGap,
        tpswAlpha);
  }

  /** This config with another normalisation. */
  public DemonConfig withNormalisation(DemonNormalization n) {
    return new DemonConfig(
        bandLow,
        bandHigh,
        filterOrder,
        demodulation,
        decimation1,
        decimation2,
        windowSeconds,
        hopSeconds,
        fmin,
        fmax,
        n,
        tpswWindow,
        tpswGap,
        tpswAlpha);
  }

  /**
   * This config with other analysis windows.
   *
   * @param window window_seconds
   * @param hop hop_seconds
   * @return the new config
   */
  public DemonConfig withWindow(double window, double hop) {
    return new DemonConfig(
        bandLow,
        bandHigh,
        filterOrder,
        demodulation,
        decimation1,
        decimation2,
        window,
        hop,
        fmin,
        fmax,
        normalisation,
        tpswWindow,
        tpswGap,
        tpswAlpha);
  }

  /**
   * Resolves the sample-rate-dependent quantities (filter edges, decimation, window lengths, kept
   * bins).
   *
   * @param sampleRate input sample rate in Hz
   * @return the layout
   * @throws IllegalArgumentException naming the key that cannot be met at this rate
   */
  public DemonLayout layout(int sampleRate) {
    return DemonLayout.of(this, sampleRate);
  }
}
