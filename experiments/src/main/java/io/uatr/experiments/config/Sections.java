package io.uatr.experiments.config;

import io.uatr.dsp.config.ConfigException;
import java.util.List;

/** The top-level sections of a run configuration (architecture.md). */
public final class Sections {
  /** Every section a run configuration may have. */
  public static final List<String> KNOWN =
      List.of(
          "name",
          "seed",
          "seeds",
          "dataset",
          "features",
          "model",
          "training",
          "evaluation",
          "output",
          "suite");

  private Sections() {}

  /**
   * Rejects top-level keys that are not sections.
   *
   * @param source the resolved configuration
   * @throws ConfigException naming the unknown key, with its file and line
   */
  public static void checkTopLevel(ConfigSource source) {
    for (String key : source.tree().keySet()) {
      if (!KNOWN.contains(key)) {
        ConfigException e =
            new ConfigException(key, "unknown section (known: " + String.join(", ", KNOWN) + ")");
        throw new ConfigException(key, source.describe(e).substring(key.length() + 2));
      }
    }
  }
}
