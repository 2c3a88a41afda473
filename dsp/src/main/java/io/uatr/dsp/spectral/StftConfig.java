package io.uatr.dsp.spectral;

/**
 * Short-time Fourier transform settings, named as in librosa.
 *
 * @param nFft FFT length in samples ({@code n_fft}, default 2048)
 * @param hopLength hop between frames in samples ({@code hop_length}, default 512)
 * @param winLength window length in samples ({@code win_length}, default n_fft), centred in n_fft
 * @param window window shape ({@code window}, default hann, periodic)
 * @param center whether frame t is centred on sample t * hop ({@code center}, default true)
 * @param padMode padding of the ends when centred ({@code pad_mode}, default reflect)
 */
public record StftConfig(
    int nFft, int hopLength, int winLength, WindowType window, boolean center, PadMode padMode) {

  /** Validates every field and names the bad one. */
  public StftConfig {
    if (nFft < 2 || (nFft & 1) != 0) {
      throw new IllegalArgumentException("n_fft must be an even number >= 2, was " + nFft);
    }
    if (hopLength < 1) {
      throw new IllegalArgumentException("hop_length must be >= 1, was " + hopLength);
    }
    if (winLength < 1 || winLength > nFft) {
      throw new IllegalArgumentException(
          "win_length must be in [1, n_fft=" + nFft + "], was " + winLength);
    }
    if (window == null) {
      throw new IllegalArgumentException("window must be set");
    }
    if (padMode == null) {
      throw new IllegalArgumentException("pad_mode must be set");
    }
  }

  /** librosa's defaults: n_fft 2048, hop 512, hann window of n_fft, centred, reflect padding. */
  public static StftConfig defaults() {
    return of(2048, 512);
  }

  /**
   * A periodic-Hann, centred, reflect-padded STFT with {@code win_length = n_fft}.
   *
   * @param nFft FFT length in samples
   * @param hopLength hop in samples
   * @return the config
   */
  public static StftConfig of(int nFft, int hopLength) {
    return new StftConfig(nFft, hopLength, nFft, WindowType.HANN, true, PadMode.REFLECT);
  }

  /** Number of frequency bins, {@code n_fft / 2 + 1}. */
  public int bins() {
    return nFft / 2 + 1;
  }

  /**
   * Number of frames for a signal of {@code samples} samples: {@code 1 + samples / hop} when
   * centred, else {@code 1 + (samples - n_fft) / hop} (0 when shorter than n_fft).
   *
   * @param samples signal length in samples
   * @return frame count
   */
  public long frames(long samples) {
    if (center) {
      return 1 + samples / hopLength;
    }
    return samples < nFft ? 0 : 1 + (samples - nFft) / hopLength;
  }
}
