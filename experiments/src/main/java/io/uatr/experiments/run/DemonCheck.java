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
import java.util.List;
import java.util.Map;

/** Runs the {@link DemonPhysics} check of a trained DEMONet over evaluation segments. */
final class DemonCheck {
  private static final int BATCH = 64;

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
  static DemonPhysics run(
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
    double[] rates = new double[segs.size()];
    int v = segs.get(0).router().length;
    int d = segs.get(0).router()[0].length;
    for (int start = 0; start < segs.size(); start += BATCH) {
      List<FeatureSegment> part = segs.subList(start, Math.min(segs.size(), start + BATCH));
      float[] flat = new float[part.size() * v * d];
      for (int i = 0; i < part.size(); i++) {
        rates[start + i] = shaft.getOrDefault(part.get(i).recordingId(), Double.NaN);
        float[][] r = part.get(i).router();
        for (int j = 0; j < v; j++) {
          System.arraycopy(r[j], 0, flat, (i * v + j) * d, d);
        }
      }
      try (NDManager bm = manager.newSubManager()) {
        NDArray views = bm.create(flat, new Shape(part.size(), v, d));
        NDList out = net.demonSpectra(new ParameterStore(bm, false), views);
        float[] a = out.get(0).toFloatArray();
        float[] b = out.size() > 1 ? out.get(1).toFloatArray() : null;
        for (int i = 0; i < part.size(); i++) {
          raw.add(java.util.Arrays.copyOfRange(a, i * d, (i + 1) * d));
          if (b != null) {
            recon.add(java.util.Arrays.copyOfRange(b, i * d, (i + 1) * d));
          }
        }
      }
    }
    return DemonPhysics.of(raw, net.hasVae() ? recon : null, rates, freqs);
  }
}
