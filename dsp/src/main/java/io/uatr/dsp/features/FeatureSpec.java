package io.uatr.dsp.features;

import io.uatr.dsp.spectral.FrameSink;
import java.util.Map;

/**
 * A fully resolved feature configuration (the {@code features} section of a config): which
 * transform, its settings with every default filled in, and how to build a streaming extractor for
 * it. Made by {@link FeatureSpecs#fromConfig}.
 */
public interface FeatureSpec {

  /** The feature type key: logmel, stft, mfcc, cqt, lofar, demon or modspec. */
  String type();

  /** Sample rate the audio is resampled to before extraction ({@code sr}), or null for native. */
  Integer sampleRate();

  /**
   * Builds a streaming extractor.
   *
   * @param sampleRate rate of the samples that will be pushed, in Hz
   * @param sink receives [bins] columns
   * @return the extractor
   */
  FeatureExtractor create(int sampleRate, FrameSink sink);

  /**
   * Dynamic range limit in dB ({@code top_db}): values below (global max - top_db) are raised to it
   * after the whole matrix is known; null for none.
   */
  Double topDb();

  /** Unit of the values, for example "dB" or "power". */
  String valueUnit();

  /** Every key with its resolved value (defaults included), for provenance and cache keys. */
  Map<String, Object> resolved();
}
