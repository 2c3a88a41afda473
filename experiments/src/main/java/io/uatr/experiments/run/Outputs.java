package io.uatr.experiments.run;

import io.uatr.experiments.data.PreparedData;
import io.uatr.training.FeatureSegment;
import io.uatr.training.eval.EvaluationResult;
import io.uatr.training.eval.GateDiagnostics;
import io.uatr.training.eval.Metrics;
import io.uatr.training.eval.Predictions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writers of evaluation outputs: predictions CSV, evaluation JSON, gate statistics CSV. */
public final class Outputs {
  private Outputs() {}

  /**
   * One row per segment: recording, segment index within the recording, true and predicted class,
   * class probabilities, true and predicted size level.
   */
  public static void predictions(
      Path file, Predictions p, List<FeatureSegment> segs, PreparedData d) throws IOException {
    List<String> classes = d.segments().classNames();
    List<String> header = new ArrayList<>(List.of("recording", "segment", "true", "predicted"));
    classes.forEach(c -> header.add("p_" + c));
    boolean levels = p.sizeOutput() != null && !d.sizeLevels().isEmpty();
    if (levels) {
      header.add("size_true");
      header.add("size_predicted");
    }
    Map<String, Integer> index = new HashMap<>();
    int[] pred = p.predictedClasses();
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < p.size(); i++) {
      String rec = segs.get(i).recordingId();
      int k = index.merge(rec, 1, Integer::sum) - 1;
      List<String> r = new ArrayList<>();
      r.add(rec);
      r.add(String.valueOf(k));
      r.add(classes.get(p.classLabels()[i]));
      r.add(classes.get(pred[i]));
      for (float v : p.classProbs()[i]) {
        r.add(RunFiles.num(v));
      }
      if (levels) {
        int t = p.sizeLevels()[i];
        r.add(t < 0 ? "" : d.sizeLevels().get(t));
        int s = Metrics.argMax(p.sizeOutput()[i]);
        r.add(s < d.sizeLevels().size() ? d.sizeLevels().get(s) : String.valueOf(s));
      }
      rows.add(r);
    }
    RunFiles.writeCsv(file, header, rows);
  }

  /** File of the recording-level predictions in a run directory. */
  public static final String RECORDING_PREDICTIONS = "recording_predictions.csv";

  /**
   * One row per recording (in order of first appearance): recording ID, true class, predicted class
   * (arg-max of the segment probabilities averaged over the recording, as the recording accuracy
   * counts it), and whether they agree (1 or 0).
   *
   * @param file target CSV
   * @param p segment predictions
   * @param classes class names by index
   * @throws IOException when writing fails
   */
  public static void recordingPredictions(Path file, Predictions p, List<String> classes)
      throws IOException {
    List<int[]> rec =
        Metrics.recordingPredictions(p.classProbs(), p.classLabels(), p.recordingIds());
    List<String> ids = new ArrayList<>(new java.util.LinkedHashSet<>(List.of(p.recordingIds())));
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < rec.size(); i++) {
      int[] tp = rec.get(i);
      rows.add(
          List.of(ids.get(i), classes.get(tp[0]), classes.get(tp[1]), tp[0] == tp[1] ? "1" : "0"));
    }
    RunFiles.writeCsv(file, List.of("recording", "true", "predicted", "correct"), rows);
  }

  /** The metrics as JSON: accuracies, per-class scores, confusion matrix and gate diagnostics. */
  public static void evaluation(Path file, EvaluationResult e, PreparedData d, String split)
      throws IOException {
    RunFiles.writeJson(file, evaluationMap(e, d.segments().classNames(), split, d.synthetic()));
  }

  /** The metrics as JSON-friendly keys (NaN as null). */
  public static Map<String, Object> evaluationMap(
      EvaluationResult e, List<String> classes, String split, boolean synthetic) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("split", split);
    m.put("synthetic", synthetic);
    m.put("segments", e.segments());
    m.put("recordings", e.recordings());
    m.put("segment_accuracy", nan(e.segmentAccuracy()));
    m.put("recording_accuracy", nan(e.recordingAccuracy()));
    m.put("macro_f1", nan(e.macroF1()));
    m.put("class_loss", nan(e.classLoss()));
    m.put("size_accuracy", nan(e.sizeAccuracy()));
    m.put("size_mae", nan(e.sizeMae()));
    Map<String, Object> per = new LinkedHashMap<>();
    for (int c = 0; c < classes.size(); c++) {
      // a LinkedHashMap, not Map.of, whose iteration order changes from JVM to JVM: reruns must
      // write byte-identical files
      Map<String, Object> pc = new LinkedHashMap<>();
      pc.put("precision", nanOrZero(e.precision()[c]));
      pc.put("recall", nanOrZero(e.recall()[c]));
      pc.put("f1", nanOrZero(e.f1()[c]));
      per.put(classes.get(c), pc);
    }
    m.put("classes", per);
    m.put("confusion", e.confusion());
    List<Object> gates = new ArrayList<>();
    for (GateDiagnostics g : e.gates()) {
      Map<String, Object> gm = new LinkedHashMap<>();
      gm.put("task", g.task() == 0 ? "class" : "size");
      gm.put("utilisation", g.utilisation());
      gm.put("mean_normalised_entropy", nan(g.meanNormalisedEntropy()));
      gm.put("load_cv", nan(g.loadCv()));
      gm.put("max_over_mean", nan(g.maxOverMean()));
      gm.put("max_violation", nan(g.maxViolation()));
      gm.put("dead_experts", g.deadExperts());
      gm.put("hard_counts", g.hardCounts());
      gates.add(gm);
    }
    m.put("gates", gates);
    return m;
  }

  /** Class x expert mean gate weights: one row per task and class. */
  public static void gates(Path file, List<GateDiagnostics> gates, List<String> classes)
      throws IOException {
    if (gates.isEmpty()) {
      return;
    }
    int e = gates.get(0).utilisation().length;
    List<String> header = new ArrayList<>(List.of("task", "class"));
    for (int i = 0; i < e; i++) {
      header.add("expert_" + i);
    }
    List<List<String>> rows = new ArrayList<>();
    for (GateDiagnostics g : gates) {
      String task = g.task() == 0 ? "class" : "size";
      for (int c = 0; c < classes.size(); c++) {
        List<String> r = new ArrayList<>(List.of(task, classes.get(c)));
        for (double v : g.classByExpert()[c]) {
          r.add(RunFiles.num(v));
        }
        rows.add(r);
      }
      List<String> all = new ArrayList<>(List.of(task, "(all)"));
      for (double v : g.utilisation()) {
        all.add(RunFiles.num(v));
      }
      rows.add(all);
    }
    RunFiles.writeCsv(file, header, rows);
  }

  private static Object nan(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static Object nanOrZero(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
