package io.uatr.experiments.run;

import ai.djl.Model;
import io.uatr.dsp.config.ConfigException;
import io.uatr.experiments.config.ConfigSource;
import io.uatr.experiments.data.PreparedData;
import io.uatr.experiments.report.Plots;
import io.uatr.experiments.report.RunReport;
import io.uatr.inference.Bundle;
import io.uatr.inference.BundleManifest;
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

/** Evaluates a saved model bundle (a run's {@code model/}) on the test split given by a config. */
public final class ModelEvaluation {
  private ModelEvaluation() {}

  /** Key-sorted values with every number as a double, to compare configs across YAML. */
  static Map<String, String> canonical(Map<String, ?> m) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Map.Entry<String, ?> e : m.entrySet()) {
      Object v = e.getValue();
      out.put(
          e.getKey(), v instanceof Number n ? Double.toString(n.doubleValue()) : String.valueOf(v));
    }
    return out;
  }

  /**
   * The bundle of a path: the path itself when it is a bundle directory or zip, else its {@code
   * model/} subdirectory (a run directory).
   *
   * @param path a bundle or a run directory
   * @return the bundle path
   */
  public static Path bundlePath(Path path) {
    if (Files.isRegularFile(path) || Files.isRegularFile(path.resolve(Bundle.MANIFEST))) {
      return path;
    }
    return path.resolve("model");
  }

  /**
   * Loads the bundle, prepares the test split of the config's dataset and evaluates it; writes
   * {@code evaluation.json}, {@code predictions.csv}, {@code gates.csv} and {@code confusion.png}
   * into {@code outDir} when given.
   *
   * @param model bundle or run directory
   * @param s settings (dataset and features must match the bundle's; training.batch_size)
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
    try (Bundle bundle = Bundle.load(bundlePath(model));
        Model m = bundle.newModel()) {
      BundleManifest d = bundle.manifest();
      if (!canonical(d.features()).equals(canonical(s.features().resolved()))) {
        throw new ConfigException(
            "features", "differ from the features the model was trained with: " + d.features());
      }
      if (!d.segment().equals(s.dataset().segment())) {
        throw new ConfigException(
            "dataset.segment", "differs from the model's segment settings " + d.segment());
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
      List<FeatureSegment> segs = data.segments().part(Split.TEST);
      if (segs.isEmpty()) {
        throw new ConfigException("dataset", "the test split has no segments");
      }
      Predictions p =
          SegmentPredictor.predict(
              m.getBlock(), d.model(), segs, s.training().batchSize(), m.getNDManager());
      EvaluationResult ev = EvaluationResult.of(p, d.model().numClasses(), d.model().sizeHead());
      if (outDir != null) {
        Files.createDirectories(outDir);
        Outputs.evaluation(outDir.resolve("evaluation.json"), ev, data, "test");
        Outputs.predictions(outDir.resolve("predictions.csv"), p, segs, data);
        Outputs.recordingPredictions(
            outDir.resolve(Outputs.RECORDING_PREDICTIONS), p, d.classNames());
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
