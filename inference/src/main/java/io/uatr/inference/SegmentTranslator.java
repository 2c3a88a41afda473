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
   * @param router [count x views x routerBins] router inputs, row-major, or null
   * @param views router views per segment (0 without)
   * @param routerBins router bins per view (0 without)
   */
  record In(
      float[] flat, int count, int bins, int frames, float[] router, int views, int routerBins) {

    /** A batch without router input. */
    In(float[] flat, int count, int bins, int frames) {
      this(flat, count, bins, frames, null, 0, 0);
    }
  }

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
    NDArray r =
        in.router() == null
            ? null
            : ctx.getNDManager()
                .create(in.router(), new Shape(in.count(), in.views(), in.routerBins()));
    return io.uatr.models.ModelInputs.of(x, null, r);
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
