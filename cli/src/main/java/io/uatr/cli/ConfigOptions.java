package io.uatr.cli;

import io.uatr.experiments.config.ConfigLoader;
import io.uatr.experiments.config.ConfigSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The shared {@code --config F.yaml} and {@code --set key=value} options. */
public final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "F.yaml",
      description = "YAML configuration (may use 'extends: base.yaml').")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "key=value",
      description = "Override a configuration key, e.g. --set features.n_mels=64 (repeatable).")
  List<String> sets = new ArrayList<>();

  /** Loads the configuration file (if any) and applies the overrides. */
  public ConfigSource load() {
    return ConfigLoader.load(config, sets);
  }
}
