package io.uatr.inference;

import io.uatr.dsp.features.FeatureExtractor;
import io.uatr.dsp.features.FeatureSpec;
import io.uatr.dsp.features.LogMel;

/**
 * The features of one segment as a bundle's model sees them: extractor over the segment's own
 * samples, {@code top_db} clipped over the segment's matrix, then normalised. Training must compute
 * its inputs with {@link #compute} too, so that a bundle predicts what it was trained on.
 */
public final class SegmentFeatures {
  private final FeatureSpec spec;
  private final int sampleRate;
  private final Normalization normalization;
  private final int bins;
  private final int frames;

  /**
   * Creates a configured featuriser for segments of a fixed length.
   *
   * @param spec feature settings
   * @param sampleRate rate of the segment samples in Hz
   * @param normalization normalisation applied after extraction
   * @param segmentSamples samples per segment
   */
  public SegmentFeatures(
      FeatureSpec spec, int sampleRate, Normalization normalization, int segmentSamples) {
    this.spec = spec;
    this.sampleRate = sampleRate;
    this.normalization = normalization;
    FeatureExtractor probe = spec.create(sampleRate, (f, i) -> {});
    this.bins = probe.bins();
    long fr = probe.frames(segmentSamples);
    if (fr < 1 || fr > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "a segment of " + segmentSamples + " samples gives " + fr + " feature frames");
    }
    this.frames = (int) fr;
  }

  /** Returns the rows of a segment's feature matrix. */
  public int bins() {
    return bins;
  }

  /** Returns the frames of a segment's feature matrix. */
  public int frames() {
    return frames;
  }

  /**
   * Computes a segment's normalised features into a flat row-major array.
   *
   * @param samples [segmentSamples] samples
   * @return [bins x frames] values, row-major ([bins][frames] flattened)
   */
  public float[] computeFlat(float[] samples) {
    float[][] m = compute(samples, sampleRate, spec, normalization);
    float[] flat = new float[bins * frames];
    for (int b = 0; b < bins; b++) {
      System.arraycopy(m[b], 0, flat, b * frames, frames);
    }
    return flat;
  }

  /**
   * Computes the normalised features of one segment (pure function).
   *
   * @param samples [n] mono samples of the segment
   * @param sampleRate their rate in Hz
   * @param spec feature settings
   * @param normalization applied last
   * @return [bins][frames] features
   */
  public static float[][] compute(
      float[] samples, int sampleRate, FeatureSpec spec, Normalization normalization) {
    // frames go straight into the [bins][frames] matrix (the extractor reuses its frame array)
    float[][][] holder = new float[1][][];
    long[] count = new long[1];
    FeatureExtractor ex =
        spec.create(
            sampleRate,
            (frame, index) -> {
              float[][] mm = holder[0];
              if (index != count[0] || index >= mm[0].length) {
                throw new IllegalStateException(
                    "feature extractor produced frame " + index + " after " + count[0]);
              }
              for (int b = 0; b < mm.length; b++) {
                mm[b][(int) index] = frame[b];
              }
              count[0]++;
            });
    long frames = ex.frames(samples.length);
    if (frames < 1 || frames > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "a segment of " + samples.length + " samples gives " + frames + " feature frames");
    }
    float[][] m = new float[ex.bins()][(int) frames];
    holder[0] = m;
    ex.push(samples, 0, samples.length);
    ex.finish();
    if (count[0] != frames) {
      throw new IllegalStateException(
          "feature extractor produced " + count[0] + " frames, expected " + frames);
    }
    if (spec.topDb() != null) {
      LogMel.applyTopDb(m, spec.topDb());
    }
    normalization.applyInPlace(m);
    return m;
  }
}
