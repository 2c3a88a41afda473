package io.uatr.dsp.features;

/**
 * The sample-rate-dependent quantities of a DEMON analysis, resolved from a {@link DemonConfig}.
 *
 * <p>Band: the upper edge is clipped to {@code 0.9 * sr / 2}. Decimation: when automatic, the total
 * factor is at most {@code D = floor(sr / (3 fmax))} so that the envelope rate is at least three
 * times fmax; the largest product {@code p <= D} is taken that splits as {@code p = d1 * d2} with
 * {@code d2 <= d1 <= 4 d2} (d2 the largest divisor of p not above sqrt(p)). For 52 734 Hz and fmax
 * 100 Hz: 25 x 7, 301.3 Hz. Given factors must leave a rate above 2 fmax. Each stage is an {@link
 * io.uatr.dsp.filter.Decimator} (linear-phase Kaiser-windowed sinc, 80 dB stop band from the
 * stage's output Nyquist frequency, no delay, keeps samples 0, d, 2d...): the first with its -6 dB
 * cut-off at {@value #STAGE1_CUTOFF} of its output Nyquist frequency, the second at {@value
 * #STAGE2_CUTOFF}, so the final pass band (flat within 0.001 dB) reaches 0.8 of the envelope
 * Nyquist frequency: 120 Hz at 301 Hz, above the default fmax. With explicit factors, lines above
 * 0.8 x envelope Nyquist are attenuated. Window and hop in envelope samples: the window is {@code
 * round(window_seconds * rate)} rounded to an even number, the hop {@code max(1, round(hop_seconds
 * * rate))}. Kept bins: {@code ceil(fmin / df)} to {@code floor(fmax / df)} (at most window/2) with
 * {@code df = rate / window}.
 *
 * @param sampleRate input sample rate in Hz
 * @param bandLow band-pass lower edge in Hz
 * @param bandHigh band-pass upper edge in Hz, after clipping
 * @param decimation1 first-stage factor
 * @param decimation2 second-stage factor
 * @param envelopeRate envelope sample rate after decimation in Hz, {@code sr / (d1 d2)}
 * @param windowLength analysis window in envelope samples (even)
 * @param hopLength hop in envelope samples
 * @param firstBin first kept FFT bin
 * @param lastBin last kept FFT bin
 */
public record DemonLayout(
    int sampleRate,
    double bandLow,
    double bandHigh,
    int decimation1,
    int decimation2,
    double envelopeRate,
    int windowLength,
    int hopLength,
    int firstBin,
    int lastBin) {

  /** -6 dB cut-off of the first decimation stage, as a fraction of its output Nyquist frequency. */
  public static final double STAGE1_CUTOFF = 0.8;

  /** -6 dB cut-off of the second stage, as a fraction of the envelope Nyquist frequency. */
  public static final double STAGE2_CUTOFF = 0.9;

  /** Stop-band attenuation of both decimation stages in dB. */
  public static final double STOPBAND_DB = 80;

  static DemonLayout of(DemonConfig c, int sr) {
    if (sr <= 0) {
      throw new IllegalArgumentException("sample rate must be > 0, was " + sr);
    }
    double high = Math.min(c.bandHigh(), 0.45 * sr);
    if (!(c.bandLow() < high)) {
      throw new IllegalArgumentException(
          "band_low="
              + c.bandLow()
              + " Hz must be below band_high clipped to 0.9 x Nyquist ("
              + high
              + " Hz at sr="
              + sr
              + ")");
    }
    int d1;
    int d2;
    if (c.decimation1() == 0) {
      int max = (int) Math.floor(sr / (3 * c.fmax()));
      if (max < 1) {
        throw new IllegalArgumentException(
            "fmax=" + c.fmax() + " Hz needs a rate of 3 x fmax, above sr=" + sr);
      }
      int[] f = autoFactors(max);
      d1 = f[0];
      d2 = f[1];
    } else {
      d1 = c.decimation1();
      d2 = c.decimation2();
      double rate = (double) sr / ((long) d1 * d2);
      if (!(rate > 2 * c.fmax())) {
        throw new IllegalArgumentException(
            "decimation "
                + d1
                + "x"
                + d2
                + " leaves "
                + rate
                + " Hz at sr="
                + sr
                + ", not above 2 x fmax="
                + 2 * c.fmax());
      }
    }
    double rate = (double) sr / ((long) d1 * d2);
    int w = 2 * (int) Math.round(c.windowSeconds() * rate / 2);
    if (w < 4) {
      throw new IllegalArgumentException(
          "window_seconds=" + c.windowSeconds() + " gives " + w + " envelope samples (< 4)");
    }
    int hop = (int) Math.max(1, Math.round(c.hopSeconds() * rate));
    double df = rate / w;
    int first = (int) Math.ceil(c.fmin() / df - 1e-9);
    int last = (int) Math.min(w / 2, Math.floor(c.fmax() / df + 1e-9));
    if (last < first) {
      throw new IllegalArgumentException(
          "no DEMON bin between fmin=" + c.fmin() + " and fmax=" + c.fmax() + " (df=" + df + ")");
    }
    return new DemonLayout(sr, c.bandLow(), high, d1, d2, rate, w, hop, first, last);
  }

  /**
   * Splits a maximal total factor into two stages.
   *
   * @param max largest acceptable total factor, &gt;= 1
   * @return {d1, d2} with d1 * d2 &lt;= max, d2 &lt;= d1 &lt;= 4 d2 (or d1 &lt;= 4 when d2 = 1)
   */
  static int[] autoFactors(int max) {
    for (int p = max; p >= 1; p--) {
      for (int b = (int) Math.floor(Math.sqrt(p)); b >= 1; b--) {
        if (p % b == 0) {
          int a = p / b;
          if (a <= 4 * b) {
            return new int[] {a, b};
          }
          break; // b is the largest divisor <= sqrt(p); smaller ones are less balanced
        }
      }
    }
    return new int[] {1, 1};
  }

  /** Width of one bin in Hz: {@code envelopeRate / windowLength}. */
  public double binHz() {
    return envelopeRate / windowLength;
  }

  /** Number of kept bins, the rows of the DEMON matrix. */
  public int bins() {
    return lastBin - firstBin + 1;
  }

  /**
   * Frequency of each kept bin.
   *
   * @return [bins] frequencies in Hz, {@code k * binHz()} for k = firstBin..lastBin
   */
  public double[] frequencies() {
    double[] f = new double[bins()];
    for (int b = 0; b < f.length; b++) {
      f[b] = (firstBin + b) * binHz();
    }
    return f;
  }

  /**
   * Envelope samples produced from {@code samples} input samples: {@code ceil(ceil(n / d1) / d2)}.
   *
   * @param samples input length in samples
   * @return envelope length in samples
   */
  public long envelopeSamples(long samples) {
    long n1 = (samples + decimation1 - 1) / decimation1;
    return (n1 + decimation2 - 1) / decimation2;
  }

  /**
   * Number of DEMON frames: 0 if the envelope is shorter than a window, else {@code 1 + (m -
   * window) / hop} with m = {@link #envelopeSamples(long)}.
   *
   * @param samples input length in samples
   * @return frame count
   */
  public long frames(long samples) {
    long m = envelopeSamples(samples);
    return m < windowLength ? 0 : 1 + (m - windowLength) / hopLength;
  }

  /** Seconds between frames: {@code hopLength / envelopeRate}. */
  public double frameSeconds() {
    return hopLength / envelopeRate;
  }
}
