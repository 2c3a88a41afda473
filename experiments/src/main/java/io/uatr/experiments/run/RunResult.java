package io.uatr.experiments.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Headline results of one finished run (one seed), as stored in its {@code result.json}.
 *
 * @param name run name
 * @param modelType model variant key
 * @param seed the seed
 * @param dir run directory
 * @param configHash hash of the resolved configuration (a rerun with the same hash is skipped)
 * @param segmentAccuracy test accuracy per segment
 * @param recordingAccuracy test accuracy per recording
 * @param macroF1 test macro-F1
 * @param sizeAccuracy test size-level accuracy (NaN without size head)
 * @param classEntropy mean normalised class-gate entropy on the test data (NaN without gates)
 * @param epochs epochs trained
 * @param bestEpoch best validation epoch (0 without validation)
 * @param trainSeconds training wall time in s
 * @param synthetic whether the data is the synthetic corpus
 * @param params number of trainable parameters of the model (DJL parameters that require a
 *     gradient, after initialisation; the same for every seed); -1 when unknown (a run finished
 *     before this was recorded)
 */
public record RunResult(
    String name,
    String modelType,
    long seed,
    String dir,
    String configHash,
    double segmentAccuracy,
    double recordingAccuracy,
    double macroF1,
    double sizeAccuracy,
    double classEntropy,
    int epochs,
    int bestEpoch,
    double trainSeconds,
    boolean synthetic,
    long params) {

  /** The result as JSON-friendly keys (NaN as null). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("model_type", modelType);
    m.put("seed", seed);
    m.put("dir", dir);
    m.put("config_hash", configHash);
    m.put("segment_accuracy", nan(segmentAccuracy));
    m.put("recording_accuracy", nan(recordingAccuracy));
    m.put("macro_f1", nan(macroF1));
    m.put("size_accuracy", nan(sizeAccuracy));
    m.put("class_gate_entropy", nan(classEntropy));
    m.put("epochs", epochs);
    m.put("best_epoch", bestEpoch);
    m.put("train_seconds", trainSeconds);
    m.put("synthetic", synthetic);
    m.put("params", params);
    return m;
  }

  /** Reads {@link #toMap()} back. */
  public static RunResult fromMap(Map<String, Object> m) {
    return new RunResult(
        (String) m.get("name"),
        (String) m.get("model_type"),
        ((Number) m.get("seed")).longValue(),
        (String) m.get("dir"),
        (String) m.get("config_hash"),
        d(m.get("segment_accuracy")),
        d(m.get("recording_accuracy")),
        d(m.get("macro_f1")),
        d(m.get("size_accuracy")),
        d(m.get("class_gate_entropy")),
        ((Number) m.get("epochs")).intValue(),
        ((Number) m.get("best_epoch")).intValue(),
        d(m.get("train_seconds")),
        Boolean.TRUE.equals(m.get("synthetic")),
        m.get("params") == null ? -1 : ((Number) m.get("params")).longValue());
  }

  private static Object nan(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static double d(Object o) {
    return o == null ? Double.NaN : ((Number) o).doubleValue();
  }
}
