package io.uatr.training;

import java.util.Objects;

/**
 * One feature segment with its labels.
 *
 * @param features [bins][frames] feature matrix (e.g. log-mel in dB); not copied, do not modify
 * @param classLabel class index in [0, num_classes)
 * @param sizeLevel ordinal size level in [0, num_size_levels), or -1 when unknown
 * @param sizeValue size regression target (e.g. length in m), or NaN when unknown
 * @param recordingId identifier of the recording the segment was cut from (segments of one
 *     recording always share a split)
 * @param split the part of the data the segment belongs to
 */
public record Segment(
    float[][] features,
    int classLabel,
    int sizeLevel,
    float sizeValue,
    String recordingId,
    Split split) {

  /** Validates shapes and labels. */
  public Segment {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(recordingId, "recordingId");
    Objects.requireNonNull(split, "split");
    if (features.length == 0 || features[0].length == 0) {
      throw new IllegalArgumentException("segment of " + recordingId + " has an empty matrix");
    }
    for (float[] row : features) {
      if (row.length != features[0].length) {
        throw new IllegalArgumentException(
            "segment of "
                + recordingId
                + " has ragged rows ("
                + row.length
                + " vs "
                + features[0].length
                + ")");
      }
    }
    if (classLabel < 0) {
      throw new IllegalArgumentException(
          "segment of " + recordingId + ": classLabel must be >= 0, was " + classLabel);
    }
    if (sizeLevel < -1) {
      throw new IllegalArgumentException(
          "segment of " + recordingId + ": sizeLevel must be >= -1, was " + sizeLevel);
    }
  }

  /** Returns a copy assigned to another split. */
  public Segment withSplit(Split s) {
    return new Segment(features, classLabel, sizeLevel, sizeValue, recordingId, s);
  }

  /** Number of rows (bins) of the feature matrix. */
  public int bins() {
    return features.length;
  }

  /** Number of columns (frames) of the feature matrix. */
  public int frames() {
    return features[0].length;
  }
}
