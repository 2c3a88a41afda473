package io.uatr.inference;

import io.uatr.dsp.config.ConfigReader;
import io.uatr.dsp.features.FeatureSpec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds the {@link FeatureSpec} for a bundle's {@code features} map: first any {@link
 * FeatureSpecResolver} registered with {@link ServiceLoader}, then the dsp module's {@code
 * io.uatr.dsp.features.FeatureSpecs.fromConfig(ConfigReader)} (looked up at run time so that this
 * module builds against a dsp module that does not have it yet).
 */
public final class FeatureSpecResolvers {

  private static final String FEATURE_SPECS = "io.uatr.dsp.features.FeatureSpecs";

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
    Method from;
    try {
      from = Class.forName(FEATURE_SPECS).getMethod("fromConfig", ConfigReader.class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "features: no resolver for type '"
              + features.get("type")
              + "' (neither a FeatureSpecResolver service nor "
              + FEATURE_SPECS
              + ".fromConfig is on the class path)");
    }
    try {
      return (FeatureSpec) from.invoke(null, new ConfigReader(features, "features"));
    } catch (InvocationTargetException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw new IllegalArgumentException(re.getMessage(), re);
      }
      throw new IllegalStateException(c);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
