package io.uatr.collab;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.uatr.collab.model.ExpertRouter;
import io.uatr.collab.model.PartyNet;
import io.uatr.training.FeatureSegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reconstruction attack of an honest-but-curious expert host. The attacker fits an inversion
 * decoder (linear ridge regression, in its dual form) from representations of its own training
 * segments to their spectrograms, then applies it to the representations it would receive from the
 * victim: the expert-layer activations of the victim's segments that the victim's gates route to an
 * expert the attacker hosts. References: the same attack when the host would receive the raw
 * features, or the first conv layer's output. Each figure compares reconstructions with the
 * victim's true (segment-normalised) spectrograms: mean squared error (predicting the mean
 * spectrogram gives about 1) and the mean per-segment Pearson correlation.
 */
public final class InversionAttack {

  /** Ridge penalty relative to the mean diagonal of the kernel. */
  static final double RIDGE = 1e-2;

  private InversionAttack() {}

  /**
   * One row of figures.
   *
   * @param representation what the attacker sees
   * @param mse mean squared reconstruction error per spectrogram cell
   * @param correlation mean Pearson correlation between reconstruction and truth per segment
   * @param segments victim segments attacked
   */
  public record Figures(String representation, double mse, double correlation, int segments) {}

  /**
   * Runs the attack.
   *
   * @param attacker the attacker's model (its backbone; its own data fits the decoder)
   * @param victim the victim's model (its backbone produces the activations sent to the host)
   * @param attackerIndex the attacker's party index (hosts experts j with j mod n = attackerIndex)
   * @param parties n
   * @param own the attacker's training segments
   * @param victims the victim's training segments
   * @param m manager
   * @return figures for the activations, the first conv layer's output, the raw features and the
   *     mean-spectrogram baseline
   */
  public static List<Figures> run(
      PartyNet attacker,
      PartyNet victim,
      int attackerIndex,
      int parties,
      List<FeatureSegment> own,
      List<FeatureSegment> victims,
      NDManager m) {
    List<FeatureSegment> routed = routedTo(victim, attackerIndex, parties, victims, m);
    if (routed.isEmpty()) {
      return List.of();
    }
    double[][] ya = flat(own);
    double[][] yv = flat(routed);
    List<Figures> out = new ArrayList<>();
    out.add(
        figures(
            "expert-layer activations (what the host receives)",
            rep(attacker, own, 2, m),
            ya,
            rep(victim, routed, 2, m),
            yv));
    out.add(
        figures(
            "first conv layer output (reference)",
            rep(attacker, own, 1, m),
            ya,
            rep(victim, routed, 1, m),
            yv));
    out.add(figures("raw features (reference)", ya, ya, yv, yv));
    double[] mean = new double[ya[0].length];
    for (double[] r : ya) {
      for (int j = 0; j < mean.length; j++) {
        mean[j] += r[j] / ya.length;
      }
    }
    double[][] pm = new double[yv.length][];
    for (int i = 0; i < yv.length; i++) {
      pm[i] = mean;
    }
    out.add(score("mean spectrogram of the attacker's data (baseline)", pm, yv));
    return out;
  }

  /** The victim's segments whose gates (inference mode) select an expert the attacker hosts. */
  private static List<FeatureSegment> routedTo(
      PartyNet victim, int host, int parties, List<FeatureSegment> segs, NDManager m) {
    List<FeatureSegment> out = new ArrayList<>();
    int e = victim.expertCount();
    for (int start = 0; start < segs.size(); start += 64) {
      List<FeatureSegment> part = segs.subList(start, Math.min(segs.size(), start + 64));
      try (NDManager bm = m.newSubManager()) {
        NDArray x = input(bm, part);
        ParameterStore ps = new ParameterStore(bm, false);
        PartyNet.Front f = victim.front(ps, x, false);
        List<NDList> g = victim.gates(ps, f.gateIn(), false);
        boolean[] keep = new boolean[part.size()];
        for (NDList gate : g) {
          float[] w = gate.get(0).toFloatArray();
          for (int b = 0; b < part.size(); b++) {
            for (int j = 0; j < e; j++) {
              if (w[b * e + j] != 0f && ExpertRouter.hostOf(j, parties) == host) {
                keep[b] = true;
              }
            }
          }
        }
        for (int b = 0; b < part.size(); b++) {
          if (keep[b]) {
            out.add(part.get(b));
          }
        }
      }
    }
    return out;
  }

  /** Representation 1 = stem output, 2 = expert-layer input, flattened per segment. */
  private static double[][] rep(PartyNet net, List<FeatureSegment> segs, int which, NDManager m) {
    double[][] out = new double[segs.size()][];
    for (int start = 0; start < segs.size(); start += 64) {
      List<FeatureSegment> part = segs.subList(start, Math.min(segs.size(), start + 64));
      try (NDManager bm = m.newSubManager()) {
        NDArray x = input(bm, part);
        ParameterStore ps = new ParameterStore(bm, false);
        NDArray r = which == 1 ? net.stemOutput(ps, x) : net.front(ps, x, false).expertIn();
        int n = part.size();
        float[] v = r.reshape(n, -1).toFloatArray();
        int d = v.length / n;
        for (int i = 0; i < n; i++) {
          double[] row = new double[d];
          for (int j = 0; j < d; j++) {
            row[j] = v[i * d + j];
          }
          out[start + i] = row;
        }
      }
    }
    return out;
  }

