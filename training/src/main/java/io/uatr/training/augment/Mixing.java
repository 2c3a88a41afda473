package io.uatr.training.augment;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * Sample mixing: mixup (Zhang et al. 2018) and CutMix (Yun et al. 2019) on [bins][frames] matrices
 * and their label distributions. Mixed labels are lambda x label_a + (1 - lambda) x label_b, where
 * lambda is the share of the result that comes from a.
 */
public final class Mixing {

  /**
   * A rectangle of a [bins][frames] matrix: rows [row0, row1), columns [col0, col1).
   *
   * @param row0 first row
   * @param row1 end row (exclusive)
   * @param col0 first column
   * @param col1 end column (exclusive)
   */
  public record Box(int row0, int row1, int col0, int col1) {
    /** Returns the number of cells inside. */
    public long area() {
      return (long) (row1 - row0) * (col1 - col0);
    }
  }

  private Mixing() {}

  /**
   * Draws from Beta(alpha, alpha) by inverting its CDF at a uniform draw of {@code rng}.
   *
   * @param alpha shape, &gt; 0
   * @param rng random source
   * @return a value in [0, 1]
   */
  public static double beta(double alpha, SplittableRandom rng) {
    return new BetaDistribution(null, alpha, alpha).inverseCumulativeProbability(rng.nextDouble());
  }

  /**
   * Mixup of two matrices: lambda a + (1 - lambda) b.
   *
   * @param a [bins][frames]
   * @param b [bins][frames]
   * @param lambda weight of a in [0, 1]
   * @return a new [bins][frames] matrix
   */
  public static float[][] mixup(float[][] a, float[][] b, double lambda) {
    float[][] out = new float[a.length][];
    float la = (float) lambda;
    float lb = (float) (1 - lambda);
    for (int i = 0; i < a.length; i++) {
      out[i] = new float[a[i].length];
      for (int j = 0; j < a[i].length; j++) {
        out[i][j] = la * a[i][j] + lb * b[i][j];
      }
    }
    return out;
  }

  /**
   * Mixes two label distributions: lambda ta + (1 - lambda) tb.
   *
   * @param ta [n]
   * @param tb [n]
   * @param lambda weight of ta
   * @return a new [n] array
   */
  public static float[] mixLabels(float[] ta, float[] tb, double lambda) {
    float[] out = new float[ta.length];
    for (int i = 0; i < ta.length; i++) {
      out[i] = (float) (lambda * ta[i] + (1 - lambda) * tb[i]);
    }
    return out;
  }

  /**
   * The CutMix box for a target share {@code lambda} kept from the first matrix: height bins x
   * sqrt(1 - lambda), width frames x sqrt(1 - lambda) (rounded), centred at a uniform cell and
   * clipped to the matrix.
   *
   * @param bins rows
   * @param frames columns
   * @param lambda target share of the first matrix in [0, 1]
   * @param rng random source
   * @return the box (may be empty)
   */
  public static Box cutBox(int bins, int frames, double lambda, SplittableRandom rng) {
    double r = Math.sqrt(1 - lambda);
    int h = (int) Math.round(bins * r);
    int w = (int) Math.round(frames * r);
    int cy = rng.nextInt(bins);
    int cx = rng.nextInt(frames);
    int r0 = Math.max(0, cy - h / 2);
    int r1 = Math.min(bins, cy - h / 2 + h);
    int c0 = Math.max(0, cx - w / 2);
    int c1 = Math.min(frames, cx - w / 2 + w);
    return new Box(r0, Math.max(r0, r1), c0, Math.max(c0, c1));
  }

  /**
   * CutMix: a copy of {@code a} with the box taken from {@code b}.
   *
   * @param a [bins][frames]
   * @param b [bins][frames]
   * @param box the pasted rectangle
   * @return a new [bins][frames] matrix
   */
  public static float[][] cutmix(float[][] a, float[][] b, Box box) {
    float[][] out = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
      if (i >= box.row0() && i < box.row1()) {
        System.arraycopy(b[i], box.col0(), out[i], box.col0(), box.col1() - box.col0());
      }
    }
    return out;
  }

  /** Returns the share of a [bins][frames] CutMix result that comes from the first matrix. */
  public static double keptShare(Box box, int bins, int frames) {
    return 1.0 - (double) box.area() / ((long) bins * frames);
  }
}
