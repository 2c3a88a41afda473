package io.uatr.dsp.features;

/**
 * Mel-frequency cepstral coefficients: the orthonormal DCT-II over the mel axis of the log-mel
 * spectrogram ({@code scipy.fft.dct(type=2, norm='ortho')}), first {@code n_mfcc} kept, as
 * librosa's {@code feature.mfcc} with no liftering. Pure static functions and a small configured
 * object that delegates to them.
 */
public final class Mfcc {
  private final MfccConfig config;
  private final double sampleRate;

  /**
   * Creates the configured transform.
   *
   * @param config MFCC settings
   * @param sampleRate input sampling rate in Hz
   */
  public Mfcc(MfccConfig config, double sampleRate) {
    this.config = config;
    this.sampleRate = sampleRate;
  }

  /**
   * MFCCs of a whole signal with this object's settings.
   *
   * @param x [samples] signal
   * @return [n_mfcc][frames] coefficients
   */
  public float[][] compute(float[] x) {
    return compute(x, sampleRate, config);
  }

  /**
   * MFCCs of a whole signal; {@code top_db} (if set) is applied to the log-mel over the whole
   * matrix before the DCT.
   *
   * @param x [samples] mono signal
   * @param sampleRate sampling rate in Hz
   * @param config settings
   * @return [n_mfcc][frames] coefficients (dB units)
   */
  public static float[][] compute(float[] x, double sampleRate, MfccConfig config) {
    return dct(LogMel.compute(x, sampleRate, config.mel()), config.nMfcc());
  }

  /**
   * Orthonormal DCT-II along the rows of a [n_mels][frames] matrix, first {@code nMfcc} outputs.
   *
   * @param logMel [n_mels][frames] log-mel in dB
   * @param nMfcc number of coefficients, 1 to n_mels
   * @return [n_mfcc][frames] coefficients
   */
  public static float[][] dct(float[][] logMel, int nMfcc) {
    int nMels = logMel.length;
    int frames = nMels == 0 ? 0 : logMel[0].length;
    float[][] basis = dctMatrix(nMfcc, nMels);
    float[][] out = new float[nMfcc][frames];
    float[] col = new float[nMels];
    float[] res = new float[nMfcc];
    for (int t = 0; t < frames; t++) {
      for (int m = 0; m < nMels; m++) {
        col[m] = logMel[m][t];
      }
      apply(basis, col, res);
      for (int c = 0; c < nMfcc; c++) {
        out[c][t] = res[c];
      }
    }
    return out;
  }

  /**
   * The orthonormal DCT-II basis: {@code D[k][n] = s_k sqrt(2/N) cos(pi k (2n+1) / (2N))} with
   * {@code s_0 = 1/sqrt(2)}, {@code s_k = 1} otherwise.
   *
   * @param nMfcc number of rows (coefficients kept)
   * @param nMels DCT length N
   * @return [n_mfcc][n_mels] basis
   */
  public static float[][] dctMatrix(int nMfcc, int nMels) {
    if (nMfcc < 1 || nMfcc > nMels) {
      throw new IllegalArgumentException(
          "n_mfcc must be in [1, n_mels=" + nMels + "], was " + nMfcc);
    }
    float[][] d = new float[nMfcc][nMels];
    double scale = Math.sqrt(2.0 / nMels);
    for (int k = 0; k < nMfcc; k++) {
      double s = k == 0 ? scale / Math.sqrt(2.0) : scale;
      for (int n = 0; n < nMels; n++) {
        d[k][n] = (float) (s * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * nMels)));
      }
    }
    return d;
  }

  /**
   * {@code out = basis * in} for one frame (accumulated in double).
   *
   * @param basis [n_mfcc][n_mels] from {@link #dctMatrix}
   * @param in [n_mels] log-mel frame
   * @param out [n_mfcc] coefficients
   */
  static void apply(float[][] basis, float[] in, float[] out) {
    for (int k = 0; k < basis.length; k++) {
      float[] row = basis[k];
      double acc = 0;
      for (int n = 0; n < row.length; n++) {
        acc += row[n] * in[n];
      }
      out[k] = (float) acc;
    }
  }
}
