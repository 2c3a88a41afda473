package io.uatr.inference;

import io.uatr.dsp.norm.SegmentNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a segment's feature matrix is normalised before the model sees it.
 *
 * @param mode none; segment (each segment to zero mean and unit std over all its entries); global
 *     (fixed training-set {@code mean}/{@code std} over all entries); per_bin (fixed training-set
 *     mean and std of each feature row)
 * @param mean global mean (mode global), in the feature's unit
 * @param std global std (mode global), &gt;= 0
 * @param binMean [bins] row means (mode per_bin), else empty
 * @param binStd [bins] row stds (mode per_bin), else empty
 * @param eps added to every std before dividing, &gt;= 0
 */
public record Normalization(
    Mode mode, double mean, double std, double[] binMean, double[] binStd, double eps) {

  /** Normalisation modes. */
  public enum Mode {
    /** Features pass unchanged. */
    NONE,
    /** Per-segment mean-variance normalisation. */
    SEGMENT,
    /** Fixed scalar statistics. */
    GLOBAL,
    /** Fixed per-row statistics. */
    PER_BIN;

    /** Returns the YAML key. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Validates and names the bad value. */
  public Normalization {
    if (mode == null) {
      throw new IllegalArgumentException("normalization.mode must be set");
    }
    binMean = binMean == null ? new double[0] : binMean.clone();
    binStd = binStd == null ? new double[0] : binStd.clone();
    if (!(eps >= 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("normalization.eps must be finite and >= 0, was " + eps);
    }
    if (mode == Mode.GLOBAL && (!Double.isFinite(mean) || !(std >= 0) || Double.isInfinite(std))) {
      throw new IllegalArgumentException(
          "normalization.mean/std must be finite with std >= 0, was " + mean + "/" + std);
    }
    if (mode == Mode.PER_BIN && (binMean.length == 0 || binMean.length != binStd.length)) {
      throw new IllegalArgumentException(
          "normalization.bin_mean and bin_std must be non-empty and of equal length, were "
              + binMean.length
              + " and "
              + binStd.length);
    }
  }

  /** No normalisation. */
  public static Normalization none() {
    return new Normalization(Mode.NONE, 0, 1, null, null, 0);
  }

  /**
   * Per-segment mean-variance normalisation.
   *
   * @param eps added to the std
   */
  public static Normalization perSegment(double eps) {
    return new Normalization(Mode.SEGMENT, 0, 1, null, null, eps);
  }

  /**
   * Fixed scalar statistics.
   *
   * @param mean training-set mean
   * @param std training-set std
   * @param eps added to the std
   */
  public static Normalization global(double mean, double std, double eps) {
    return new Normalization(Mode.GLOBAL, mean, std, null, null, eps);
  }

  /**
   * Fixed per-row statistics.
   *
   * @param mean [bins] row means
   * @param std [bins] row stds
   * @param eps added to each std
   */
  public static Normalization perBin(double[] mean, double[] std, double eps) {
    return new Normalization(Mode.PER_BIN, 0, 1, mean, std, eps);
  }

  /**
   * Normalises a feature matrix in place.
   *
   * @param m [bins][frames] features
   * @throws IllegalArgumentException if a per_bin row count differs from the statistics'
   */
  public void applyInPlace(float[][] m) {
    switch (mode) {
      case NONE -> {}
      case SEGMENT -> SegmentNormalizer.normalizeMatrixInPlace(m, eps);
      case GLOBAL -> {
        SegmentNormalizer.Stats s = new SegmentNormalizer.Stats(mean, std);
        for (float[] row : m) {
          SegmentNormalizer.apply(row, s, eps);
        }
      }
      case PER_BIN -> {
        if (m.length != binMean.length) {
          throw new IllegalArgumentException(
              "features have " + m.length + " rows but per_bin statistics " + binMean.length);
        }
        SegmentNormalizer.applyPerBin(m, new SegmentNormalizer.BinStats(binMean, binStd), eps);
      }
      default -> throw new IllegalStateException("mode " + mode);
    }
  }

  /** Returns the bundle.yaml form: {@code mode, eps} plus the statistics the mode uses. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", mode.key());
    m.put("eps", eps);
    if (mode == Mode.GLOBAL) {
      m.put("mean", mean);
      m.put("std", std);
    }
    if (mode == Mode.PER_BIN) {
      m.put("bin_mean", list(binMean));
      m.put("bin_std", list(binStd));
    }
    return m;
  }

  /**
   * Reads the bundle.yaml form.
   *
   * @param map the {@code normalization} section
   * @return the normalisation
   * @throws IllegalArgumentException naming the bad key
   */
  public static Normalization fromMap(Map<String, ?> map) {
    Object modeV = map.get("mode");
    Mode mode;
    try {
      mode = Mode.valueOf(String.valueOf(modeV).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "normalization.mode must be none, segment, global or per_bin, was '" + modeV + "'");
    }
    double eps = num(map, "eps", 0);
    return new Normalization(
        mode,
        num(map, "mean", 0),
        num(map, "std", 1),
        array(map, "bin_mean"),
        array(map, "bin_std"),
        eps);
  }

  private static double num(Map<String, ?> map, String key, double def) {
    Object v = map.get(key);
    if (v == null) {
      return def;
    }
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("normalization." + key + " must be a number, was " + v);
    }
    return n.doubleValue();
  }

  private static double[] array(Map<String, ?> map, String key) {
    Object v = map.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> l)) {
      throw new IllegalArgumentException("normalization." + key + " must be a list of numbers");
    }
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(l.get(i) instanceof Number n)) {
        throw new IllegalArgumentException(
            "normalization." + key + "[" + i + "] must be a number, was " + l.get(i));
      }
      out[i] = n.doubleValue();
    }
    return out;
  }

  private static List<Double> list(double[] a) {
    List<Double> l = new ArrayList<>(a.length);
    for (double d : a) {
      l.add(d);
    }
    return l;
  }
}
