package io.uatr.training.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.uatr.models.ModelOutputs;
import io.uatr.models.spec.ModelSpec;
import io.uatr.models.spec.SizeHead;
import io.uatr.training.Batch;
import io.uatr.training.FeatureSegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a trained block in inference mode over segments and collects class probabilities, size
 * outputs and gate weights. Not thread-safe (one per thread, like a DJL Predictor).
 */
public final class SegmentPredictor {

  private SegmentPredictor() {}

  /**
   * Predicts every segment.
   *
   * @param block initialised model block built from {@code spec}
   * @param spec the model spec
   * @param segments segments with [bins][frames] features (at least one)
   * @param batchSize segments per forward pass
   * @param manager manager on the model's device; temporary arrays are closed before returning
   * @return predictions with the segments' labels
   */
  public static Predictions predict(
      Block block,
      ModelSpec spec,
      List<FeatureSegment> segments,
      int batchSize,
      NDManager manager) {
    int n = segments.size();
    int c = spec.numClasses();
    float[][] probs = new float[n][];
    float[][] size = spec.sizeHead() == SizeHead.NONE ? null : new float[n][];
    List<float[][]> gates = new ArrayList<>();
    for (int t = 0; t < spec.numGateOutputs(); t++) {
      gates.add(new float[n][]);
    }
    int[] labels = new int[n];
    int[] levels = new int[n];
    float[] values = new float[n];
    String[] ids = new String[n];
    int bins = segments.get(0).bins();
    int frames = segments.get(0).frames();
    for (int start = 0; start < n; start += batchSize) {
      List<FeatureSegment> part = segments.subList(start, Math.min(n, start + batchSize));
      Batch b = Batch.of(part, c, SizeHead.NONE, 0);
      try (NDManager bm = manager.newSubManager();
          NDScope scope = new NDScope()) {
        NDArray x = bm.create(b.flatFeatures(), new Shape(part.size(), 1, bins, frames));
        NDList in = io.uatr.models.ModelInputs.of(x, null, b.routerArray(bm, spec));
        NDList out = block.forward(new ParameterStore(bm, false), in, false);
        rows(ModelOutputs.classLogits(out).softmax(1), probs, start);
        if (size != null) {
          NDArray s = ModelOutputs.size(out);
          rows(spec.sizeHead() == SizeHead.LEVELS ? s.softmax(1) : s, size, start);
        }
        List<NDArray> gw = ModelOutputs.gateWeights(out, spec);
        for (int t = 0; t < gw.size(); t++) {
          rows(gw.get(t), gates.get(t), start);
        }
      }
      for (int i = 0; i < part.size(); i++) {
        FeatureSegment s = part.get(i);
        labels[start + i] = s.classLabel();
        levels[start + i] = s.sizeLevel();
        values[start + i] = s.sizeValue();
        ids[start + i] = s.recordingId();
      }
    }
    return new Predictions(probs, size, gates, labels, levels, values, ids);
  }

  private static void rows(NDArray a, float[][] dst, int start) {
    float[] flat = a.toFloatArray();
    int rows = (int) a.getShape().get(0);
    int cols = rows == 0 ? 0 : flat.length / rows;
    for (int i = 0; i < rows; i++) {
      float[] r = new float[cols];
      System.arraycopy(flat, i * cols, r, 0, cols);
      dst[start + i] = r;
    }
  }
}
