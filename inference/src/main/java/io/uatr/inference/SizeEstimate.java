package io.uatr.inference;

/**
 * The size output of a multi-task model for a segment or a recording.
 *
 * @param label the most probable size level's name (size_head levels), or null (regression)
 * @param value levels: the expected level index sum_i p_i x i; regression: the predicted value
 * @param levelProbabilities [num_size_levels] level probabilities (levels), else empty
 */
public record SizeEstimate(String label, double value, float[] levelProbabilities) {}
