package io.uatr.cli;

import io.uatr.experiments.config.ConfigSource;
import io.uatr.experiments.run.ExperimentRunner;
import io.uatr.experiments.run.RunResult;
import io.uatr.experiments.run.SuiteRunner;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code uatr experiment}: runs a suite (variants x seeds) into one results table. */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    description =
        "Run every variant and seed of a suite config; writes results.md/results.csv and a"
            + " report. Finished runs are skipped on a rerun.")
public final class ExperimentCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Override
  public Integer call() throws Exception {
    if (options.config == null) {
      throw new UsageError("--config is required");
    }
    ConfigSource src = options.load();
    SuiteRunner.Suite suite = SuiteRunner.parse(src, TrainCommand.stem(options.config));
    Map<String, List<RunResult>> results =
        SuiteRunner.run(suite, new ExperimentRunner(TrainProgress::new));
    var table = suite.dir().resolve("results.md");
    if (Files.isRegularFile(table)) {
      System.out.print(Files.readString(table));
      System.out.println("report: " + suite.dir().resolve("report.md"));
    } else {
      for (List<RunResult> rs : results.values()) {
        for (RunResult r : rs) {
          System.out.printf(
              java.util.Locale.ROOT,
              "%s%s seed %d: test accuracy %.2f %% -> %s%n",
              r.synthetic() ? "SYNTHETIC " : "",
              r.name(),
              r.seed(),
              100 * r.segmentAccuracy(),
              r.dir());
        }
      }
    }
    return ExitCodes.OK;
  }
}
