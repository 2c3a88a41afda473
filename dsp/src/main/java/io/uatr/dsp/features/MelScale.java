package io.uatr.dsp.features;

/**
 * Hz to mel conversions as librosa's {@code hz_to_mel}/{@code mel_to_hz} (pure static).
 *
 * <p>Slaney (librosa's default, {@code htk=False}): linear below 1000 Hz ({@code mel = 3 f / 200}),
 * logarithmic above ({@code mel = 15 + ln(f / 1000) / (ln 6.4 / 27)}). HTK: {@code mel = 2595
 * log10(1 + f / 700)}.
 */
public final class MelScale {
  private static final double F_SP = 200.0 / 3;
  private static final double MIN_LOG_HZ = 1000.0;
  private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
  private static final double LOG_STEP = Math.log(6.4) / 27.0;

  private MelScale() {}

  /**
   * Converts a frequency to mels.
   *
   * @param hz frequency in Hz
   * @param htk true for the HTK formula, false for Slaney
   * @return mels
   */
  public static double hzToMel(double hz, boolean htk) {
    if (htk) {
      return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }
    if (hz >= MIN_LOG_HZ) {
      return MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP;
    }
    return hz / F_SP;
  }

  /**
   * Converts mels to a frequency.
   *
   * @param mel mels
   * @param htk true for the HTK formula, false for Slaney
   * @return frequency in Hz
   */
  public static double melToHz(double mel, boolean htk) {
    if (htk) {
      return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }
    if (mel >= MIN_LOG_MEL) {
      return MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL));
    }
    return F_SP * mel;
  }

  /**
   * {@code n} frequencies evenly spaced in mels from fmin to fmax inclusive, as librosa's {@code
   * mel_frequencies}.
   *
   * @param n number of frequencies
   * @param fmin lowest frequency in Hz
   * @param fmax highest frequency in Hz
   * @param htk mel formula
   * @return [n] frequencies in Hz
   */
  public static double[] melFrequencies(int n, double fmin, double fmax, boolean htk) {
    double lo = hzToMel(fmin, htk);
    double hi = hzToMel(fmax, htk);
    double[] f = new double[n];
    for (int i = 0; i < n; i++) {
      // numpy linspace: lo + i * step, with the last value exactly hi
      double m = n == 1 ? lo : (i == n - 1 ? hi : lo + i * ((hi - lo) / (n - 1)));
      f[i] = melToHz(m, htk);
    }
    return f;
  }
}
