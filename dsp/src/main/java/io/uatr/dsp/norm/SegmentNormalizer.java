package io.uatr.dsp.norm;

/**
 * Mean-variance normalisation (pure static): {@code y = (x - mean) / (std + eps)} with the
 * population standard deviation (divisor n). Statistics are accumulated in double precision, in two
 * passes (mean, then squared deviations). A silent (constant) input has std 0 and becomes all
 * zeros.
 */
public final class SegmentNormalizer {
  /** Default epsilon added to the standard deviation, 1e-8 (signal or feature units). */
  public static final double DEFAULT_EPS = 1e-8;

  private SegmentNormalizer() {}

  /**
   * Mean and population standard deviation.
   *
   * @param mean the mean, input units
   * @param std the population standard deviation (divisor n), input units
   */
  public record Stats(double mean, double std) {}

  /**
   * Per-row statistics of a feature matrix.
   *
   * @param mean [bins] mean of each row over frames
   * @param std [bins] population standard deviation of each row over frames
   */
  public record BinStats(double[] mean, double[] std) {}

  /**
   * Statistics of a segment.
   *
   * @param x [samples] values
   * @return mean and population std; for an empty array, mean 0 and std 0
   */
  public static Stats stats(float[] x) {
    int n = x.length;
    if (n == 0) {
      return new Stats(0, 0);
    }
    double sum = 0;
    for (float v : x) {
      sum += v;
    }
    double mean = sum / n;
    double ss = 0;
    for (float v : x) {
      double d = v - mean;
      ss += d * d;
    }
    return new Stats(mean, Math.sqrt(ss / n));
  }

  /**
   * Normalises an audio segment in place to zero mean and unit variance.
   *
   * @param x [samples] signal, overwritten with {@code (x - mean) / (std + eps)}
   * @param eps added to the std, &gt;= 0 (guards silence)
   * @return the statistics of the input before normalisation
   */
  public static Stats normalizeInPlace(float[] x, double eps) {
    checkEps(eps);
    Stats s = stats(x);
    apply(x, s, eps);
    return s;
  }

  /**
   * Returns a normalised copy of an audio segment.
   *
   * @param x [samples] signal, unchanged
   * @param eps added to the std, &gt;= 0
   * @return [samples] {@code (x - mean) / (std + eps)}
   */
  public static float[] normalize(float[] x, double eps) {
    float[] y = x.clone();
    normalizeInPlace(y, eps);
    return y;
  }

  /**
   * Applies given statistics in place (for example training-set statistics at inference).
   *
   * @param x [samples] values, overwritten with {@code (x - mean) / (std + eps)}
   * @param s statistics to apply
   * @param eps added to the std, &gt;= 0
   */
  public static void apply(float[] x, Stats s, double eps) {
    checkEps(eps);
    double scale = 1.0 / (s.std() + eps);
    if (Double.isInfinite(scale)) {
      throw new IllegalArgumentException("std + eps is 0: pass eps > 0 to normalise silence");
    }
    double mean = s.mean();
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) ((x[i] - mean) * scale);
    }
  }

  /**
   * Statistics over every entry of a feature matrix.
   *
   * @param m [bins][frames] features (every entry counts, rows may differ in length)
   * @return mean and population std over all entries
   */
  public static Stats matrixStats(float[][] m) {
    long n = 0;
    double sum = 0;
    for (float[] row : m) {
      for (float v : row) {
        sum += v;
      }
      n += row.length;
    }
    if (n == 0) {
      return new Stats(0, 0);
    }
    double mean = sum / n;
    double ss = 0;
    for (float[] row : m) {
      for (float v : row) {
        double d = v - mean;
        ss += d * d;
      }
    }
    return new Stats(mean, Math.sqrt(ss / n));
  }

  /**
   * Normalises a whole feature matrix in place with one mean and std over all entries.
   *
   * @param m [bins][frames] features, overwritten
   * @param eps added to the std, &gt;= 0
   * @return the statistics before normalisation
   */
  public static Stats normalizeMatrixInPlace(float[][] m, double eps) {
    checkEps(eps);
    Stats s = matrixStats(m);
    for (float[] row : m) {
      apply(row, s, eps);
    }
    return s;
  }

  /**
   * Per-row (per-bin) statistics over frames.
   *
   * @param m [bins][frames] features
   * @return [bins] means and population stds
   */
  public static BinStats binStats(float[][] m) {
    double[] mean = new double[m.length];
    double[] std = new double[m.length];
    for (int b = 0; b < m.length; b++) {
      Stats s = stats(m[b]);
      mean[b] = s.mean();
      std[b] = s.std();
    }
    return new BinStats(mean, std);
  }

  /**
   * Normalises each row (frequency bin) of a feature matrix in place over its frames.
   *
   * @param m [bins][frames] features, overwritten
   * @param eps added to each std, &gt;= 0
   * @return the per-bin statistics before normalisation
   */
  public static BinStats normalizePerBinInPlace(float[][] m, double eps) {
    checkEps(eps);
    BinStats s = binStats(m);
    applyPerBin(m, s, eps);
    return s;
  }

  /**
   * Applies given per-bin statistics in place.
   *
   * @param m [bins][frames] features, overwritten
   * @param s [bins] statistics; their length must equal the number of rows
   * @param eps added to each std, &gt;= 0
   */
  public static void applyPerBin(float[][] m, BinStats s, double eps) {
    if (s.mean().length != m.length || s.std().length != m.length) {
      throw new IllegalArgumentException(
          "per-bin stats have " + s.mean().length + " bins, matrix has " + m.length + " rows");
    }
    for (int b = 0; b < m.length; b++) {
      apply(m[b], new Stats(s.mean()[b], s.std()[b]), eps);
    }
  }

  private static void checkEps(double eps) {
    if (!(eps >= 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("eps must be a finite number >= 0, was " + eps);
    }
  }
}
