package io.uatr.inference;

import io.uatr.dsp.features.FeatureSpec;
import java.util.Map;

/**
 * Turns a bundle's resolved {@code features} map back into a {@link FeatureSpec}. Implementations
 * are found with {@link java.util.ServiceLoader} (see {@link FeatureSpecResolvers#find}).
 */
public interface FeatureSpecResolver {

  /**
   * Rebuilds the spec, or returns null when this resolver does not know the feature type.
   *
   * @param features the map that {@code FeatureSpec.resolved()} returned when the bundle was
   *     written
   * @return the spec, or null
   * @throws IllegalArgumentException naming the bad key when the type is known but a value is bad
   */
  FeatureSpec resolve(Map<String, Object> features);
}
