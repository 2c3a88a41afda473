package io.uatr.dsp.features;

/**
 * Constant-Q transform by the direct spectral-kernel method (Brown and Puckette), one resolution
 * for all bins: NOT librosa's recursive multirate {@code cqt}, whose early downsampling is not
 * reproduced. Definition, for bin k and frame t:
 *
 * <pre>
 *   f_k = fmin 2^(k / bins_per_octave),  Q = filter_scale / (2^(1/bins_per_octave) - 1)
 *   N_k = ceil(Q sr / f_k),  w_k = periodic window of N_k samples,  c_k = floor(N_k / 2)
 *   a_k[m] = w_k[m] / sum(w_k) * exp(2 pi i f_k (m - c_k) / sr),   m = 0 .. N_k - 1
 *   C[k, t] = sum_m x[t hop + m - c_k] conj(a_k[m])        (x = 0 outside the signal)
 * </pre>
 *
 * The atoms are L1-normalised (librosa's {@code norm=1} convention, without librosa's later {@code
 * sqrt(N_k)} scaling), so a cosine of amplitude A at f_k gives |C| close to A / 2. The output is
 * |C| or {@code 20 log10(max(|C|, amin))}; frames = 1 + len / hop. It is computed as {@code C[k, t]
 * = sum_j S_t[j] K_k[j]} with S_t the L-point DFT of the frame centred on t hop and K_k the sparse
 * kernel of {@link CqtKernel}; entries dropped by the sparsity threshold make the only difference
 * from the direct sum.
 */
public final class Cqt {
  private final CqtConfig config;
  private final double sampleRate;

  /**
   * Creates the configured transform.
   *
   * @param config CQT settings
   * @param sampleRate input sampling rate in Hz
   */
  public Cqt(CqtConfig config, double sampleRate) {
    this.config = config;
    this.sampleRate = sampleRate;
  }

  /**
   * CQT of a whole signal with this object's settings.
   *
   * @param x [samples] signal
   * @return [n_bins][frames] magnitude or dB
   */
  public float[][] compute(float[] x) {
    return compute(x, sampleRate, config);
  }

  /**
   * CQT of a whole signal, top_db included.
   *
   * @param x [samples] mono signal
   * @param sampleRate sampling rate in Hz
   * @param config settings
   * @return [n_bins][frames] |C| (signal units) or dB re 1
   */
  public static float[][] compute(float[] x, double sampleRate, CqtConfig config) {
    float[][] out = new float[config.nBins()][1 + x.length / config.hopLength()];
    CqtExtractor e = new CqtExtractor(config, sampleRate, LogMel.columnSink(out));
    e.push(x, 0, x.length);
    e.finish();
    if (config.topDb() != null) {
      LogMel.applyTopDb(out, config.topDb());
    }
    return out;
  }
}
