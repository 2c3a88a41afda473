package io.uatr.training;

import java.util.SplittableRandom;

/** The order in which an epoch visits the training segments. */
public final class Sampling {

  private Sampling() {}

  /**
   * A shuffle of {@code indices} (Fisher-Yates), or, when {@code balanced}, as many draws with
   * replacement where segment i is drawn with probability proportional to 1 / count(class of i), so
   * that every class present is drawn equally often in expectation.
   *
   * @param indices segment indices to visit
   * @param classOf class label of each index position ([indices.length])
   * @param numClasses number of classes
   * @param balanced class-balanced sampling
   * @param rng random source
   * @return [indices.length] segment indices in visiting order
   */
  public static int[] order(
      int[] indices, int[] classOf, int numClasses, boolean balanced, SplittableRandom rng) {
    int n = indices.length;
    int[] out = new int[n];
    if (!balanced) {
      int[] a = indices.clone();
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
      }
      return a;
    }
    int[] counts = new int[numClasses];
    for (int c : classOf) {
      counts[c]++;
    }
    double[] cumulative = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += 1.0 / counts[classOf[i]];
      cumulative[i] = total;
    }
    for (int k = 0; k < n; k++) {
      double u = rng.nextDouble() * total;
      int pos = java.util.Arrays.binarySearch(cumulative, u);
      pos = pos >= 0 ? pos + 1 : -pos - 1;
      out[k] = indices[Math.min(pos, n - 1)];
    }
    return out;
  }
}
