package io.uatr.experiments.run;

import io.uatr.dsp.config.ConfigException;
import io.uatr.models.spec.ModelSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@link ModelSpec}s from the {@code model} section, with label counts from the data. */
final class ModelSpecs {
  private ModelSpecs() {}

  /** Validates the section with placeholder label counts (fails early on bad keys). */
  static void check(Map<String, Object> model, int numClasses, int numSizeLevels) {
    build(model, numClasses, numSizeLevels);
  }

  static ModelSpec build(Map<String, Object> model, int numClasses, int numSizeLevels) {
    Map<String, Object> m = new LinkedHashMap<>(model);
    m.putIfAbsent("num_classes", numClasses);
    m.putIfAbsent("num_size_levels", Math.max(2, numSizeLevels));
    try {
      return ModelSpec.fromMap(m);
    } catch (IllegalArgumentException e) {
      String msg = e.getMessage();
      String key = msg.startsWith("model.") ? msg.split("[ :]", 2)[0] : "model";
      String rest = msg.startsWith(key) ? msg.substring(key.length()).trim() : msg;
      if (rest.startsWith(":")) {
        rest = rest.substring(1).trim();
      }
      throw new ConfigException(key, rest);
    }
  }
}
