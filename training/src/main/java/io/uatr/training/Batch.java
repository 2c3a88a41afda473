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
 */
public record Batch(
    float[][][] x,
    float[][] classTarget,
    float[][] sizeTarget,
    float[] sizeValue,
    int[] classLabel,
    float[][] nuisance) {

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
    return new Batch(x, ct, st, sv, labels, nuis);
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
