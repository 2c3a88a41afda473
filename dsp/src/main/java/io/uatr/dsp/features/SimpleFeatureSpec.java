package io.uatr.dsp.features;

import io.uatr.dsp.spectral.FrameSink;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A {@link FeatureSpec} from its parts.
 *
 * @param type feature type key
 * @param sampleRate resampling target in Hz, or null for native
 * @param topDb dynamic range limit in dB, or null
 * @param valueUnit unit of the values
 * @param resolved every key with its resolved value
 * @param factory builds the extractor from (input sample rate, sink)
 */
record SimpleFeatureSpec(
    String type,
    Integer sampleRate,
    Double topDb,
    String valueUnit,
    Map<String, Object> resolved,
    BiFunction<Integer, FrameSink, FeatureExtractor> factory)
    implements FeatureSpec {

  @Override
  public FeatureExtractor create(int rate, FrameSink sink) {
    return factory.apply(rate, sink);
  }
}
