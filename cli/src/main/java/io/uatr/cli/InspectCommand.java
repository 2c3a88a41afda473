package io.uatr.cli;

import io.uatr.dsp.config.ConfigException;
import io.uatr.experiments.config.ConfigSource;
import io.uatr.experiments.data.DataSettings;
import io.uatr.experiments.data.DatasetInspector;
import io.uatr.experiments.data.FeatureSettings;
import io.uatr.experiments.run.RunFiles;
import io.uatr.experiments.run.RunSettings;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code uatr dataset inspect}: recordings, segments and seconds per split and class. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description =
        "Print per split the recordings, segments and seconds per class, and the leakage check.")
public final class InspectCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(names = "--json", description = "Print one JSON object instead of tables.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (options.config == null && options.sets.isEmpty()) {
      throw new UsageError("--config is required");
    }
    ConfigSource src = options.load();
    DataSettings d;
    FeatureSettings f;
    try {
      d = DataSettings.fromConfig(src.section("dataset"));
      f = FeatureSettings.fromConfig(src.section("features"));
    } catch (ConfigException e) {
      throw RunSettings.withOrigin(src, e);
    }
    Map<String, Object> r = DatasetInspector.inspect(d, f);
    if (json) {
      System.out.println(RunFiles.JSON.writeValueAsString(r));
    } else {
      System.out.print(DatasetInspector.text(r, d.synthetic()));
    }
    return ExitCodes.OK;
  }
}
