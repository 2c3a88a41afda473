package io.uatr.training.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Classification metrics and gate diagnostics from plain arrays. */
public final class Metrics {

  /** An expert is dead when its utilisation is below DEAD_SHARE x (1 / E). */
  public static final double DEAD_SHARE = 0.01;

  private Metrics() {}

  /** Returns the index of the largest value (the first on ties). */
  public static int argMax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * Confusion matrix.
   *
   * @param truth [N] true classes
   * @param pred [N] predicted classes
   * @param c number of classes
   * @return [C][C] counts, rows true class, columns predicted class
   */
  public static long[][] confusion(int[] truth, int[] pred, int c) {
    long[][] m = new long[c][c];
    for (int i = 0; i < truth.length; i++) {
      m[truth[i]][pred[i]]++;
    }
    return m;
  }

  /** Returns the accuracy trace / total of a confusion matrix (NaN when empty). */
  public static double accuracy(long[][] m) {
    long hit = 0;
    long all = 0;
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m.length; j++) {
        all += m[i][j];
        hit += i == j ? m[i][j] : 0;
      }
    }
    return all == 0 ? Double.NaN : (double) hit / all;
  }

  /** Returns [C] precision m[c][c] / column sum (0 when nothing was predicted as c). */
  public static double[] precision(long[][] m) {
    double[] p = new double[m.length];
    for (int c = 0; c < m.length; c++) {
      long col = 0;
      for (long[] row : m) {
        col += row[c];
      }
      p[c] = col == 0 ? 0 : (double) m[c][c] / col;
    }
    return p;
  }

  /** Returns [C] recall m[c][c] / row sum (0 when class c has no segment). */
  public static double[] recall(long[][] m) {
    double[] r = new double[m.length];
    for (int c = 0; c < m.length; c++) {
      long row = 0;
      for (long v : m[c]) {
        row += v;
      }
      r[c] = row == 0 ? 0 : (double) m[c][c] / row;
    }
    return r;
  }

  /** Returns [C] F1 = 2 p r / (p + r) (0 when p + r = 0). */
  public static double[] f1(long[][] m) {
    double[] p = precision(m);
    double[] r = recall(m);
    double[] f = new double[m.length];
    for (int c = 0; c < m.length; c++) {
      f[c] = p[c] + r[c] == 0 ? 0 : 2 * p[c] * r[c] / (p[c] + r[c]);
    }
    return f;
  }

  /**
   * Macro-F1: the mean F1 over the classes that occur in the truth or the predictions (as
   * scikit-learn's f1_score(average='macro') without a labels argument); NaN when empty.
   */
  public static double macroF1(long[][] m) {
    double[] f = f1(m);
    double sum = 0;
    int n = 0;
    for (int c = 0; c < m.length; c++) {
      long row = 0;
      long col = 0;
      for (int k = 0; k < m.length; k++) {
        row += m[c][k];
        col += m[k][c];
      }
      if (row + col > 0) {
        sum += f[c];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /**
   * Recording-level predictions from averaged segment probabilities.
   *
   * @param probs [N][C] segment class probabilities
   * @param truth [N] true classes (constant within a recording)
   * @param recordingIds [N] recording of each segment
   * @return per recording (in order of first appearance) {true class, predicted class}
   */
  public static List<int[]> recordingPredictions(
      float[][] probs, int[] truth, String[] recordingIds) {
    Map<String, double[]> sums = new LinkedHashMap<>();
    Map<String, Integer> label = new LinkedHashMap<>();
    for (int i = 0; i < probs.length; i++) {
      double[] s = sums.computeIfAbsent(recordingIds[i], k -> new double[probs[0].length]);
      for (int c = 0; c < s.length; c++) {
        s[c] += probs[i][c];
      }
      label.putIfAbsent(recordingIds[i], truth[i]);
    }
    List<int[]> out = new ArrayList<>();
    for (Map.Entry<String, double[]> e : sums.entrySet()) {
      double[] s = e.getValue();
      int best = 0;
      for (int c = 1; c < s.length; c++) {
        if (s[c] > s[best]) {
          best = c;
        }
      }
      out.add(new int[] {label.get(e.getKey()), best});
    }
    return out;
  }

  /**
   * Mean cross-entropy -log p[truth] of segment probabilities (probabilities floored at 1e-12).
   *
   * @param probs [N][C]
   * @param truth [N]
   * @return the mean in nats (NaN when empty)
   */
  public static double crossEntropy(float[][] probs, int[] truth) {
    double s = 0;
    for (int i = 0; i < truth.length; i++) {
      s -= Math.log(Math.max(1e-12, probs[i][truth[i]]));
    }
    return truth.length == 0 ? Double.NaN : s / truth.length;
  }

  /**
   * Gate diagnostics of one task.
   *
   * @param task task index
   * @param w [N][E] gate weights (rows sum to 1)
   * @param truth [N] true classes
   * @param c number of classes
   * @return the diagnostics
   */
  public static GateDiagnostics gates(int task, float[][] w, int[] truth, int c) {
    int n = w.length;
    int e = w[0].length;
    double[] u = new double[e];
    double[][] byClass = new double[c][e];
    int[] classN = new int[c];
    long[] hard = new long[e];
    double entropy = 0;
    for (int i = 0; i < n; i++) {
      double h = 0;
      for (int k = 0; k < e; k++) {
        u[k] += w[i][k];
        byClass[truth[i]][k] += w[i][k];
        if (w[i][k] > 0) {
          h -= w[i][k] * Math.log(w[i][k]);
        }
      }
      entropy += e > 1 ? h / Math.log(e) : 0;
      classN[truth[i]]++;
      hard[argMax(w[i])]++;
    }
    double mean = 0;
    for (int k = 0; k < e; k++) {
      u[k] /= n;
      mean += u[k];
    }
    mean /= e;
    double var = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : u) {
      var += (v - mean) * (v - mean);
      max = Math.max(max, v);
    }
    var /= e;
    for (int k = 0; k < c; k++) {
      for (int j = 0; j < e; j++) {
        byClass[k][j] = classN[k] == 0 ? Double.NaN : byClass[k][j] / classN[k];
      }
    }
    List<Integer> dead = new ArrayList<>();
    for (int k = 0; k < e; k++) {
      if (u[k] < DEAD_SHARE / e) {
        dead.add(k);
      }
    }
    return new GateDiagnostics(
        task,
        u,
        byClass,
        entropy / n,
        Math.sqrt(var) / mean,
        max / mean,
        (max - mean) / mean,
        dead.stream().mapToInt(Integer::intValue).toArray(),
        hard);
  }
}
