package io.uatr.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.uatr.models.ModelOutputs;
import io.uatr.models.spec.ModelSpec;
import io.uatr.models.spec.SizeHead;
import java.util.ArrayList;
import java.util.List;

/** Turns a batch of segment features into the model input and its output into plain arrays. */
final class SegmentTranslator
    implements NoBatchifyTranslator<SegmentTranslator.In, SegmentTranslator.Out> {

  /**
   * A batch of segments.
   *
   * @param flat [count x bins x frames] features, row-major
   * @param count segments
   * @param bins feature rows
   * @param frames feature frames
   */
  record In(float[] flat, int count, int bins, int frames) {}

  /**
   * Model outputs of a batch.
   *
   * @param probs [count][classes] class probabilities
   * @param size [count][levels] size probabilities, [count][1] regression values, or null
   * @param gates per task [count][experts] gate weights (empty unless asked)
   */
  record Out(float[][] probs, float[][] size, List<float[][]> gates) {}

  private final ModelSpec spec;
  private final boolean gates;

  SegmentTranslator(ModelSpec spec, boolean gates) {
    this.spec = spec;
    this.gates = gates;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, In in) {
    NDArray x =
        ctx.getNDManager().create(in.flat(), new Shape(in.count(), 1, in.bins(), in.frames()));
    return new NDList(x);
  }

  @Override
  public Out processOutput(TranslatorContext ctx, NDList out) {
    float[][] probs = rows(ModelOutputs.classLogits(out).softmax(1));
    float[][] size = null;
    if (spec.sizeHead() != SizeHead.NONE) {
      NDArray s = ModelOutputs.size(out);
      size = rows(spec.sizeHead() == SizeHead.LEVELS ? s.softmax(1) : s);
    }
    List<float[][]> g = new ArrayList<>();
    if (gates) {
      for (NDArray a : ModelOutputs.gateWeights(out, spec)) {
        g.add(rows(a));
      }
    }
    return new Out(probs, size, g);
  }

  private static float[][] rows(NDArray a) {
    float[] flat = a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    int n = (int) a.getShape().get(0);
    int k = n == 0 ? 0 : flat.length / n;
    float[][] r = new float[n][k];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * k, r[i], 0, k);
    }
    return r;
  }
}
