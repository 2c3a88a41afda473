package io.uatr.dsp.filter;

/**
 * Configuration of a band-limited resampler between two integer sample rates.
 *
 * <p>The anti-alias / anti-image low-pass is a Kaiser-windowed sinc whose -6 dB cut-off lies at
 * {@code rolloff * min(inputRate, outputRate) / 2} and whose stop band starts at {@code
 * min(inputRate, outputRate) / 2} (the lower Nyquist frequency), so the transition band is {@code
 * [(2 * rolloff - 1), 1] * lowerNyquist} and the pass band ends at {@code (2 * rolloff - 1) *
 * lowerNyquist}. The Kaiser window (beta and length from Kaiser's formulas) is designed for {@code
 * stopbandDb + 2} dB because those formulas undershoot by up to about 1 dB. With the defaults
 * (0.95, 80 dB) the pass band reaches 0.9 of the lower Nyquist frequency (ripple below 0.001 dB)
 * and everything at or above the lower Nyquist frequency is attenuated by at least about 80 dB.
 *
 * <p>When downsampling by a reduced ratio of 2 or more, the {@link Resampler} applies this low-pass
 * at the input rate and then interpolates at the output positions with a short second kernel
 * designed 30 dB deeper (see {@code TwoStageDesign}); the response above is unchanged, its pass
 * band ripple grows by less than 0.001 dB and stage 2 adds in-band distortion near -110 dB.
 *
 * @param inputRate input sample rate in Hz, &gt; 0
 * @param outputRate output sample rate in Hz, &gt; 0
 * @param rolloff -6 dB cut-off as a fraction of the lower Nyquist frequency, in (0.5, 1)
 * @param stopbandDb stop-band attenuation the Kaiser window is designed for, in [40, 200] dB
 */
public record ResamplerSpec(int inputRate, int outputRate, double rolloff, double stopbandDb) {

  /** Default roll-off: cut-off at 0.95 of the lower Nyquist frequency. */
  public static final double DEFAULT_ROLLOFF = 0.95;

  /** Default stop-band attenuation in dB. */
  public static final double DEFAULT_STOPBAND_DB = 80;

  /** Validates every field and names the bad value. */
  public ResamplerSpec {
    if (inputRate <= 0) {
      throw new IllegalArgumentException("inputRate must be > 0 Hz, got inputRate=" + inputRate);
    }
    if (outputRate <= 0) {
      throw new IllegalArgumentException("outputRate must be > 0 Hz, got outputRate=" + outputRate);
    }
    if (!(rolloff > 0.5 && rolloff < 1)) {
      throw new IllegalArgumentException(
          "rolloff must lie strictly between 0.5 and 1, got rolloff=" + rolloff);
    }
    if (!(stopbandDb >= 40 && stopbandDb <= 200)) {
      throw new IllegalArgumentException(
          "stopbandDb must lie in [40, 200], got stopbandDb=" + stopbandDb);
    }
  }

  /** The default design (roll-off 0.95, 80 dB stop band) between two rates. */
  public static ResamplerSpec of(int inputRate, int outputRate) {
    return new ResamplerSpec(inputRate, outputRate, DEFAULT_ROLLOFF, DEFAULT_STOPBAND_DB);
  }

  /**
   * Number of output samples for {@code inputLength} input samples: {@code ceil(inputLength *
   * outputRate / inputRate)}, i.e. one output sample for every output instant {@code k /
   * outputRate} that falls before the end {@code inputLength / inputRate} of the input.
   */
  public long outputLength(long inputLength) {
    long g = gcd(inputRate, outputRate);
    long p = inputRate / g;
    long q = outputRate / g;
    return Math.floorDiv(Math.multiplyExact(inputLength, q) + p - 1, p);
  }

  static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
