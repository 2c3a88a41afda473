package io.uatr.cli;

import io.uatr.experiments.config.ConfigSource;
import io.uatr.experiments.run.ExperimentRunner;
import io.uatr.experiments.run.ModelEvaluation;
import io.uatr.experiments.run.RunSettings;
import io.uatr.training.eval.EvaluationResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code uatr evaluate}: evaluates a saved model on the test split of a dataset config. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Evaluate a saved model (a run's model/ directory) on a dataset's test split.")
public final class EvaluateCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "BUNDLE",
      description = "The model directory (or the run directory holding model/).")
  Path model;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description = "Write evaluation.json, predictions.csv, gates.csv and confusion.png here.")
  Path output;

  @Override
  public Integer call() throws Exception {
    if (options.config == null) {
      throw new UsageError("--config is required");
    }
    ConfigSource src = options.load();
    RunSettings s = RunSettings.from(src, TrainCommand.stem(options.config));
    Map.Entry<EvaluationResult, List<String>> r =
        ModelEvaluation.evaluate(model, s, new ExperimentRunner(), src, output);
    EvaluationResult e = r.getKey();
    String tag = s.dataset().synthetic() ? "SYNTHETIC " : "";
    System.out.printf(
        Locale.ROOT,
        "%stest: %d segments, %d recordings%n  segment accuracy   %.2f %%%n"
            + "  recording accuracy %.2f %%%n  macro-F1           %.2f %%%n",
        tag,
        e.segments(),
        e.recordings(),
        100 * e.segmentAccuracy(),
        100 * e.recordingAccuracy(),
        100 * e.macroF1());
    if (!Double.isNaN(e.sizeAccuracy())) {
      System.out.printf(Locale.ROOT, "  size accuracy      %.2f %%%n", 100 * e.sizeAccuracy());
    }
    return ExitCodes.OK;
  }
}
