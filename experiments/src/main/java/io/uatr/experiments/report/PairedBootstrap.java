package io.uatr.experiments.report;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Paired difference in recording accuracy between two variants with a cluster-bootstrap confidence
 * interval over test recordings (pure static).
 *
 * <p>Procedure, for S seeds run by both variants and R test recordings evaluated by both:
 *
 * <ol>
 *   <li>d(s, r) = correct_variant(s, r) - correct_reference(s, r), each correct value 1 or 0 (the
 *       recording-level prediction of seed s on recording r), so d is -1, 0 or 1;
 *   <li>m(r) = mean over the S seeds of d(s, r): the seeds stay paired with their recording;
 *   <li>the point estimate is the mean of m(r) over the R recordings, which equals the difference
 *       of the two variants' recording accuracies averaged over seeds;
 *   <li>B bootstrap resamples: {@code SplittableRandom rng = new SplittableRandom(seed)}; resample
 *       b draws R recordings with replacement ({@code rng.nextInt(R)}, R draws per resample,
 *       resamples in order) and its statistic is the mean of m(r) over the drawn recordings, i.e.
 *       the mean of d over the drawn recordings and all seeds. Recordings are the unit of
 *       independence (a cluster bootstrap over recordings, seeds paired within each);
 *   <li>the interval at level 1 - alpha is the percentile interval of the B statistics sorted
 *       ascending: the ceil(B alpha / 2)-th and the ceil(B (1 - alpha / 2))-th smallest (for B = 10
 *       000 and 95 %: the 250th and the 9 750th).
 * </ol>
 */
public final class PairedBootstrap {
  /** Default number of resamples. */
  public static final int RESAMPLES = 10_000;

  /** Default seed of the resampling. */
  public static final long SEED = 1;

  private PairedBootstrap() {}

  /**
   * A paired difference and its interval.
   *
   * @param mean mean difference (fraction of recordings, variant minus reference)
   * @param low lower end of the interval (fraction)
   * @param high upper end of the interval (fraction)
   * @param seeds S, seeds paired
   * @param recordings R, recordings resampled
   */
  public record Interval(double mean, double low, double high, int seeds, int recordings) {

    /** Whether the interval excludes 0. */
    public boolean significant() {
      return low > 0 || high < 0;
    }
  }

  /**
   * Computes the paired difference and its bootstrap interval.
   *
   * @param variant [S][R] 1 where the variant's seed s classified recording r correctly, else 0
   * @param reference [S][R] the same for the reference variant (same seeds, same recordings)
   * @param resamples B, at least 1
   * @param seed seed of the resampling
   * @param level confidence level in (0, 1), e.g. 0.95
   * @return the mean difference and interval
   * @throws IllegalArgumentException when the shapes differ or are empty
   */
  public static Interval difference(
      int[][] variant, int[][] reference, int resamples, long seed, double level) {
    int s = variant.length;
    if (s == 0 || reference.length != s || variant[0].length == 0) {
      throw new IllegalArgumentException("need >= 1 seed and >= 1 recording, paired");
    }
    int r = variant[0].length;
    double[] m = new double[r];
    for (int k = 0; k < s; k++) {
      if (variant[k].length != r || reference[k].length != r) {
        throw new IllegalArgumentException("seed " + k + " has another number of recordings");
      }
      for (int j = 0; j < r; j++) {
        m[j] += variant[k][j] - reference[k][j];
      }
    }
    for (int j = 0; j < r; j++) {
      m[j] /= s;
    }
    double[] stats = resampleMeans(m, resamples, seed);
    double alpha = 1 - level;
    return new Interval(
        Stats.mean(m),
        stats[rank(resamples, alpha / 2)],
        stats[rank(resamples, 1 - alpha / 2)],
        s,
        r);
  }

  /**
   * Sorted means of B resamples (with replacement, R draws each) of the values.
   *
   * @param m [R] values, one per cluster
   * @param resamples B
   * @param seed seed of the SplittableRandom drawing the indices
   * @return [B] resample means, ascending
   */
  static double[] resampleMeans(double[] m, int resamples, long seed) {
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be >= 1, was " + resamples);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] stats = new double[resamples];
    int n = m.length;
    for (int b = 0; b < resamples; b++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += m[rng.nextInt(n)];
      }
      stats[b] = sum / n;
    }
    Arrays.sort(stats);
    return stats;
  }

  /** Zero-based index of the ceil(B q)-th smallest of B values (q in (0, 1)). */
  static int rank(int resamples, double q) {
    int k = (int) Math.ceil(resamples * q - 1e-9);
    return Math.min(resamples - 1, Math.max(0, k - 1));
  }
}