  private static NDArray input(NDManager bm, List<FeatureSegment> part) {
    FeatureSegment s = part.get(0);
    int cells = s.bins() * s.frames();
    float[] flat = new float[part.size() * cells];
    for (int i = 0; i < part.size(); i++) {
      int k = i * cells;
      for (float[] row : part.get(i).features().toArray()) {
        System.arraycopy(row, 0, flat, k, row.length);
        k += row.length;
      }
    }
    return bm.create(flat, new Shape(part.size(), 1, s.bins(), s.frames()));
  }

  private static double[][] flat(List<FeatureSegment> segs) {
    double[][] out = new double[segs.size()][];
    for (int i = 0; i < segs.size(); i++) {
      float[][] x = segs.get(i).features().toArray();
      double[] row = new double[x.length * x[0].length];
      int k = 0;
      for (float[] r : x) {
        for (float v : r) {
          row[k++] = v;
        }
      }
      out[i] = row;
    }
    return out;
  }

  /** Fits kernel ridge regression on (xa, ya), predicts from xv, scores against yv. */
  static Figures figures(String name, double[][] xa, double[][] ya, double[][] xv, double[][] yv) {
    int n = xa.length;
    int d = xa[0].length;
    double[] mu = new double[d];
    double[] sd = new double[d];
    for (double[] r : xa) {
      for (int j = 0; j < d; j++) {
        mu[j] += r[j] / n;
      }
    }
    for (double[] r : xa) {
      for (int j = 0; j < d; j++) {
        sd[j] += (r[j] - mu[j]) * (r[j] - mu[j]) / n;
      }
    }
    for (int j = 0; j < d; j++) {
      sd[j] = Math.sqrt(sd[j]) + 1e-6;
    }
    double[][] a = standardise(xa, mu, sd);
    double[][] v = standardise(xv, mu, sd);
    double[][] k = new double[n][n];
    double trace = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        k[i][j] = k[j][i] = dot(a[i], a[j]);
      }
      trace += k[i][i];
    }
    double lambda = RIDGE * trace / n + 1e-9;
    for (int i = 0; i < n; i++) {
      k[i][i] += lambda;
    }
    double[][] l = cholesky(k);
    int out = ya[0].length;
    double[] ymean = new double[out];
    for (double[] r : ya) {
      for (int j = 0; j < out; j++) {
        ymean[j] += r[j] / n;
      }
    }
    double[][] alpha = new double[n][out];
    double[] col = new double[n];
    for (int j = 0; j < out; j++) {
      for (int i = 0; i < n; i++) {
        col[i] = ya[i][j] - ymean[j];
      }
      double[] s = solve(l, col);
      for (int i = 0; i < n; i++) {
        alpha[i][j] = s[i];
      }
    }
    double[][] pred = new double[v.length][out];
    for (int t = 0; t < v.length; t++) {
      double[] kv = new double[n];
      for (int i = 0; i < n; i++) {
        kv[i] = dot(v[t], a[i]);
      }
      for (int j = 0; j < out; j++) {
        double s = ymean[j];
        for (int i = 0; i < n; i++) {
          s += kv[i] * alpha[i][j];
        }
        pred[t][j] = s;
      }
    }
    return score(name, pred, yv);
  }

  private static Figures score(String name, double[][] pred, double[][] truth) {
    double se = 0;
    long cells = 0;
    double corr = 0;
    for (int t = 0; t < truth.length; t++) {
      double mp = 0;
      double mt = 0;
      int d = truth[t].length;
      for (int j = 0; j < d; j++) {
        double e = pred[t][j] - truth[t][j];
        se += e * e;
        mp += pred[t][j] / d;
        mt += truth[t][j] / d;
      }
      cells += d;
      double sxy = 0;
      double sxx = 0;
      double syy = 0;
      for (int j = 0; j < d; j++) {
        double x = pred[t][j] - mp;
        double y = truth[t][j] - mt;
        sxy += x * y;
        sxx += x * x;
        syy += y * y;
      }
      corr += sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
    }
    return new Figures(name, se / cells, corr / truth.length, truth.length);
  }

  private static double[][] standardise(double[][] x, double[] mu, double[] sd) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = new double[mu.length];
      for (int j = 0; j < mu.length; j++) {
        out[i][j] = (x[i][j] - mu[j]) / sd[j];
      }
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double[][] cholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        l[i][j] = i == j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j][j];
      }
    }
    return l;
  }

  private static double[] solve(double[][] l, double[] b) {
    int n = b.length;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * y[k];
      }
      y[i] = s / l[i][i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k][i] * x[k];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }

  /** Copies a loaded model's parameters (by name) into a party network. */
  public static void load(PartyNet dst, ai.djl.nn.Block src) {
    Map<String, Parameter> byName = new HashMap<>();
    for (Pair<String, Parameter> p : src.getParameters()) {
      byName.put(p.getKey(), p.getValue());
    }
    for (Pair<String, Parameter> p : dst.net().getParameters()) {
      Parameter s = byName.get(p.getKey());
      if (s == null) {
        throw new IllegalArgumentException("the bundle has no parameter " + p.getKey());
      }
      p.getValue()
          .getArray()
          .stopGradient()
          .set(new ai.djl.ndarray.index.NDIndex("..."), s.getArray());
    }
  }
}
