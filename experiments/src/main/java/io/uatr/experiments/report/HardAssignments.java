package io.uatr.experiments.report;

import io.uatr.training.eval.Metrics;

/** Counts of hard gate assignments (the arg-max expert of each segment) per group of segments. */
public final class HardAssignments {
  private HardAssignments() {}

  /**
   * Counts, per group, the segments whose largest gate weight is each expert (ties go to the lowest
   * index, as {@link Metrics#argMax}).
   *
   * @param weights [N][E] gate weights
   * @param group [N] group of each segment in [0, groups), or -1 to leave the segment out
   * @param groups number of groups
   * @return [groups][E] counts
   */
  public static long[][] byGroup(float[][] weights, int[] group, int groups) {
    int e = weights.length == 0 ? 0 : weights[0].length;
    long[][] out = new long[groups][e];
    for (int i = 0; i < weights.length; i++) {
      if (group[i] >= 0) {
        out[group[i]][Metrics.argMax(weights[i])]++;
      }
    }
    return out;
  }

  /**
   * Row shares of a count matrix.
   *
   * @param counts [G][E] counts
   * @return [G][E] counts divided by their row sum (NaN for an empty row)
   */
  public static double[][] rowShares(long[][] counts) {
    double[][] out = new double[counts.length][];
    for (int g = 0; g < counts.length; g++) {
      long n = rowSum(counts[g]);
      out[g] = new double[counts[g].length];
      for (int j = 0; j < out[g].length; j++) {
        out[g][j] = n == 0 ? Double.NaN : (double) counts[g][j] / n;
      }
    }
    return out;
  }

  /** Shares of a count vector (NaN entries when it sums to 0). */
  public static double[] shares(long[] counts) {
    return rowShares(new long[][] {counts})[0];
  }

  /** Sum of a row. */
  public static long rowSum(long[] row) {
    long n = 0;
    for (long v : row) {
      n += v;
    }
    return n;
  }
}
