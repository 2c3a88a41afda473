package io.uatr.experiments.data;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import io.uatr.dsp.features.FeatureExtractor;
import io.uatr.dsp.features.FeatureSpec;
import io.uatr.dsp.features.FeatureSpecs;
import io.uatr.inference.Normalization;
import io.uatr.inference.RouterFeatures;
import io.uatr.inference.SegmentFeatures;
import java.util.Map;

/**
 * The {@code features} section of a run configuration: any feature type of {@link FeatureSpecs}
 * (logmel, stft, mfcc, cqt, lofar, demon, modspec; librosa key names) computed on audio resampled
 * to {@code sr}. Segment features are computed with the inference module's {@link
 * SegmentFeatures#compute}, so that a model bundle predicts exactly what it was trained on.
 *
 * <p>{@code features.router} (optional): the feature settings of a router input computed per
 * segment beside the spectrogram, each of its frames one view ({@link RouterFeatures}); read by
 * {@code model.type: demonet}, whose router reads the DEMON spectra of the segment's sub-windows.
 * Any feature type and its keys; the type defaults to {@code demon}; the rate is {@code sr}.
 *
 * @param spec the resolved feature settings
 * @param sampleRate rate the audio is resampled to, in Hz [{@code sr}, required]
 * @param router the resolved router input settings, or null without {@code features.router}
 */
public record FeatureSettings(FeatureSpec spec, int sampleRate, FeatureSpec router) {

  /**
   * Reads the section.
   *
   * @param r the {@code features} section
   * @return the settings
   * @throws ConfigException naming the key path of an unknown key or bad value
   */
  public static FeatureSettings fromConfig(ConfigReader r) {
    FeatureSpec router = null;
    if (r.has("router")) {
      ConfigReader section = r.section("router");
      java.util.Map<String, Object> m = section.asMap();
      if (m.containsKey("sr")) {
        throw new ConfigException(
            section.path("sr"), "is not read: the router input uses features.sr");
      }
      m.putIfAbsent("type", "demon");
      router = FeatureSpecs.fromConfig(new ConfigReader(m, r.path("router")));
    }
    FeatureSpec spec = FeatureSpecs.fromConfig(r);
    if (spec.sampleRate() == null) {
      throw new ConfigException(
          r.path("sr"),
          "must be set: segments of recordings with different rates must share one shape");
    }
    return new FeatureSettings(spec, spec.sampleRate(), router);
  }

  /**
   * Computes the router input of one segment.
   *
   * @param x [samples] audio at {@link #sampleRate()}
   * @return [views][bins], or null without {@code features.router}
   */
  public float[][] computeRouter(float[] x) {
    return router == null ? null : RouterFeatures.compute(x, sampleRate, router);
  }

  /** Every router input setting with its resolved value, or null without one. */
  public Map<String, Object> routerResolved() {
    return router == null ? null : router.resolved();
  }

  /**
   * Computes the features of one segment.
   *
   * @param x [samples] audio at {@link #sampleRate()}
   * @param normalization applied after extraction
   * @return [bins][frames] features
   */
  public float[][] compute(float[] x, Normalization normalization) {
    return SegmentFeatures.compute(x, sampleRate, spec, normalization);
  }

  /** Rows of every feature matrix. */
  public int bins() {
    FeatureExtractor probe = spec.create(sampleRate, (f, i) -> {});
    return probe.bins();
  }

  /** Every setting with its resolved value, for provenance, bundles and cache keys. */
  public Map<String, Object> resolved() {
    return spec.resolved();
  }

  /** Seconds between feature frames (hop_length / sr; 1 when the type has no hop). */
  public double frameSeconds() {
    Object hop = spec.resolved().get("hop_length");
    return hop instanceof Number n ? n.doubleValue() / sampleRate : 1.0;
  }

  /**
   * The column axis of every feature matrix for plots: time in steps of {@link #frameSeconds()}, or
   * modulation frequency in Hz for modspec.
   */
  public io.uatr.dsp.features.ColumnAxis columnAxis() {
    if ("modspec".equals(spec.type())) {
      return spec.create(sampleRate, (f, i) -> {}).columnAxis();
    }
    return io.uatr.dsp.features.ColumnAxis.time(frameSeconds());
  }

  /**
   * Value of each feature row for plot axes: the centre frequency of each mel band in Hz for logmel
   * (HTK formula, approximate for Slaney), else the row index.
   *
   * @param bins number of rows
   * @return [bins] row values
   */
  public double[] rowValues(int bins) {
    double[] out = new double[bins];
    Map<String, Object> m = spec.resolved();
    if ("logmel".equals(m.get("type")) && m.get("fmin") instanceof Number lo) {
      double fmax = m.get("fmax") instanceof Number hi ? hi.doubleValue() : sampleRate / 2.0;
      double a = hzToMel(lo.doubleValue());
      double b = hzToMel(fmax);
      for (int i = 0; i < bins; i++) {
        out[i] = melToHz(a + (b - a) * (i + 1) / (bins + 1));
      }
    } else {
      for (int i = 0; i < bins; i++) {
        out[i] = i;
      }
    }
    return out;
  }

  /** Axis label of the rows. */
  public String rowLabel() {
    return "logmel".equals(spec.type()) ? "mel band centre (Hz)" : spec.type() + " bin";
  }

  private static double hzToMel(double f) {
    return 2595 * Math.log10(1 + f / 700);
  }

  private static double melToHz(double m) {
    return 700 * (Math.pow(10, m / 2595) - 1);
  }
}
