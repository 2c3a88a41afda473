package io.uatr.dsp.features;

/**
 * The sample-rate-dependent quantities of a {@code modspec} feature.
 *
 * @param frameRate band-energy frame rate {@code sr / hop_length} in Hz
 * @param windowFrames Welch window length in frames, {@code round(mod_window_s * frameRate)}
 * @param hopFrames Welch hop in frames, {@code windowFrames / 2} (integer division)
 * @param fftLength zero-padded FFT length, the next power of two {@code >= windowFrames}
 * @param firstBin index of the first kept modulation bin, {@code ceil(mod_fmin * fftLength /
 *     frameRate)}
 * @param modBins number of kept modulation bins (the matrix's columns)
 */
public record ModSpecLayout(
    double frameRate, int windowFrames, int hopFrames, int fftLength, int firstBin, int modBins) {
  private static final double SLACK = 1e-9;

  static ModSpecLayout of(ModSpecConfig c, double sampleRate) {
    int hop = c.mel().stft().hopLength();
    double rate = sampleRate / hop;
    if (rate < 2 * c.modFmax()) {
      throw new IllegalArgumentException(
          "mod_fmax must be <= half the frame rate sr / hop_length = "
              + sampleRate
              + " / "
              + hop
              + " = "
              + rate
              + " Hz, was "
              + c.modFmax()
              + " (lower mod_fmax or hop_length)");
    }
    long w = Math.round(c.modWindowSeconds() * rate);
    if (w < 2 || w > (1 << 24)) {
      throw new IllegalArgumentException(
          "mod_window_s must give 2 to 2^24 frames at "
              + rate
              + " frames/s, was "
              + c.modWindowSeconds()
              + " ("
              + w
              + " frames)");
    }
    int win = (int) w;
    int n = Integer.highestOneBit(win);
    if (n < win) {
      n <<= 1;
    }
    double df = rate / n;
    int first = (int) Math.ceil(c.modFmin() / df - SLACK);
    int last = (int) Math.min(n / 2, Math.floor(c.modFmax() / df + SLACK));
    if (last < first) {
      throw new IllegalArgumentException(
          "mod_fmin leaves no modulation bin (spacing "
              + df
              + " Hz) lies in [mod_fmin, mod_fmax] = ["
              + c.modFmin()
              + ", "
              + c.modFmax()
              + "]");
    }
    return new ModSpecLayout(rate, win, Math.max(1, win / 2), n, first, last - first + 1);
  }

  /** Modulation bin spacing {@code frameRate / fftLength} in Hz. */
  public double binHz() {
    return frameRate / fftLength;
  }

  /** [modBins] modulation frequency of each column in Hz. */
  public double[] frequencies() {
    double[] f = new double[modBins];
    for (int j = 0; j < modBins; j++) {
      f[j] = (firstBin + j) * binHz();
    }
    return f;
  }
}
