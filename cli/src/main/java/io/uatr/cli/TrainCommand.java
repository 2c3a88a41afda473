package io.uatr.cli;

import io.uatr.dsp.config.ConfigException;
import io.uatr.experiments.config.ConfigLoader;
import io.uatr.experiments.config.ConfigSource;
import io.uatr.experiments.run.ExperimentRunner;
import io.uatr.experiments.run.RunResult;
import io.uatr.experiments.run.RunSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code uatr train}: trains one configuration (every seed) into a run directory. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train a model from a run configuration into a self-describing run directory.")
public final class TrainCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(
      names = "--output",
      paramLabel = "RUN_DIR",
      description = "Run directory (default: output.dir of the config, else runs/NAME).")
  Path output;

  @Option(
      names = "--resume",
      paramLabel = "RUN_DIR",
      description =
          "Continue an interrupted run from its newest checkpoint (uses RUN_DIR/config.yaml"
              + " when --config is not given).")
  Path resume;

  @Override
  public Integer call() throws Exception {
    Path dir = resume != null ? resume : output;
    Path config = options.config;
    if (resume != null) {
      if (output != null && !output.equals(resume)) {
        throw new UsageError("--resume and --output name different directories");
      }
      if (!Files.isDirectory(resume)) {
        throw new UsageError("--resume " + resume + ": not a directory");
      }
      if (config == null) {
        config = resume.resolve("config.yaml");
        if (!Files.isRegularFile(config)) {
          throw new UsageError("--resume " + resume + " has no config.yaml; give --config");
        }
      }
    } else if (config == null) {
      throw new UsageError("--config is required");
    }
    ConfigSource src = ConfigLoader.load(config, options.sets);
    RunSettings s;
    try {
      s = RunSettings.from(src, stem(config));
    } catch (ConfigException e) {
      throw e;
    }
    if (dir == null) {
      dir = s.outputDir();
    }
    if (resume == null && Files.isDirectory(dir)) {
      try (var list = Files.list(dir)) {
        if (list.findAny().isPresent()) {
          throw new UsageError(
              dir + " is not empty; use --resume " + dir + " to continue it, or another --output");
        }
      }
    }
    ExperimentRunner runner = new ExperimentRunner(TrainProgress::new);
    List<RunResult> results = runner.run(s, src, dir);
    for (RunResult r : results) {
      System.out.printf(
          java.util.Locale.ROOT,
          "%s%s seed %d: test accuracy %.2f %% (recording %.2f %%), macro-F1 %.2f %% -> %s%n",
          r.synthetic() ? "SYNTHETIC " : "",
          r.name(),
          r.seed(),
          100 * r.segmentAccuracy(),
          100 * r.recordingAccuracy(),
          100 * r.macroF1(),
          r.dir());
    }
    return ExitCodes.OK;
  }

  static String stem(Path config) {
    String n = config.getFileName().toString();
    return n.replaceAll("\\.ya?ml$", "");
  }
}
