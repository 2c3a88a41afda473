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
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;

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

  /** Ridge penalties tried, relative to the mean diagonal of the kernel. */
  static final double[] RIDGES = {1e-3, 1e-2, 1e-1, 1, 10};

  private InversionAttack() {}

  /**
   * One row of figures.
   *
   * @param representation what the attacker sees
   * @param mse mean squared reconstruction error per spectrogram cell
   * @param correlation mean Pearson correlation between reconstruction and truth per segment
   * @param residualCorrelation the same after subtracting the attacker's mean spectrogram from
   *     both: how much of what is specific to each victim segment is recovered (0 for the baseline
   *     that outputs the mean)
   * @param segments victim segments attacked
   */
  public record Figures(
      String representation,
      double mse,
      double correlation,
      double residualCorrelation,
      int segments) {}

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
    double[] mean = mean(ya);
    double[][] pm = new double[yv.length][];
    for (int i = 0; i < yv.length; i++) {
      pm[i] = mean;
    }
    out.add(score("mean spectrogram of the attacker's data (baseline)", pm, yv, mean));
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
    double[] ymean = mean(ya);
    // the attacker picks the penalty on a hold-out of its own data (every 5th segment)
    int[] fit = java.util.stream.IntStream.range(0, n).filter(i -> i % 5 != 4).toArray();
    int[] held = java.util.stream.IntStream.range(0, n).filter(i -> i % 5 == 4).toArray();
    double best = RIDGES[0];
    double bestErr = Double.POSITIVE_INFINITY;
    for (double r : RIDGES) {
      double[][] p = predict(k, fit, ya, ymean, r * trace / n, held);
      double err = 0;
      for (int t = 0; t < held.length; t++) {
        for (int j = 0; j < ymean.length; j++) {
          double e = p[t][j] - ya[held[t]][j];
          err += e * e;
        }
      }
      if (err < bestErr) {
        bestErr = err;
        best = r;
      }
    }
    int[] all = java.util.stream.IntStream.range(0, n).toArray();
    double[][] alpha = fitAlpha(k, all, ya, ymean, best * trace / n);
    double[][] pred = new double[v.length][ymean.length];
    for (int t = 0; t < v.length; t++) {
      double[] kv = new double[n];
      for (int i = 0; i < n; i++) {
        kv[i] = dot(v[t], a[i]);
      }
      pred[t] = combine(kv, alpha, ymean);
    }
    return score(name, pred, yv, ymean);
  }

  private static double[] mean(double[][] y) {
    double[] m = new double[y[0].length];
    for (double[] r : y) {
      for (int j = 0; j < m.length; j++) {
        m[j] += r[j] / y.length;
      }
    }
    return m;
  }

  /** Dual ridge coefficients [fit][out] on the rows {@code fit} of kernel {@code k}. */
  private static double[][] fitAlpha(
      double[][] k, int[] fit, double[][] y, double[] ymean, double lambda) {
    int n = fit.length;
    double[][] kk = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        kk[i][j] = k[fit[i]][fit[j]];
      }
      kk[i][i] += lambda + 1e-9;
    }
    double[][] centred = new double[n][ymean.length];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < ymean.length; j++) {
        centred[i][j] = y[fit[i]][j] - ymean[j];
      }
    }
    return new CholeskyDecomposition(new Array2DRowRealMatrix(kk, false))
        .getSolver()
        .solve(new Array2DRowRealMatrix(centred, false))
        .getData();
  }

  private static double[][] predict(
      double[][] k, int[] fit, double[][] y, double[] ymean, double lambda, int[] rows) {
    double[][] alpha = fitAlpha(k, fit, y, ymean, lambda);
    double[][] out = new double[rows.length][];
    for (int t = 0; t < rows.length; t++) {
      double[] kv = new double[fit.length];
      for (int i = 0; i < fit.length; i++) {
        kv[i] = k[rows[t]][fit[i]];
      }
      out[t] = combine(kv, alpha, ymean);
    }
    return out;
  }

  private static double[] combine(double[] kv, double[][] alpha, double[] ymean) {
    double[] out = ymean.clone();
    for (int i = 0; i < kv.length; i++) {
      if (kv[i] == 0) {
        continue;
      }
      for (int j = 0; j < out.length; j++) {
        out[j] += kv[i] * alpha[i][j];
      }
    }
    return out;
  }

  private static Figures score(String name, double[][] pred, double[][] truth, double[] mean) {
    double se = 0;
    long cells = 0;
    double corr = 0;
    double resid = 0;
    for (int t = 0; t < truth.length; t++) {
      int d = truth[t].length;
      for (int j = 0; j < d; j++) {
        double e = pred[t][j] - truth[t][j];
        se += e * e;
      }
      cells += d;
      corr += pearson(pred[t], truth[t], new double[d]);
      resid += pearson(pred[t], truth[t], mean);
    }
    return new Figures(name, se / cells, corr / truth.length, resid / truth.length, truth.length);
  }

  /** Pearson correlation of (x - offset) and (y - offset); 0 when either is constant. */
  private static double pearson(double[] x, double[] y, double[] offset) {
    int d = x.length;
    double mx = 0;
    double my = 0;
    for (int j = 0; j < d; j++) {
      mx += (x[j] - offset[j]) / d;
      my += (y[j] - offset[j]) / d;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int j = 0; j < d; j++) {
      double a = x[j] - offset[j] - mx;
      double b = y[j] - offset[j] - my;
      sxy += a * b;
      sxx += a * a;
      syy += b * b;
    }
    return sxx > 1e-12 && syy > 1e-12 ? sxy / Math.sqrt(sxx * syy) : 0;
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
