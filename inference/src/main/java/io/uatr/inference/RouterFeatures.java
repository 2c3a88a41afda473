package io.uatr.inference;

import io.uatr.dsp.features.FeatureSpec;

/**
 * The router input of one segment (for {@code demonet}: its DEMON views): any feature type computed
 * over the segment's own samples, each feature frame one view. With a {@code demon} spec whose
 * {@code window_seconds} is shorter than the segment, the frames are the DEMON spectra of the
 * sub-windows starting every {@code hop_seconds}; they never reach outside the segment, so the
 * views of a segment come from one recording and one split. No normalisation is applied here (the
 * model scales each view).
 */
public final class RouterFeatures {
  private final FeatureSpec spec;
  private final int sampleRate;
  private final int views;
  private final int bins;

  /**
   * Creates a configured router featuriser for segments of a fixed length.
   *
   * @param spec feature settings of the router input (e.g. type demon)
   * @param sampleRate rate of the segment samples in Hz
   * @param segmentSamples samples per segment
   * @throws IllegalArgumentException when a segment gives no frame
   */
  public RouterFeatures(FeatureSpec spec, int sampleRate, int segmentSamples) {
    this.spec = spec;
    this.sampleRate = sampleRate;
    var probe = spec.create(sampleRate, (f, i) -> {});
    this.bins = probe.bins();
    long v = probe.frames(segmentSamples);
    if (v < 1 || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "features.router gives "
              + v
              + " views for a segment of "
              + segmentSamples
              + " samples (window_seconds must not exceed the segment length)");
    }
    this.views = (int) v;
  }

  /** Returns V, views per segment. */
  public int views() {
    return views;
  }

  /** Returns D, bins per view. */
  public int bins() {
    return bins;
  }

  /**
   * Computes a segment's router input into a flat row-major array.
   *
   * @param samples [segmentSamples] samples
   * @return [views x bins] values ([views][bins] flattened)
   */
  public float[] computeFlat(float[] samples) {
    float[][] r = compute(samples, sampleRate, spec);
    float[] flat = new float[views * bins];
    for (int v = 0; v < views; v++) {
      System.arraycopy(r[v], 0, flat, v * bins, bins);
    }
    return flat;
  }

  /**
   * Computes the router input of one segment (pure function): the feature matrix of its samples,
   * transposed.
   *
   * @param samples [n] mono samples of the segment
   * @param sampleRate their rate in Hz
   * @param spec feature settings
   * @return [views][bins], view v = feature frame v
   */
  public static float[][] compute(float[] samples, int sampleRate, FeatureSpec spec) {
    float[][] m = SegmentFeatures.compute(samples, sampleRate, spec, Normalization.none());
    float[][] t = new float[m[0].length][m.length];
    for (int b = 0; b < m.length; b++) {
      for (int v = 0; v < m[b].length; v++) {
        t[v][b] = m[b][v];
      }
    }
    return t;
  }
}
