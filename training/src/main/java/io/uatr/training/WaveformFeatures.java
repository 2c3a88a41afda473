package io.uatr.training;

import java.util.Objects;
import java.util.function.Function;

/**
 * Features of a segment that also keeps the segment's audio and the function that computed the
 * features from it, so that the trainer can recompute them from augmented audio (waveform
 * augmentation). The matrix read through {@link SegmentFeatures} is the clean one.
 */
public interface WaveformFeatures extends SegmentFeatures {

  /** Returns a copy of the segment's audio: [samples] at the feature sample rate. */
  float[] waveform();

  /**
   * Computes the features of (augmented) audio the way the clean features were computed.
   *
   * @param waveform [samples] audio of the segment's length
   * @return [bins][frames] features of the clean matrix's shape
   */
  float[][] compute(float[] waveform);

  /**
   * Wraps clean features, the audio they came from and their extractor.
   *
   * @param clean the clean [bins][frames] features (e.g. read from the feature cache)
   * @param waveform [samples] audio, kept (not copied; do not modify it afterwards)
   * @param extractor maps [samples] audio to [bins][frames] features
   * @return the waveform-backed features
   */
  static WaveformFeatures of(
      SegmentFeatures clean, float[] waveform, Function<float[], float[][]> extractor) {
    Objects.requireNonNull(clean, "clean");
    Objects.requireNonNull(waveform, "waveform");
    Objects.requireNonNull(extractor, "extractor");
    return new WaveformFeatures() {
      @Override
      public int bins() {
        return clean.bins();
      }

      @Override
      public int frames() {
        return clean.frames();
      }

      @Override
      public void copyTo(float[][] dst) {
        clean.copyTo(dst);
      }

      @Override
      public float[] waveform() {
        return waveform.clone();
      }

      @Override
      public float[][] compute(float[] w) {
        float[][] m = extractor.apply(w);
        if (m.length != clean.bins() || m.length == 0 || m[0].length != clean.frames()) {
          throw new IllegalStateException(
              "recomputed features are ["
                  + m.length
                  + "]["
                  + (m.length == 0 ? 0 : m[0].length)
                  + "], expected ["
                  + clean.bins()
                  + "]["
                  + clean.frames()
                  + "]");
        }
        return m;
      }
    };
  }
}
