package io.uatr.dsp.features;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mel filterbank with librosa's {@code filters.mel} semantics, stored sparsely: each band keeps
 * the index of its first non-zero FFT bin and the contiguous run of weights that follows.
 *
 * <p>Band {@code i} is the triangle over the mel-spaced frequencies {@code f[i], f[i+1], f[i+2]} of
 * {@code n_mels + 2} points from fmin to fmax; its weight at FFT bin frequency {@code g} is {@code
 * max(0, min((g - f[i]) / (f[i+1] - f[i]), (f[i+2] - g) / (f[i+2] - f[i+1])))}, times {@code 2 /
 * (f[i+2] - f[i])} with Slaney normalisation. Weights are computed in double and stored as float,
 * as librosa's default float32 filterbank. Immutable and thread-safe.
 */
public final class MelFilterbank {
  private static final Logger LOG = LoggerFactory.getLogger(MelFilterbank.class);

  /** Filterbanks kept in the shared cache before it is emptied. */
  private static final int MAX_CACHED = 64;

  private static final java.util.concurrent.ConcurrentHashMap<Key, MelFilterbank> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final int nMels;
  private final int bins;
  private final int[] start;
  private final int[] length;
  private final int[] offset;
  private final float[] weights;
  private final double[] centres;

  private MelFilterbank(
      int nMels, int bins, int[] start, int[] length, float[] weights, double[] centres) {
    this.nMels = nMels;
    this.bins = bins;
    this.start = start;
    this.length = length;
    this.weights = weights;
    this.centres = centres;
    this.offset = new int[nMels + 1];
    for (int m = 0; m < nMels; m++) {
      offset[m + 1] = offset[m] + length[m];
    }
  }

  /**
   * Builds the filterbank.
   *
   * @param sampleRate sampling rate in Hz ({@code sr})
   * @param nFft FFT length ({@code n_fft}); the filters cover its {@code n_fft/2+1} bins
   * @param nMels number of bands ({@code n_mels}), at least 1
   * @param fmin lowest edge in Hz ({@code fmin}), at least 0
   * @param fmax highest edge in Hz ({@code fmax}); null for {@code sr / 2}
   * @param htk HTK mel formula instead of Slaney's ({@code htk})
   * @param norm area normalisation ({@code norm})
   * @return the filterbank; immutable, so one instance per distinct argument list is kept and
   *     shared (building one costs about half a millisecond, as much as the log-mel of several
   *     seconds of audio, and extractors are made per segment)
   * @throws IllegalArgumentException naming the bad argument
   */
  public static MelFilterbank create(
      double sampleRate, int nFft, int nMels, double fmin, Double fmax, boolean htk, MelNorm norm) {
    Key key = new Key(sampleRate, nFft, nMels, fmin, fmax, htk, norm);
    MelFilterbank bank = CACHE.get(key);
    if (bank == null) {
      bank = build(sampleRate, nFft, nMels, fmin, fmax, htk, norm);
      if (CACHE.size() >= MAX_CACHED) {
        CACHE.clear(); // many distinct designs: start over rather than grow
      }
      CACHE.putIfAbsent(key, bank);
    }
    return bank;
  }

  /** The arguments of {@link #create}, the cache key. */
  private record Key(
      double sampleRate,
      int nFft,
      int nMels,
      double fmin,
      Double fmax,
      boolean htk,
      MelNorm norm) {}

