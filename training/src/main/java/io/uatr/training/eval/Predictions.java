package io.uatr.training.eval;

import java.util.List;

/**
 * Model outputs over a list of segments, with the segments' labels (N segments, C classes).
 *
 * @param classProbs [N][C] softmax class probabilities
 * @param sizeOutput [N][L] size level probabilities (levels head), [N][1] size values (regression
 *     head), or null without a size head
 * @param gateWeights per task, [N][E] gate weights (empty for models without experts)
 * @param classLabels [N] true classes
 * @param sizeLevels [N] true size levels (-1 unknown)
 * @param sizeValues [N] true size values (NaN unknown)
 * @param recordingIds [N] recording of each segment
 */
public record Predictions(
    float[][] classProbs,
    float[][] sizeOutput,
    List<float[][]> gateWeights,
    int[] classLabels,
    int[] sizeLevels,
    float[] sizeValues,
    String[] recordingIds) {

  /** Returns the number of segments. */
  public int size() {
    return classLabels.length;
  }

  /** Returns [N] the arg-max class of each segment. */
  public int[] predictedClasses() {
    int[] out = new int[classProbs.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Metrics.argMax(classProbs[i]);
    }
    return out;
  }
}
