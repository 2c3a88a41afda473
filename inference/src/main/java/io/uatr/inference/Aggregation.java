package io.uatr.inference;

import java.util.ArrayList;
import java.util.List;

/** Recording-level aggregation of segment outputs: element-wise means. */
public final class Aggregation {

  private Aggregation() {}

  /**
   * Index of the largest value (the first on ties).
   *
   * @param p [n] values, n &gt;= 1
   * @return the index
   */
  public static int argmax(float[] p) {
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * Element-wise mean of equal-length rows, accumulated in double.
   *
   * @param rows [n][k] values, n &gt;= 1
   * @return [k] means
   */
  public static float[] mean(List<float[]> rows) {
    int k = rows.get(0).length;
    double[] acc = new double[k];
    for (float[] r : rows) {
      for (int i = 0; i < k; i++) {
        acc[i] += r[i];
      }
    }
    float[] out = new float[k];
    for (int i = 0; i < k; i++) {
      out[i] = (float) (acc[i] / rows.size());
    }
    return out;
  }

  /**
   * Mean size estimate: level probabilities averaged (label and expected level recomputed), or
   * regression values averaged.
   *
   * @param sizes the segments' estimates (all non-null)
   * @param levelNames size level names (empty for regression)
   * @return the recording's estimate
   */
  public static SizeEstimate meanSize(List<SizeEstimate> sizes, List<String> levelNames) {
    if (levelNames.isEmpty()) {
      double s = 0;
      for (SizeEstimate e : sizes) {
        s += e.value();
      }
      return new SizeEstimate(null, s / sizes.size(), new float[0]);
    }
    List<float[]> rows = new ArrayList<>();
    for (SizeEstimate e : sizes) {
      rows.add(e.levelProbabilities());
    }
    return levels(mean(rows), levelNames);
  }

  /**
   * A size estimate from level probabilities.
   *
   * @param p [levels] probabilities
   * @param levelNames [levels] names
   * @return label of the most probable level and the expected level index
   */
  public static SizeEstimate levels(float[] p, List<String> levelNames) {
    double ev = 0;
    for (int i = 0; i < p.length; i++) {
      ev += i * (double) p[i];
    }
    return new SizeEstimate(levelNames.get(argmax(p)), ev, p);
  }
}