  private static MelFilterbank build(
      double sampleRate, int nFft, int nMels, double fmin, Double fmax, boolean htk, MelNorm norm) {
    if (!(sampleRate > 0)) {
      throw new IllegalArgumentException("sr must be > 0, was " + sampleRate);
    }
    if (nFft < 2) {
      throw new IllegalArgumentException("n_fft must be >= 2, was " + nFft);
    }
    if (nMels < 1) {
      throw new IllegalArgumentException("n_mels must be >= 1, was " + nMels);
    }
    double hi = fmax == null ? sampleRate / 2 : fmax;
    if (!(fmin >= 0) || !(hi > fmin)) {
      throw new IllegalArgumentException(
          "fmin and fmax must satisfy 0 <= fmin < fmax, were fmin=" + fmin + " fmax=" + hi);
    }
    int bins = nFft / 2 + 1;
    double[] melF = MelScale.melFrequencies(nMels + 2, fmin, hi, htk);
    double[] fft = new double[bins];
    double df = 1.0 / (nFft * (1.0 / sampleRate)); // numpy rfftfreq
    for (int k = 0; k < bins; k++) {
      fft[k] = k * df;
    }
    int[] start = new int[nMels];
    int[] length = new int[nMels];
    float[][] runs = new float[nMels][];
    int total = 0;
    int empty = 0;
    for (int i = 0; i < nMels; i++) {
      double lowerDiff = melF[i + 1] - melF[i];
      double upperDiff = melF[i + 2] - melF[i + 1];
      double enorm = norm == MelNorm.SLANEY ? 2.0 / (melF[i + 2] - melF[i]) : 1.0;
      float[] w = new float[bins];
      int first = -1;
      int last = -2;
      for (int k = 0; k < bins; k++) {
        double lower = -(melF[i] - fft[k]) / lowerDiff;
        double upper = (melF[i + 2] - fft[k]) / upperDiff;
        double v = Math.max(0.0, Math.min(lower, upper)) * enorm;
        w[k] = (float) v;
        if (w[k] != 0f) {
          if (first < 0) {
            first = k;
          }
          last = k;
        }
      }
      if (first < 0) {
        empty++;
        first = 0;
        last = -1;
      }
      start[i] = first;
      length[i] = last - first + 1;
      runs[i] = java.util.Arrays.copyOfRange(w, first, first + length[i]);
      total += length[i];
    }
    if (empty > 0) {
      LOG.warn(
          "{} of {} mel filters are empty (n_mels={} too high for n_fft={}?)",
          empty,
          nMels,
          nMels,
          nFft);
    }
    float[] all = new float[total];
    int o = 0;
    for (int i = 0; i < nMels; i++) {
      System.arraycopy(runs[i], 0, all, o, length[i]);
      o += length[i];
    }
    double[] centres = java.util.Arrays.copyOfRange(melF, 1, nMels + 1);
    return new MelFilterbank(nMels, bins, start, length, all, centres);
  }

  /** Number of bands, {@code n_mels}. */
  public int bands() {
    return nMels;
  }

  /** Number of FFT bins the filters span, {@code n_fft/2+1}. */
  public int bins() {
    return bins;
  }

  /**
   * First FFT bin with a non-zero weight in band {@code m}.
   *
   * @param m band index
   * @return bin index
   */
  public int start(int m) {
    return start[m];
  }

  /**
   * The contiguous run of weights of band {@code m}, from {@link #start(int)}.
   *
   * @param m band index
   * @return [run length] weights (a copy)
   */
  public float[] weights(int m) {
    return java.util.Arrays.copyOfRange(weights, offset[m], offset[m + 1]);
  }

  /** Total number of stored weights (the sparse size). */
  public int nonZeros() {
    return weights.length;
  }

  /**
   * Centre frequency of each band, {@code f[1..n_mels]} of the mel-spaced edges.
   *
   * @return [n_mels] frequencies in Hz
   */
  public double[] centreFrequencies() {
    return centres.clone();
  }

  /**
   * The dense weight matrix, as librosa returns it.
   *
   * @return [n_mels][n_fft/2+1] weights
   */
  public float[][] dense() {
    float[][] d = new float[nMels][bins];
    for (int m = 0; m < nMels; m++) {
      System.arraycopy(weights, offset[m], d[m], start[m], length[m]);
    }
    return d;
  }

  /**
   * Applies the filterbank to one spectrum frame: {@code out[m] = sum_k W[m][k] spectrum[k]}.
   *
   * @param spectrum [n_fft/2+1] power or magnitude of one frame
   * @param out [n_mels] band energies (same units as the spectrum)
   */
  public void apply(float[] spectrum, float[] out) {
    final float[] w = weights;
    for (int m = 0; m < nMels; m++) {
      int s = start[m] - offset[m];
      float acc = 0f;
      for (int j = offset[m], e = offset[m + 1]; j < e; j++) {
        acc += w[j] * spectrum[s + j];
      }
      out[m] = acc;
    }
  }

  /**
   * Applies the filterbank to a batch of frames laid out frame-minor: {@code out[m][l] = sum_k
   * W[m][k] rows[k][l]} for lanes {@code l < lanes}.
   *
   * @param rows [n_fft/2+1][batch] power or magnitude, one row per FFT bin
   * @param out [n_mels][batch] band energies
   * @param lanes number of leading lanes (frames) to compute
   */
  public void applyBatch(float[][] rows, float[][] out, int lanes) {
    io.uatr.dsp.spectral.Simd.sparseBands(rows, out, weights, start, offset, nMels, lanes);
  }
}
