package io.uatr.dsp.features;

import io.uatr.dsp.spectral.FrameSink;

/**
 * Streaming band modulation spectrum ({@code modspec}): rows are mel bands, columns modulation
 * frequencies. The output is one [n_mels][n_mod] matrix per signal, emitted column by column at
 * {@link #finish()}.
 *
 * <ol>
 *   <li>Band energies at a high frame rate: the STFT power (periodic Hann, {@code n_fft}, {@code
 *       hop_length}, centred with reflect padding, as {@link LogMelExtractor}) through the Slaney
 *       mel filterbank of {@code n_mels} bands over [fmin, fmax]: E[b][t], linear power (signal
 *       units squared), at the frame rate {@code sr / hop_length}, which must be {@code >= 2
 *       mod_fmax}.
 *   <li>Welch windows over t of W = {@code round(mod_window_s * sr / hop_length)} frames, hop
 *       {@code W / 2}, starting at frame 0; only whole windows are used (trailing frames after the
 *       last whole window are dropped), except that a signal of fewer than W frames gives one
 *       window of its frames zero-padded to W. Within each window the envelope is e[b][t] = E[b][t]
 *       - mean of E[b] over the window's (real) frames.
 *   <li>Per window, X[b][k] = FFT over t of w[t] e[b][t], w the periodic Hann of W, zero-padded to
 *       N = the next power of two {@code >= W}; P[b][k] = mean over windows of |X[b][k]|^2 / (sum_t
 *       w[t])^2. The (sum w)^2 scaling makes a band energy E = mu (1 + m cos(2 pi f t)), f on a
 *       bin, give P = mu^2 m^2 / 4 whatever W.
 *   <li>v[b][k] = P[b][k] / (mu_b^2 + eps), mu_b = mean of E[b][t] over all frames of the signal,
 *       eps = {@link Double#MIN_NORMAL}: a modulation depth, independent of the level.
 *   <li>Columns are the bins k with k * sr / (hop_length N) in [mod_fmin, mod_fmax]; the value is
 *       {@code 10 log10(max(v, amin))} (dB re depth 1) when {@code db}, else v.
 * </ol>
 *
 * <p>The shape [n_mels][n_mod] depends only on sr, hop_length, mod_window_s, mod_fmin and mod_fmax,
 * not on the signal length. Memory: one [n_mels][W] float ring plus [n_mels][n_mod] sums; each
 * window is transformed when its last frame arrives. {@link #frameSeconds()} returns the column
 * spacing in Hz (the columns are not time); {@link #columnAxis()} labels it. Not thread-safe.
 */
public final class ModSpecExtractor implements FeatureExtractor {
  private final ModSpecConfig config;
  private final ModSpecLayout layout;
  private final FrameSink sink;
  private final LogMelExtractor bands;
  private final ModulationWelch welch;
  private boolean finished;

  /**
   * Creates the extractor.
   *
   * @param config settings
   * @param sampleRate input sample rate in Hz
   * @param sink receives n_mod [n_mels] columns at {@link #finish()}, in increasing modulation
   *     frequency; the array is reused
   * @throws IllegalArgumentException naming the key when the settings cannot be met at this rate
   */
  public ModSpecExtractor(ModSpecConfig config, double sampleRate, FrameSink sink) {
    this.config = config;
    this.layout = config.layout(sampleRate);
    this.sink = sink;
    this.welch = new ModulationWelch(layout, config.mel().nMels());
    this.bands = new LogMelExtractor(config.mel(), sampleRate, (e, t) -> welch.accept(e), false);
  }

  /** Frame rate, window and the kept modulation bins. */
  public ModSpecLayout layout() {
    return layout;
  }

  @Override
  public int bins() {
    return config.mel().nMels();
  }

  /** The number of modulation bins n_mod, whatever the signal length. */
  @Override
  public long frames(long samples) {
    return layout.modBins();
  }

  /** Centre frequency of each mel band in Hz. */
  @Override
  public double[] rowValues() {
    return bands.rowValues();
  }

  @Override
  public String rowUnit() {
    return "Hz";
  }

  /**
   * Not a time: the modulation bin spacing {@code sr / (hop_length N)} in Hz, so that callers that
   * scale a column axis by it get modulation frequency (from 0 instead of the first column's
   * frequency); {@link #columnAxis()} gives the origin and label.
   */
  @Override
  public double frameSeconds() {
    return layout.binHz();
  }

  /** Modulation frequency in Hz from the first kept bin, in steps of the bin spacing. */
  @Override
  public ColumnAxis columnAxis() {
    return new ColumnAxis(
        "modulation frequency (Hz)", layout.firstBin() * layout.binHz(), layout.binHz());
  }

  /** [n_mod] modulation frequency of each column in Hz. */
  public double[] modulationFrequencies() {
    return layout.frequencies();
  }

  @Override
  public void push(float[] x, int off, int len) {
    if (finished) {
      throw new IllegalStateException("push after finish");
    }
    bands.push(x, off, len);
  }

  @Override
  public void finish() {
    if (finished) {
      throw new IllegalStateException("finish called twice");
    }
    finished = true;
    bands.finish();
    int nMels = bins();
    double[][] v = new double[nMels][layout.modBins()];
    welch.finish(v);
    float[] col = new float[nMels];
    for (int j = 0; j < layout.modBins(); j++) {
      for (int b = 0; b < nMels; b++) {
        double x = v[b][j];
        col[b] = (float) (config.db() ? 10 * Math.log10(Math.max(x, config.amin())) : x);
      }
      sink.accept(col, j);
    }
  }
}
