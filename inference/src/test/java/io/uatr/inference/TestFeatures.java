package io.uatr.inference;

import io.uatr.dsp.features.FeatureExtractor;
import io.uatr.dsp.features.FeatureSpec;
import io.uatr.dsp.features.LogMelExtractor;
import io.uatr.dsp.features.MelConfig;
import io.uatr.dsp.spectral.FrameSink;
import io.uatr.dsp.spectral.StftConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small log-mel feature spec for tests (type {@code test_logmel}, so it never collides with the
 * dsp module's own types), found by {@link FeatureSpecResolvers} through the service file in the
 * test resources.
 */
public final class TestFeatures implements FeatureSpecResolver {

  /** Test sample rate in Hz. */
  public static final int SR = 8000;

  /** The spec: 8 kHz, n_fft 256, hop 128, 16 mels, top_db 80. */
  public static FeatureSpec spec() {
    return new Spec(SR, 256, 128, 16, 80.0);
  }

  /**
   * A log-mel spec with other settings.
   *
   * @param sr sample rate in Hz
   * @param nFft FFT size
   * @param hop hop length
   * @param nMels mel bands
   * @param topDb top_db or null
   * @return the spec
   */
  public static FeatureSpec spec(int sr, int nFft, int hop, int nMels, Double topDb) {
    return new Spec(sr, nFft, hop, nMels, topDb);
  }

  @Override
  public FeatureSpec resolve(Map<String, Object> m) {
    if (!"test_logmel".equals(m.get("type"))) {
      return null;
    }
    Object top = m.get("top_db");
    return new Spec(
        ((Number) m.getOrDefault("sr", SR)).intValue(),
        ((Number) m.get("n_fft")).intValue(),
        ((Number) m.get("hop_length")).intValue(),
        ((Number) m.get("n_mels")).intValue(),
        top == null ? null : ((Number) top).doubleValue());
  }

  private record Spec(int sr, int nFft, int hop, int nMels, Double top) implements FeatureSpec {
    @Override
    public String type() {
      return "test_logmel";
    }

    @Override
    public Integer sampleRate() {
      return sr;
    }

    @Override
    public FeatureExtractor create(int sampleRate, FrameSink sink) {
      return new LogMelExtractor(MelConfig.of(StftConfig.of(nFft, hop), nMels), sampleRate, sink);
    }

    @Override
    public Double topDb() {
      return top;
    }

    @Override
    public String valueUnit() {
      return "dB";
    }

    @Override
    public Map<String, Object> resolved() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", "test_logmel");
      m.put("sr", sr);
      m.put("n_fft", nFft);
      m.put("hop_length", hop);
      m.put("n_mels", nMels);
      m.put("top_db", top);
      return m;
    }
  }
}
