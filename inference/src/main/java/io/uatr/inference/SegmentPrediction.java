package io.uatr.inference;

import java.util.List;

/**
 * The prediction for one segment.
 *
 * @param index segment number from 0
 * @param startS segment start in s from the beginning of the recording
 * @param endS end of the signal the segment covers in s (the start plus the segment length, or the
 *     recording's end for a padded or looped segment)
 * @param classProbabilities [num_classes] softmax probabilities
 * @param size size estimate, or null without a size head
 * @param gateWeights per task (class first, then size) [num_experts] gate weights; empty unless
 *     requested or when the model has no experts
 */
public record SegmentPrediction(
    int index,
    double startS,
    double endS,
    float[] classProbabilities,
    SizeEstimate size,
    List<float[]> gateWeights) {}
