package io.uatr.dsp.features;

import io.uatr.dsp.spectral.WindowType;

/**
 * Constant-Q transform settings, named as in librosa's {@code cqt} where the meaning is the same
 * (see {@link Cqt} for the exact definition, which is not librosa's multirate algorithm).
 *
 * @param hopLength hop between frames in samples ({@code hop_length}, default 512)
 * @param fmin centre frequency of bin 0 in Hz ({@code fmin}, default 32.70 Hz = C1)
 * @param nBins number of bins ({@code n_bins}, default 84 = 7 octaves)
 * @param binsPerOctave bins per octave ({@code bins_per_octave}, default 12)
 * @param filterScale multiplies Q, so the filter lengths ({@code filter_scale}, default 1)
 * @param window analysis window of each filter ({@code window}, default hann, periodic)
 * @param db output {@code 20 log10(max(|C|, amin))} instead of |C| (librosa {@code
 *     amplitude_to_db}, ref 1.0)
 * @param amin floor before the logarithm ({@code amin}, default 1e-5)
 * @param topDb for dB only: clip to {@code max - top_db} over the whole matrix ({@code top_db});
 *     null for none
 * @param sparsity spectral-kernel entries below {@code sparsity} times the kernel's largest
 *     magnitude are dropped (default 1e-4; 0 keeps every entry)
 */
public record CqtConfig(
    int hopLength,
    double fmin,
    int nBins,
    int binsPerOctave,
    double filterScale,
    WindowType window,
    boolean db,
    double amin,
    Double topDb,
    double sparsity) {

  /** Validates every field and names the bad one by its librosa key. */
  public CqtConfig {
    if (hopLength < 1) {
      throw new IllegalArgumentException("hop_length must be >= 1, was " + hopLength);
    }
    if (!(fmin > 0) || Double.isInfinite(fmin)) {
      throw new IllegalArgumentException("fmin must be > 0, was " + fmin);
    }
    if (nBins < 1) {
      throw new IllegalArgumentException("n_bins must be >= 1, was " + nBins);
    }
    if (binsPerOctave < 1) {
      throw new IllegalArgumentException("bins_per_octave must be >= 1, was " + binsPerOctave);
    }
    if (!(filterScale > 0) || Double.isInfinite(filterScale)) {
      throw new IllegalArgumentException("filter_scale must be > 0, was " + filterScale);
    }
    if (window == null) {
      throw new IllegalArgumentException("window must be set");
    }
    if (!(amin > 0) || Double.isInfinite(amin)) {
      throw new IllegalArgumentException("amin must be > 0, was " + amin);
    }
    if (topDb != null && !(topDb >= 0 && !topDb.isInfinite())) {
      throw new IllegalArgumentException("top_db must be >= 0 or null, was " + topDb);
    }
    if (topDb != null && !db) {
      throw new IllegalArgumentException("top_db applies only with db output");
    }
    if (!(sparsity >= 0 && sparsity < 1)) {
      throw new IllegalArgumentException("sparsity must be in [0, 1), was " + sparsity);
    }
  }

  /** Defaults: hop 512, fmin 32.70 Hz (C1), 84 bins, 12 per octave, hann, magnitude output. */
  public static CqtConfig defaults() {
    return new CqtConfig(
        512, 32.703195662574829, 84, 12, 1.0, WindowType.HANN, false, 1e-5, null, 1e-4);
  }

  /** Q factor, {@code filter_scale / (2^(1/bins_per_octave) - 1)}. */
  public double q() {
    return filterScale / (Math.pow(2.0, 1.0 / binsPerOctave) - 1.0);
  }

  /**
   * Centre frequency of every bin, {@code fmin 2^(k / bins_per_octave)}.
   *
   * @return [n_bins] frequencies in Hz
   */
  public double[] frequencies() {
    double[] f = new double[nBins];
    for (int k = 0; k < nBins; k++) {
      f[k] = fmin * Math.pow(2.0, (double) k / binsPerOctave);
    }
    return f;
  }

  /**
   * Filter length of every bin, {@code ceil(Q sr / f_k)}.
   *
   * @param sampleRate sampling rate in Hz
   * @return [n_bins] lengths in samples
   */
  public int[] lengths(double sampleRate) {
    double[] f = frequencies();
    int[] n = new int[nBins];
    for (int k = 0; k < nBins; k++) {
      n[k] = (int) Math.ceil(q() * sampleRate / f[k]);
    }
    return n;
  }

  /**
   * Checks that the settings fit a sample rate: the top bin must lie below Nyquist.
   *
   * @param sampleRate sampling rate in Hz
   * @throws IllegalArgumentException naming n_bins and fmin
   */
  public void validateFor(double sampleRate) {
    double top = fmin * Math.pow(2.0, (nBins - 1.0) / binsPerOctave);
    if (!(top < sampleRate / 2)) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "n_bins=%d from fmin=%.4g Hz at bins_per_octave=%d puts the top bin at %.6g Hz,"
                  + " not below the Nyquist frequency %.6g Hz of sr=%.6g: lower n_bins or fmin",
              nBins,
              fmin,
              binsPerOctave,
              top,
              sampleRate / 2,
              sampleRate));
    }
  }
}
