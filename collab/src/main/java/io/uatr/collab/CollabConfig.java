package io.uatr.collab;

import io.uatr.experiments.config.ConfigLoader;
import io.uatr.experiments.config.ConfigSource;
import io.uatr.experiments.data.DataBuilder;
import io.uatr.experiments.data.PreparedData;
import io.uatr.experiments.run.Provenance;
import io.uatr.experiments.run.RunSettings;
import io.uatr.inference.BundleManifest;
import io.uatr.models.spec.ModelSpec;
import io.uatr.models.spec.SizeHead;
import io.uatr.training.Devices;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A collaboration's configuration: an ordinary run configuration (dataset, features, model,
 * training, seeds, output) plus the {@code collab} section.
 *
 * @param run the run settings (every section but {@code collab})
 * @param collab the collab section
 * @param source the resolved configuration
 */
public record CollabConfig(RunSettings run, CollabSettings collab, ConfigSource source) {

  /**
   * Loads and validates a configuration file.
   *
   * @param file YAML file
   * @param overrides {@code key=value} overrides
   * @return the configuration
   * @throws io.uatr.dsp.config.ConfigException naming the bad key, file and line
   */
  public static CollabConfig load(Path file, List<String> overrides) {
    ConfigSource src = ConfigLoader.load(file, overrides);
    Map<String, Object> tree = new LinkedHashMap<>(src.tree());
    Object c = tree.remove("collab");
    ConfigSource rest = new ConfigSource(tree, src.origins());
    RunSettings run = RunSettings.from(rest, "collab");
    @SuppressWarnings("unchecked")
    Map<String, Object> section = c instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    if (c != null && !(c instanceof Map<?, ?>)) {
      throw new io.uatr.dsp.config.ConfigException("collab", "must be a mapping");
    }
    CollabSettings collab;
    try {
      collab = CollabSettings.fromConfig(new io.uatr.dsp.config.ConfigReader(section, "collab"));
    } catch (io.uatr.dsp.config.ConfigException e) {
      throw RunSettings.withOrigin(src, e);
    }
    return new CollabConfig(run, collab, src);
  }

  /** Prepares (or loads from the cache) the data. */
  public PreparedData data() throws IOException {
    return DataBuilder.prepare(run.dataset(), run.features());
  }

  /** Returns the model spec for the data. */
  public ModelSpec spec(PreparedData d) {
    return run.modelSpec(d.segments().numClasses(), d.sizeLevels().size());
  }

  /** Returns the manifest of a bundle trained on {@code d} with {@code spec} and {@code seed}. */
  public BundleManifest manifest(PreparedData d, ModelSpec spec, long seed, String setting) {
    Map<String, Object> prov =
        new LinkedHashMap<>(
            Provenance.collect(
                seed, Devices.resolve(run.training().device()).toString(), d.splitHash(), ""));
    prov.put("run", run.name());
    prov.put("setting", setting);
    prov.put("synthetic", d.synthetic());
    prov.put("dataset", run.dataset().type());
    return BundleManifest.of(
        spec.toMap(),
        d.segments().classNames(),
        spec.sizeHead() == SizeHead.LEVELS ? d.sizeLevels() : List.of(),
        d.features().resolved(),
        d.features().sampleRate(),
        run.dataset().segment(),
        DataBuilder.normalization(run.dataset()),
        d.segments().bins(),
        d.segments().frames(),
        prov);
  }
}
