package io.uatr.training;

import java.util.Objects;

/**
 * One feature segment with its labels.
 *
 * @param features the [bins][frames] feature matrix (e.g. log-mel in dB), on the heap or a window
 *     of a memory-mapped cache entry
 * @param classLabel class index in [0, num_classes)
 * @param sizeLevel ordinal size level in [0, num_size_levels), or -1 when unknown
 * @param sizeValue size regression target (e.g. length in m), or NaN when unknown
 * @param recordingId identifier of the recording the segment was cut from (segments of one
 *     recording always share a split)
 * @param split the part of the data the segment belongs to
 * @param nuisance [n] standardised recording-condition features (e.g. range, depth, wind; missing
 *     values already replaced by 0, the training mean), named by {@link
 *     SegmentSet#nuisanceNames()}; empty when the data carries none. Fed to the model's nuisance
 *     tower in training only and used as nuisance-head targets. Not copied; record equality
 *     compares the array reference.
 * @param router [views][bins] the segment's router input (for {@code demonet}: the DEMON spectra of
 *     its sub-windows, computed from the segment's own samples, so never from another recording or
 *     split), or null when the data has none. Not copied.
 */
public record FeatureSegment(
    SegmentFeatures features,
    int classLabel,
    int sizeLevel,
    float sizeValue,
    String recordingId,
    Split split,
    float[] nuisance,
    float[][] router) {

  /** The shared empty nuisance vector of segments without nuisance features. */
  public static final float[] NO_NUISANCE = new float[0];

  /** Validates shapes and labels; a null nuisance vector becomes {@link #NO_NUISANCE}. */
  public FeatureSegment {
    nuisance = nuisance == null || nuisance.length == 0 ? NO_NUISANCE : nuisance;
    for (float v : nuisance) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException(
            "segment of "
                + recordingId
                + ": nuisance features must be finite (NaN -> 0), was "
                + java.util.Arrays.toString(nuisance));
      }
    }
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(recordingId, "recordingId");
    Objects.requireNonNull(split, "split");
    if (classLabel < 0) {
      throw new IllegalArgumentException(
          "segment of " + recordingId + ": classLabel must be >= 0, was " + classLabel);
    }
    if (sizeLevel < -1) {
      throw new IllegalArgumentException(
          "segment of " + recordingId + ": sizeLevel must be >= -1, was " + sizeLevel);
    }
    if (router != null && (router.length == 0 || router[0].length == 0)) {
      throw new IllegalArgumentException(
          "segment of " + recordingId + ": router input must be [views][bins] with both >= 1");
    }
  }

  /**
   * A segment without router input.
   *
   * @param features [bins][frames] features
   * @param classLabel class index
   * @param sizeLevel size level or -1
   * @param sizeValue size value or NaN
   * @param recordingId recording identifier
   * @param split split
   * @param nuisance [n] nuisance features
   */
  public FeatureSegment(
      SegmentFeatures features,
      int classLabel,
      int sizeLevel,
      float sizeValue,
      String recordingId,
      Split split,
      float[] nuisance) {
    this(features, classLabel, sizeLevel, sizeValue, recordingId, split, nuisance, null);
  }

  /**
   * A segment whose features are a heap matrix (wrapped, not copied; do not modify it afterwards).
   *
   * @param features [bins][frames], rectangular, non-empty
   * @param classLabel class index
   * @param sizeLevel size level or -1
   * @param sizeValue size value or NaN
   * @param recordingId recording identifier
   * @param split split
   */
  public FeatureSegment(
      float[][] features,
      int classLabel,
      int sizeLevel,
      float sizeValue,
      String recordingId,
      Split split) {
    this(SegmentFeatures.of(features), classLabel, sizeLevel, sizeValue, recordingId, split);
  }

  /**
   * A segment without nuisance features.
   *
   * @param features [bins][frames] features
   * @param classLabel class index
   * @param sizeLevel size level or -1
   * @param sizeValue size value or NaN
   * @param recordingId recording identifier
   * @param split split
   */
  public FeatureSegment(
      SegmentFeatures features,
      int classLabel,
      int sizeLevel,
      float sizeValue,
      String recordingId,
      Split split) {
    this(features, classLabel, sizeLevel, sizeValue, recordingId, split, NO_NUISANCE);
  }

  /** Returns a copy carrying the [n] standardised nuisance features {@code n} (not copied). */
  public FeatureSegment withNuisance(float[] n) {
    return new FeatureSegment(
        features, classLabel, sizeLevel, sizeValue, recordingId, split, n, router);
  }

  /** Returns a copy carrying the [views][bins] router input {@code r} (not copied). */
  public FeatureSegment withRouter(float[][] r) {
    return new FeatureSegment(
        features, classLabel, sizeLevel, sizeValue, recordingId, split, nuisance, r);
  }

  /** Metadata key read by {@link #of} for the size regression target (vessel length in m). */
  public static final String LENGTH_KEY = "length_m";

  /**
   * Builds a training segment from a dataset segment and its features.
   *
   * @param s the dataset segment; its recording gives the class index, the size level and the
   *     recording id (with {@code @<start s>} appended for a time section, so that sections of one
   *     file in different splits stay apart)
   * @param features [bins][frames] features of the segment (e.g. {@link
   *     SegmentFeatures#window(io.uatr.datasets.CachedFeatures, int, int)} of the recording's
   *     cached features)
   * @param split the split of its recording
   * @return the segment; sizeValue is the recording's {@code length_m} metadata when numeric, else
   *     NaN
   */
  public static FeatureSegment of(
      io.uatr.datasets.Segment s, SegmentFeatures features, Split split) {
    io.uatr.datasets.Recording r = s.recording();
    String id = r.isSection() ? r.id() + "@" + r.startS() : r.id();
    float length = Float.NaN;
    String v = r.metadata().get(LENGTH_KEY);
    if (v != null) {
      try {
        length = Float.parseFloat(v.trim());
      } catch (NumberFormatException e) {
        length = Float.NaN; // "N.A." and the like
      }
    }
    return new FeatureSegment(features, r.classIndex(), r.size(), length, id, split);
  }

  /** Returns a copy assigned to another split. */
  public FeatureSegment withSplit(Split s) {
    return new FeatureSegment(
        features, classLabel, sizeLevel, sizeValue, recordingId, s, nuisance, router);
  }

  /** Number of rows (bins) of the feature matrix. */
  public int bins() {
    return features.bins();
  }

  /** Number of columns (frames) of the feature matrix. */
  public int frames() {
    return features.frames();
  }
}
