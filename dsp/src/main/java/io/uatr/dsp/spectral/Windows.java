package io.uatr.dsp.spectral;

/** Window functions (pure static). */
public final class Windows {
  private Windows() {}

  /**
   * Returns a window of {@code length} samples.
   *
   * <p>A periodic window (scipy's {@code fftbins=True}, librosa's and torch's default for spectral
   * analysis) is the first {@code length} samples of the symmetric window of {@code length + 1}.
   *
   * @param type window shape
   * @param length number of samples, at least 1
   * @param periodic true for the periodic (DFT-even) form, false for the symmetric form
   * @return [length] window weights, dimensionless
   */
  public static float[] get(WindowType type, int length, boolean periodic) {
    if (length < 1) {
      throw new IllegalArgumentException("window length must be >= 1, was " + length);
    }
    float[] w = new float[length];
    if (length == 1) {
      w[0] = 1f;
      return w;
    }
    double denom = periodic ? length : length - 1;
    for (int n = 0; n < length; n++) {
      double x = 2 * Math.PI * n / denom;
      double v;
      switch (type) {
        case HANN:
          v = 0.5 - 0.5 * Math.cos(x);
          break;
        case HAMMING:
          v = 0.54 - 0.46 * Math.cos(x);
          break;
        case BLACKMAN:
          v = 0.42 - 0.5 * Math.cos(x) + 0.08 * Math.cos(2 * x);
          break;
        default:
          v = 1.0;
      }
      w[n] = (float) v;
    }
    return w;
  }

  /**
   * Returns a periodic window of {@code winLength} samples zero-padded on both sides to {@code
   * nFft} samples, centred as librosa's {@code pad_center} does.
   *
   * @param type window shape
   * @param winLength window length in samples, 1 to nFft
   * @param nFft FFT length in samples
   * @return [nFft] window weights
   */
  public static float[] padded(WindowType type, int winLength, int nFft) {
    if (winLength > nFft) {
      throw new IllegalArgumentException(
          "win_length (" + winLength + ") must be <= n_fft (" + nFft + ")");
    }
    float[] w = get(type, winLength, true);
    if (winLength == nFft) {
      return w;
    }
    float[] out = new float[nFft];
    int left = (nFft - winLength) / 2;
    System.arraycopy(w, 0, out, left, winLength);
    return out;
  }
}
