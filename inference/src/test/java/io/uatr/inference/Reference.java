package io.uatr.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.uatr.datasets.Recording;
import io.uatr.datasets.Segment;
import io.uatr.datasets.Segmenter;
import io.uatr.models.ModelOutputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The naive whole-file path the streaming recognizer must reproduce: all samples in memory,
 * segments from the datasets Segmenter, features per segment, one forward pass per segment.
 */
final class Reference {

  private Reference() {}

  /**
   * Class probabilities of every segment.
   *
   * @param r the recognizer (for its model, features and manifest)
   * @param x [n] mono samples already at the bundle's rate
   * @return [segments][classes]
   */
  static List<float[]> segmentProbs(Recognizer r, float[] x) {
    BundleManifest m = r.manifest();
    int sr = m.sampleRate();
    Recording rec =
        new Recording(
            Path.of("ref.wav"),
            "ref",
            "a",
            0,
            0,
            Map.of(),
            x.length / (double) sr,
            sr,
            0,
            x.length / (double) sr);
    Block block = r.model().getBlock();
    List<float[]> out = new ArrayList<>();
    try (NDManager nd = NDManager.newBaseManager()) {
      for (Segment s : Segmenter.segments(rec, m.segment())) {
        float[][] f =
            SegmentFeatures.compute(
                Segmenter.extract(x, s), sr, r.featureSpec(), m.normalization());
        float[] flat = new float[f.length * f[0].length];
        for (int b = 0; b < f.length; b++) {
          System.arraycopy(f[b], 0, flat, b * f[0].length, f[0].length);
        }
        NDArray in = nd.create(flat, new Shape(1, 1, f.length, f[0].length));
        NDList y = block.forward(new ParameterStore(nd, false), new NDList(in), false);
        out.add(ModelOutputs.classLogits(y).softmax(1).toFloatArray());
      }
    }
    return out;
  }
}
