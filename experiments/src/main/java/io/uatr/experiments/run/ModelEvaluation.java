package io.uatr.experiments.run;

import io.uatr.dsp.config.ConfigException;
import io.uatr.experiments.config.ConfigSource;
import io.uatr.experiments.data.PreparedData;
import io.uatr.experiments.report.Plots;
import io.uatr.experiments.report.RunReport;
import io.uatr.training.Devices;
import io.uatr.training.FeatureSegment;
import io.uatr.training.Split;
import io.uatr.training.eval.EvaluationResult;
import io.uatr.training.eval.Predictions;
import io.uatr.training.eval.SegmentPredictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Evaluates a saved model ({@code model/} of a run) on a dataset split given by a config. */
public final class ModelEvaluation {
  private ModelEvaluation() {}

  /**
   * The model directory of a path: the path itself when it holds {@code model.json}, else its
   * {@code model/} subdirectory (a run directory).
   *
   * @param path a model directory or a run directory
   * @return the model directory
   */
  public static Path modelDir(Path path) {
    if (Files.isRegularFile(path.resolve(ModelExport.DESCRIPTION))) {
      return path;
    }
    return path.resolve("model");
  }

  /**
   * Loads the model, prepares the split and evaluates it; writes {@code evaluation.json}, {@code
   * predictions.csv} and {@code confusion.png} into {@code outDir} when given.
   *
   * @param model model or run directory
   * @param s settings (dataset, features, evaluation.split = test, training.batch_size)
   * @param runner the runner preparing the data
   * @param src the resolved configuration
   * @param outDir output directory, or null
   * @return the evaluation and the class names
   * @throws IOException when reading or writing fails
   */
  public static Map.Entry<EvaluationResult, List<String>> evaluate(
      Path model, RunSettings s, ExperimentRunner runner, ConfigSource src, Path outDir)
      throws IOException {
    if (!s.evalSplit().equals("test")) {
      throw new ConfigException(
          "evaluation.split", "a saved model is evaluated on the test split only");
    }
    try (ModelExport.Loaded m =
        ModelExport.load(modelDir(model), Devices.resolve(s.training().device()))) {
      ModelExport.Description d = m.description();
      if (!Objects.equals(
          RunFiles.JSON.writeValueAsString(d.features()),
          RunFiles.JSON.writeValueAsString(
              RunFiles.JSON.readValue(
                  RunFiles.JSON.writeValueAsString(s.features().resolved()), Map.class)))) {
        throw new ConfigException(
            "features", "differ from the features the model was trained with: " + d.features());
      }
      PreparedData data = runner.data(s, src);
      if (!data.segments().classNames().equals(d.classNames())) {
        throw new ConfigException(
            "dataset",
            "classes "
                + data.segments().classNames()
                + " differ from the model's "
                + d.classNames());
      }
      if (data.segments().bins() != d.bins() || data.segments().frames() != d.frames()) {
        throw new ConfigException(
            "dataset.segment",
            "segments give ["
                + data.segments().bins()
                + "]["
                + data.segments().frames()
                + "] features, the model takes ["
                + d.bins()
                + "]["
                + d.frames()
                + "]");
      }
      List<FeatureSegment> segs = data.segments().part(Split.TEST);
      if (segs.isEmpty()) {
        throw new ConfigException("dataset", "the test split has no segments");
      }
      Predictions p =
          SegmentPredictor.predict(
              m.model().getBlock(),
              d.spec(),
              segs,
              s.training().batchSize(),
              m.model().getNDManager());
      EvaluationResult ev = EvaluationResult.of(p, d.spec().numClasses(), d.spec().sizeHead());
      if (outDir != null) {
        Files.createDirectories(outDir);
        Outputs.evaluation(outDir.resolve("evaluation.json"), ev, data, "test");
        Outputs.predictions(outDir.resolve("predictions.csv"), p, segs, data);
        Outputs.gates(outDir.resolve("gates.csv"), ev.gates(), d.classNames());
        Plots.confusion(
            RunReport.tag(data.synthetic()) + "confusion (test)",
            d.classNames(),
            ev.confusion(),
            outDir.resolve("confusion.png"));
      }
      return Map.entry(ev, d.classNames());
    }
  }
}
