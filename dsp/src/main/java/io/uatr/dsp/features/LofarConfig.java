package io.uatr.dsp.features;

/**
 * LOFAR (low-frequency analysis and recording) gram settings.
 *
 * <p>Defaults ({@link #defaults()}): {@code n_fft} 4096, {@code hop_length} 2048, {@code n_average}
 * 1, {@code fmin} 0 Hz, {@code fmax} 1000 Hz (the machinery-line band; an {@code fmax} above the
 * Nyquist frequency is clipped to sr/2 by the extractor), TPSW half window 16 bins, half gap 2
 * bins, alpha 2, output in dB.
 *
 * @param nFft FFT length in samples ({@code n_fft}), even, &gt;= 2
 * @param hopLength hop between STFT frames in samples ({@code hop_length}), &gt;= 1
 * @param nAverage number of consecutive STFT power frames averaged into one LOFAR frame ({@code
 *     n_average}), &gt;= 1
 * @param fmin lowest frequency kept in Hz ({@code fmin}), &gt;= 0
 * @param fmax highest frequency kept in Hz ({@code fmax}), &gt; fmin
 * @param tpswWindow TPSW half window N in bins ({@code tpsw_window})
 * @param tpswGap TPSW half gap G in bins ({@code tpsw_gap})
 * @param tpswAlpha TPSW clipping factor ({@code tpsw_alpha})
 * @param db true: output {@code 10 log10(max(S / background, 1e-10))} in dB; false: the natural log
 *     {@code ln(max(S / background, 1e-10))}
 */
public record LofarConfig(
    int nFft,
    int hopLength,
    int nAverage,
    double fmin,
    double fmax,
    int tpswWindow,
    int tpswGap,
    double tpswAlpha,
    boolean db) {

  /** Validates every field and names the bad one. */
  public LofarConfig {
    if (nFft < 2 || (nFft & 1) != 0) {
      throw new IllegalArgumentException("n_fft must be an even number >= 2, was " + nFft);
    }
    if (hopLength < 1) {
      throw new IllegalArgumentException("hop_length must be >= 1, was " + hopLength);
    }
    if (nAverage < 1) {
      throw new IllegalArgumentException("n_average must be >= 1, was " + nAverage);
    }
    if (!(fmin >= 0) || Double.isInfinite(fmin)) {
      throw new IllegalArgumentException("fmin must be a finite number >= 0, was " + fmin);
    }
    if (!(fmax > fmin)) {
      throw new IllegalArgumentException("fmax must be > fmin=" + fmin + ", was " + fmax);
    }
    new TpswConfig(tpswWindow, tpswGap, tpswAlpha); // validates and names the tpsw_* key
  }

  /** The defaults listed in the class description. */
  public static LofarConfig defaults() {
    return new LofarConfig(4096, 2048, 1, 0, 1000, 16, 2, 2.0, true);
  }

  /** The TPSW part of this config. */
  public TpswConfig tpsw() {
    return new TpswConfig(tpswWindow, tpswGap, tpswAlpha);
  }

  /**
   * First FFT bin kept: {@code ceil(fmin * n_fft / sr)}.
   *
   * @param sampleRate input sample rate in Hz
   * @return bin index
   */
  public int firstBin(int sampleRate) {
    return (int) Math.ceil(fmin * nFft / sampleRate - 1e-9);
  }

  /**
   * Last FFT bin kept: {@code floor(min(fmax, sr/2) * n_fft / sr)}.
   *
   * @param sampleRate input sample rate in Hz
   * @return bin index
   */
  public int lastBin(int sampleRate) {
    double f = Math.min(fmax, sampleRate / 2.0);
    return (int) Math.floor(f * nFft / sampleRate + 1e-9);
  }

  /**
   * Number of LOFAR frames for a signal: {@code floor((1 + samples / hop) / n_average)}; an
   * incomplete last group of STFT frames is dropped.
   *
   * @param samples signal length in samples
   * @return frame count
   */
  public long frames(long samples) {
    return (1 + samples / hopLength) / nAverage;
  }
}
