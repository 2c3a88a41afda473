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
    return build(model, numClasses, numSizeLevels, 0, 0);
  }

  /** Builds the spec; a demonet's router shape comes from the data (views, bins &gt; 0). */
  static ModelSpec build(
      Map<String, Object> model, int numClasses, int numSizeLevels, int views, int bins) {
    Map<String, Object> m = new LinkedHashMap<>(model);
    if ("demonet".equals(String.valueOf(m.get("type"))) && views > 0 && bins > 0) {
      Map<String, Object> d = new LinkedHashMap<>();
      if (m.get("demonet") instanceof Map<?, ?> given) {
        given.forEach((k, v) -> d.put(String.valueOf(k), v));
      }
      for (String k : new String[] {"views", "bins"}) {
        int want = k.equals("views") ? views : bins;
        Object set = d.get(k);
        if (set != null && !String.valueOf(set).equals(String.valueOf(want))) {
          throw new ConfigException(
              "model.demonet." + k,
              "is " + set + " but features.router gives " + want + " per segment");
        }
        d.put(k, want);
      }
      m.put("demonet", d);
    }
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
