package io.uatr.inference;

import io.uatr.dsp.config.ConfigReader;
import io.uatr.dsp.features.FeatureSpec;
import io.uatr.dsp.features.FeatureSpecs;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds the {@link FeatureSpec} for a bundle's {@code features} map: first any {@link
 * FeatureSpecResolver} registered with {@link ServiceLoader} (for feature types of a user's own),
 * then the built-in types of {@link FeatureSpecs#fromConfig}.
 */
public final class FeatureSpecResolvers {

  private FeatureSpecResolvers() {}

  /**
   * Rebuilds the feature spec of a bundle.
   *
   * @param features the bundle's {@code features} section
   * @return the spec
   * @throws IllegalArgumentException when no resolver knows the type or a value is bad (the message
   *     names the key)
   */
  public static FeatureSpec find(Map<String, Object> features) {
    for (FeatureSpecResolver r : ServiceLoader.load(FeatureSpecResolver.class)) {
      FeatureSpec s = r.resolve(features);
      if (s != null) {
        return s;
      }
    }
    return FeatureSpecs.fromConfig(new ConfigReader(features, "features"));
  }
}
