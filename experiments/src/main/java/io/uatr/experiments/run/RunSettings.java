package io.uatr.experiments.run;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import io.uatr.experiments.config.ConfigSource;
import io.uatr.experiments.config.Sections;
import io.uatr.experiments.data.DataSettings;
import io.uatr.experiments.data.FeatureSettings;
import io.uatr.models.spec.ModelSpec;
import io.uatr.training.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A whole run configuration, typed: every section read and validated, unknown keys rejected.
 *
 * @param name run name [{@code name}, default the config file's stem or "run"]
 * @param seeds the seeds to run, one run each [{@code seeds: [...]}, else {@code seed}, default 1]
 * @param dataset [{@code dataset.*}]
 * @param features [{@code features.*}]
 * @param model the {@code model} keys as written ({@code num_classes} and {@code num_size_levels}
 *     are filled from the data when absent)
 * @param training [{@code training.*}]
 * @param evalSplit split evaluated after training: test or validation [{@code evaluation.split},
 *     default test]
 * @param outputDir run directory [{@code output.dir}, default runs/NAME]
 * @param plots whether to draw PNG plots [{@code output.plots}, default true]
 */
public record RunSettings(
    String name,
    List<Long> seeds,
    DataSettings dataset,
    FeatureSettings features,
    Map<String, Object> model,
    TrainingConfig training,
    String evalSplit,
    Path outputDir,
    boolean plots) {

  /** Copies the collections. */
  public RunSettings {
    seeds = List.copyOf(seeds);
    model = new LinkedHashMap<>(model);
  }

  /**
   * Reads and validates a resolved configuration (without a {@code suite} section).
   *
   * @param src the resolved configuration
   * @param defaultName name when the config gives none
   * @return the settings
   * @throws ConfigException naming the key path with its file and line
   */
  public static RunSettings from(ConfigSource src, String defaultName) {
    try {
      Sections.checkTopLevel(src);
      ConfigReader root = src.root();
      if (root.has("suite")) {
        throw new ConfigException(
            "suite", "this is a suite config; run it with 'uatr experiment --config'");
      }
      return read(root, defaultName);
    } catch (ConfigException e) {
      throw withOrigin(src, e);
    }
  }

  /** Adds the file and line of the key (when known) to a configuration error. */
  public static ConfigException withOrigin(ConfigSource src, ConfigException e) {
    if (e.getMessage().contains("(file ") || e.getMessage().contains("(--set ")) {
      return e;
    }
    String o = src.originOf(e.keyPath());
    return o == null ? e : new ConfigException(e.keyPath(), strip(e) + " (" + o + ")");
  }

  private static String strip(ConfigException e) {
    String m = e.getMessage();
    String p = e.keyPath() + ": ";
    return m.startsWith(p) ? m.substring(p.length()) : m;
  }

  static RunSettings read(ConfigReader root, String defaultName) {
    String name = root.getString("name", defaultName);
    List<Long> seeds = new ArrayList<>();
    if (root.has("seeds")) {
      List<?> l = root.getList("seeds", List.of());
      if (l.isEmpty()) {
        throw new ConfigException("seeds", "must list at least one seed");
      }
      for (Object o : l) {
        try {
          seeds.add(Long.parseLong(String.valueOf(o)));
        } catch (NumberFormatException e) {
          throw new ConfigException("seeds", "must be a list of integers, has '" + o + "'");
        }
      }
      if (root.has("seed")) {
        throw new ConfigException("seed", "give either seed or seeds, not both");
      }
    } else {
      seeds.add(root.getLong("seed", 1));
    }
    DataSettings dataset = DataSettings.fromConfig(root.section("dataset"));
    FeatureSettings features = FeatureSettings.fromConfig(root.section("features"));
    ConfigReader m = root.section("model");
    Map<String, Object> model = m.asMap();
    ModelSpecs.check(model, 4, 4);
    if (ModelSpecs.build(model, 4, 4).needsRouterInput() && features.router() == null) {
      throw new ConfigException(
          "features.router",
          "must be set for model.type "
              + String.valueOf(model.get("type"))
              + " (its router reads a per-segment router input, e.g. {type: demon,"
              + " window_seconds: 2, hop_seconds: 1})");
    }
    TrainingConfig training = TrainingConfig.fromConfig(root.section("training"));
    ConfigReader ev = root.section("evaluation");
    String split = ev.getString("split", "test").toLowerCase(Locale.ROOT);
    if (!split.equals("test") && !split.equals("validation")) {
      throw new ConfigException(
          ev.path("split"), "must be test or validation, was '" + split + "'");
    }
    ev.rejectUnknown();
    ConfigReader out = root.section("output");
    String dir = out.getString("dir", "runs/" + name);
    boolean plots = out.getBoolean("plots", true);
    out.rejectUnknown();
    root.has("suite");
    root.rejectUnknown();
    return new RunSettings(
        name, seeds, dataset, features, model, training, split, Path.of(dir), plots);
  }

  /**
   * The model spec for data with the given label counts.
   *
   * @param numClasses classes in the data
   * @param numSizeLevels size levels in the data (0 without size labels)
   * @return the spec
   * @throws ConfigException naming the bad model key
   */
  public ModelSpec modelSpec(int numClasses, int numSizeLevels) {
    return ModelSpecs.build(model, numClasses, numSizeLevels);
  }

  /**
   * The model spec for data with the given label counts and router input shape.
   *
   * @param numClasses classes in the data
   * @param numSizeLevels size levels in the data (0 without size labels)
   * @param routerViews views per segment of the router input (0 without one)
   * @param routerBins bins per view (0 without one)
   * @return the spec; for demonet with {@code model.demonet.views/bins} taken from the data
   * @throws ConfigException naming the bad model key
   */
  public ModelSpec modelSpec(int numClasses, int numSizeLevels, int routerViews, int routerBins) {
    return ModelSpecs.build(model, numClasses, numSizeLevels, routerViews, routerBins);
  }
}
