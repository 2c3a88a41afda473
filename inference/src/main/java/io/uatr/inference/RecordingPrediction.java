package io.uatr.inference;

import java.util.List;

/**
 * The prediction for one recording: the mean of its segments' probabilities.
 *
 * @param source the file path, or a caller's name for an array or stream
 * @param durationS recording duration in s (at its own sample rate, as far as it could be read)
 * @param classNames [num_classes] class names in probability order
 * @param classProbabilities [num_classes] mean of the segments' class probabilities
 * @param size mean size estimate (level probabilities or regression values averaged), or null
 * @param gateWeights per task mean [num_experts] gate weights; empty unless requested
 * @param segments the segment predictions in time order (empty if not kept)
 * @param segmentCount number of segments averaged
 * @param warnings non-fatal problems, for example a truncated file
 */
public record RecordingPrediction(
    String source,
    double durationS,
    List<String> classNames,
    float[] classProbabilities,
    SizeEstimate size,
    List<float[]> gateWeights,
    List<SegmentPrediction> segments,
    int segmentCount,
    List<String> warnings) {

  /** Returns the index of the most probable class (the first one on ties). */
  public int predictedIndex() {
    return Aggregation.argmax(classProbabilities);
  }

  /** Returns the name of the most probable class. */
  public String predictedClass() {
    return classNames.get(predictedIndex());
  }

  /** Returns the probability of the most probable class. */
  public float probability() {
    return classProbabilities[predictedIndex()];
  }
}
