package io.uatr.experiments.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.uatr.experiments.data.PreparedData;
import io.uatr.experiments.report.DemonPhysics;
import io.uatr.experiments.report.ShaftRouting;
import io.uatr.models.MultiTaskNet;
import io.uatr.training.FeatureSegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs the {@link DemonPhysics} check of a trained DEMONet over evaluation segments, per segment
 * (the views averaged, as the router reads them) and per single view.
 */
final class DemonCheck {
  private static final int BATCH = 64;

  /**
   * Both levels of the check.
   *
   * @param segments per segment: raw views and reconstructions averaged over the views
   * @param views per view: every window's spectrum on its own
   */
  record Result(DemonPhysics segments, DemonPhysics views) {}

  private DemonCheck() {}

  /**
   * The physics check, or null when it does not apply (not synthetic, no router input).
   *
   * @param net the trained model
   * @param manager a manager on the model's device
   * @param segs evaluation segments with router input
   * @param data the data (shaft rates, router bin frequencies)
   * @return the counts (no reconstruction for a model without a VAE)
   */
  static Result run(
      MultiTaskNet net, NDManager manager, List<FeatureSegment> segs, PreparedData data) {
    if (!data.synthetic()
        || !net.spec().needsRouterInput()
        || data.features().router() == null
        || segs.isEmpty()
        || segs.get(0).router() == null) {
      return null;
    }
    double[] freqs =
        data.features().router().create(data.features().sampleRate(), (f, i) -> {}).rowValues();
    Map<String, Double> shaft = ShaftRouting.shaftRates(data);
    List<float[]> raw = new ArrayList<>();
    List<float[]> recon = new ArrayList<>();
    List<float[]> rawViews = new ArrayList<>();
    List<float[]> reconViews = new ArrayList<>();
    int v = segs.get(0).router().length;
    int d = segs.get(0).router()[0].length;
    double[] rates = new double[segs.size()];
    double[] viewRates = new double[segs.size() * v];
    for (int start = 0; start < segs.size(); start += BATCH) {
      List<FeatureSegment> part = segs.subList(start, Math.min(segs.size(), start + BATCH));
      float[] flat = new float[part.size() * v * d];
      for (int i = 0; i < part.size(); i++) {
        rates[start + i] = shaft.getOrDefault(part.get(i).recordingId(), Double.NaN);
        float[][] r = part.get(i).router();
        for (int j = 0; j < v; j++) {
          System.arraycopy(r[j], 0, flat, (i * v + j) * d, d);
          viewRates[(start + i) * v + j] = rates[start + i];
        }
      }
      try (NDManager bm = manager.newSubManager()) {
        NDArray views = bm.create(flat, new Shape(part.size(), v, d));
        NDList out = net.demonSpectra(new ParameterStore(bm, false), views);
        collect(out.get(0), part.size(), v, d, raw, rawViews);
        if (out.size() > 1) {
          collect(out.get(1), part.size(), v, d, recon, reconViews);
        }
      }
    }
    boolean vae = net.hasVae();
    return new Result(
        DemonPhysics.of(raw, vae ? recon : null, rates, freqs),
        DemonPhysics.of(rawViews, vae ? reconViews : null, viewRates, freqs));
  }

  /** Splits [b][v][d] spectra into single views and their means over the views. */
  private static void collect(
      NDArray spectra, int b, int v, int d, List<float[]> means, List<float[]> views) {
    float[] a = spectra.toFloatArray();
    for (int i = 0; i < b; i++) {
      float[] mean = new float[d];
      for (int j = 0; j < v; j++) {
        float[] one = Arrays.copyOfRange(a, (i * v + j) * d, (i * v + j + 1) * d);
        views.add(one);
        for (int k = 0; k < d; k++) {
          mean[k] += one[k] / v;
        }
      }
      means.add(mean);
    }
  }
}
