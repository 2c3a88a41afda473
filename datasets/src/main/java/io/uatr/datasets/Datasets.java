package io.uatr.datasets;

import io.uatr.datasets.synth.SynthConfig;
import io.uatr.datasets.synth.SynthCorpus;
import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One entry point for the {@code dataset} config section: {@code type} selects the loader and the
 * other keys are that loader's (see {@link ShipsEarConfig}, {@link DeepShipConfig}, {@link
 * CollectionConfig}). {@code type: synth} uses the synthetic corpus in {@code path}, generating it
 * first (from the {@code synth} subsection, see {@link SynthConfig}) when it is missing or was made
 * with other settings, then loads it with the ShipsEar loader (remaining keys as for {@code
 * shipsear}).
 */
public final class Datasets {
  private static final Logger LOG = LoggerFactory.getLogger(Datasets.class);

  /** File in a synthetic corpus directory that records the settings it was generated with. */
  public static final String SYNTH_SETTINGS = "synth_settings.txt";

  private Datasets() {}

  /**
   * Loads the dataset a config section describes.
   *
   * @param r the {@code dataset} section
   * @return the split dataset
   * @throws ConfigException naming the key path of a missing, unknown or invalid key
   * @throws DatasetException when the data cannot be used
   */
  public static DatasetSplits load(ConfigReader r) {
    String type = r.getString("type", null);
    if (type == null) {
      throw new ConfigException(
          r.path("type"), "must be set: shipsear, deepship, folder, manifest or synth");
    }
    Map<String, Object> rest = new LinkedHashMap<>(r.asMap());
    rest.remove("type");
    String base = r.path("").replaceAll("\\.$", "");
    switch (type.toLowerCase(Locale.ROOT)) {
      case "shipsear":
        return ShipsEarLoader.load(ShipsEarConfig.fromConfig(new ConfigReader(rest, base)));
      case "deepship":
        return DeepShipLoader.load(DeepShipConfig.fromConfig(new ConfigReader(rest, base)));
      case "folder":
      case "manifest":
        return CustomCollection.load(CollectionConfig.fromConfig(new ConfigReader(rest, base)));
      case "synth":
        Object synth = rest.remove("synth");
        if (synth != null && !(synth instanceof Map)) {
          throw new ConfigException(r.path("synth"), "must be a mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> synthMap = (Map<String, ?>) synth;
        SynthConfig sc = SynthConfig.fromConfig(new ConfigReader(synthMap, r.path("synth")));
        ShipsEarConfig se = ShipsEarConfig.fromConfig(new ConfigReader(rest, base));
        ensureSynth(sc, se.root());
        return ShipsEarLoader.load(se);
      default:
        throw new ConfigException(
            r.path("type"),
            "must be shipsear, deepship, folder, manifest or synth, was '" + type + "'");
    }
  }

  /**
   * Generates the synthetic corpus into {@code dir} unless it already holds one made with the same
   * settings.
   *
   * @param c corpus settings
   * @param dir corpus directory
   * @return whether it was (re)generated
   */
  public static boolean ensureSynth(SynthConfig c, Path dir) {
    Path stamp = dir.resolve(SYNTH_SETTINGS);
    String settings = c.toString();
    try {
      if (Files.isRegularFile(stamp)
          && Files.isRegularFile(dir.resolve(SynthCorpus.META_FILE))
          && Files.readString(stamp, StandardCharsets.UTF_8).equals(settings)) {
        return false;
      }
      LOG.info("Generating the synthetic corpus in {}", dir);
      SynthCorpus.generate(c, dir);
      Files.writeString(stamp, settings, StandardCharsets.UTF_8);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot generate the synthetic corpus", e);
    }
  }
}
