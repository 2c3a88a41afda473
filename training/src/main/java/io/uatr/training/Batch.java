package io.uatr.training;

import io.uatr.models.spec.SizeHead;
import java.util.List;

/**
 * One training or evaluation batch on the Java heap, before it becomes NDArrays. Augmentation
 * replaces rows of the arrays; the segments themselves are never modified.
 *
 * @param x [B][bins][frames] features (copies of the segments' matrices)
 * @param classTarget [B][C] class target distributions (one-hot unless mixed)
 * @param sizeTarget [B][L] size level distributions (levels head), else null
 * @param sizeValue [B] size regression targets (regression head), else null
 * @param classLabel [B] the original class labels (for accuracy)
 * @param nuisance [B][n] standardised nuisance features of the segments (n may be 0)
 * @param router [B][views][bins] the segments' router inputs (shared with the segments, not copied:
 *     augmentation never changes them), or null when the segments carry none
 */
public record Batch(
    float[][][] x,
    float[][] classTarget,
    float[][] sizeTarget,
    float[] sizeValue,
    int[] classLabel,
    float[][] nuisance,
    float[][][] router) {

  /**
   * Builds a batch from segments.
   *
   * @param segments the segments (copied)
   * @param numClasses C
   * @param head the model's size head
   * @param sizeLevels L (levels head)
   * @return the batch
   * @throws IllegalArgumentException when a segment lacks the size label the head needs
   */
  public static Batch of(
      List<FeatureSegment> segments, int numClasses, SizeHead head, int sizeLevels) {
    int b = segments.size();
    float[][][] x = new float[b][][];
    float[][] ct = new float[b][numClasses];
    float[][] st = head == SizeHead.LEVELS ? new float[b][sizeLevels] : null;
    float[] sv = head == SizeHead.REGRESSION ? new float[b] : null;
    int[] labels = new int[b];
    float[][] nuis = new float[b][];
    float[][][] router = segments.get(0).router() == null ? null : new float[b][][];
    for (int i = 0; i < b; i++) {
      FeatureSegment s = segments.get(i);
      x[i] = s.features().toArray();
      if (s.classLabel() >= numClasses) {
        throw new IllegalArgumentException(
            "segment of " + s.recordingId() + " has class " + s.classLabel() + " >= " + numClasses);
      }
      ct[i][s.classLabel()] = 1f;
      labels[i] = s.classLabel();
      nuis[i] = s.nuisance().clone();
      if (router != null) {
        router[i] = routerOf(s, router[0]);
      }
      if (st != null) {
        if (s.sizeLevel() < 0 || s.sizeLevel() >= sizeLevels) {
          throw new IllegalArgumentException(
              "segment of "
                  + s.recordingId()
                  + " has size level "
                  + s.sizeLevel()
                  + ", expected 0.."
                  + (sizeLevels - 1));
        }
        st[i][s.sizeLevel()] = 1f;
      }
      if (sv != null) {
        if (Float.isNaN(s.sizeValue())) {
          throw new IllegalArgumentException(
              "segment of " + s.recordingId() + " has no size value for the regression head");
        }
        sv[i] = s.sizeValue();
      }
    }
    return new Batch(x, ct, st, sv, labels, nuis, router);
  }

  private static float[][] routerOf(FeatureSegment s, float[][] first) {
    float[][] r = s.router();
    if (r == null
        || (first != null && (r.length != first.length || r[0].length != first[0].length))) {
      throw new IllegalArgumentException(
          "segment of "
              + s.recordingId()
              + " has "
              + (r == null ? "no router input" : "a router input of another shape")
              + " than the first segment of its batch");
    }
    return r;
  }

  /** Returns the router inputs as one flat [B * views * bins] array, C order (null without). */
  public float[] flatRouter() {
    if (router == null) {
      return null;
    }
    int v = router[0].length;
    int d = router[0][0].length;
    float[] out = new float[router.length * v * d];
    int k = 0;
    for (float[][] m : router) {
      for (float[] row : m) {
        System.arraycopy(row, 0, out, k, d);
        k += d;
      }
    }
    return out;
  }

  /**
   * Returns the router input as an NDArray [B][views][bins] when {@code spec} needs one, else null.
   *
   * @param manager where the array is created
   * @param spec the model spec
   * @return [B][views][bins] or null
   * @throws IllegalArgumentException when the model needs a router input the batch does not carry
   *     or its shape differs from the spec's
   */
  public ai.djl.ndarray.NDArray routerArray(
      ai.djl.ndarray.NDManager manager, io.uatr.models.spec.ModelSpec spec) {
    if (!spec.needsRouterInput()) {
      return null;
    }
    int v = spec.demonet().views();
    int d = spec.demonet().bins();
    if (router == null) {
      throw new IllegalArgumentException(
          "model.type "
              + spec.type().key()
              + " needs a router input per segment but the data has none (set features.router)");
    }
    if (router[0].length != v || router[0][0].length != d) {
      throw new IllegalArgumentException(
          "the segments' router input is ["
              + router[0].length
              + "]["
              + router[0][0].length
              + "], the model expects ["
              + v
              + "]["
              + d
              + "]");
    }
    return manager.create(flatRouter(), new ai.djl.ndarray.types.Shape(router.length, v, d));
  }

  /** Returns the number of segments. */
  public int size() {
    return x.length;
  }

  /** Returns the features as one flat [B * bins * frames] array, C order. */
  public float[] flatFeatures() {
    int bins = x[0].length;
    int frames = x[0][0].length;
    float[] out = new float[x.length * bins * frames];
    int k = 0;
    for (float[][] m : x) {
      for (float[] row : m) {
        System.arraycopy(row, 0, out, k, frames);
        k += frames;
      }
    }
    return out;
  }

  /** Flattens a [B][n] array in C order. */
  public static float[] flat(float[][] a) {
    int n = a[0].length;
    float[] out = new float[a.length * n];
    for (int i = 0; i < a.length; i++) {
      System.arraycopy(a[i], 0, out, i * n, n);
    }
    return out;
  }
}
