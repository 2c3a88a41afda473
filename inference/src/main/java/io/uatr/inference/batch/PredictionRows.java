package io.uatr.inference.batch;

import io.uatr.inference.RecordingPrediction;
import io.uatr.inference.SegmentPrediction;
import io.uatr.inference.SizeEstimate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of {@code uatr predict} output, shared by every writer (CSV, JSONL, Spark): one {@code
 * file} row per input and, on request, one {@code segment} row per segment before it. Columns:
 * {@code path, row, segment, start_s, end_s, status, duration_s, predicted_class, probability,
 * p_<class>... , size, size_value, warning, error}.
 */
public final class PredictionRows {

  /** Value of the {@code row} column for a recording. */
  public static final String FILE = "file";

  /** Value of the {@code row} column for a segment. */
  public static final String SEGMENT = "segment";

  /** Status of a predicted input. */
  public static final String OK = "ok";

  /** Status of a failed input. */
  public static final String ERROR = "error";

  private final List<String> classNames;
  private final List<Column> columns;

  /**
   * Creates the row layout for a bundle's classes.
   *
   * @param classNames [num_classes] class names
   */
  public PredictionRows(List<String> classNames) {
    this.classNames = List.copyOf(classNames);
    List<Column> c = new ArrayList<>();
    c.add(new Column("path", Column.Type.STRING));
    c.add(new Column("row", Column.Type.STRING));
    c.add(new Column("segment", Column.Type.INT));
    c.add(new Column("start_s", Column.Type.DOUBLE));
    c.add(new Column("end_s", Column.Type.DOUBLE));
    c.add(new Column("status", Column.Type.STRING));
    c.add(new Column("duration_s", Column.Type.DOUBLE));
    c.add(new Column("predicted_class", Column.Type.STRING));
    c.add(new Column("probability", Column.Type.FLOAT));
    for (String name : classNames) {
      c.add(new Column(probColumn(name), Column.Type.FLOAT));
    }
    c.add(new Column("size", Column.Type.STRING));
    c.add(new Column("size_value", Column.Type.DOUBLE));
    c.add(new Column("warning", Column.Type.STRING));
    c.add(new Column("error", Column.Type.STRING));
    this.columns = List.copyOf(c);
  }

  /** Returns the name of a class's probability column ({@code p_<class>}). */
  public static String probColumn(String className) {
    return "p_" + className;
  }

  /** Returns the columns in output order. */
  public List<Column> columns() {
    return columns;
  }

  /** Returns the column names in output order. */
  public List<String> names() {
    return columns.stream().map(Column::name).toList();
  }

  /**
   * The rows of a predicted input.
   *
   * @param path the input path as listed
   * @param p its prediction
   * @param segments whether to emit segment rows (before the file row)
   * @return rows keyed by column name (every column present, null for empty)
   */
  public List<Map<String, Object>> ok(String path, RecordingPrediction p, boolean segments) {
    List<Map<String, Object>> rows = new ArrayList<>();
    if (segments) {
      for (SegmentPrediction s : p.segments()) {
        Map<String, Object> r = empty(path, SEGMENT);
        r.put("segment", s.index());
        r.put("start_s", s.startS());
        r.put("end_s", s.endS());
        r.put("status", OK);
        probs(r, s.classProbabilities());
        size(r, s.size());
        rows.add(r);
      }
    }
    Map<String, Object> r = empty(path, FILE);
    r.put("status", OK);
    r.put("duration_s", p.durationS());
    probs(r, p.classProbabilities());
    size(r, p.size());
    r.put("warning", p.warnings().isEmpty() ? null : String.join("; ", p.warnings()));
    rows.add(r);
    return rows;
  }

  /**
   * The row of a failed input.
   *
   * @param path the input path as listed
   * @param reason what went wrong
   * @return one file row with status error
   */
  public Map<String, Object> error(String path, String reason) {
    Map<String, Object> r = empty(path, FILE);
    r.put("status", ERROR);
    r.put("error", reason == null ? "unknown error" : reason.replace('\n', ' '));
    return r;
  }

  private Map<String, Object> empty(String path, String kind) {
    Map<String, Object> r = new LinkedHashMap<>();
    for (Column c : columns) {
      r.put(c.name(), null);
    }
    r.put("path", path);
    r.put("row", kind);
    return r;
  }

  private void probs(Map<String, Object> r, float[] p) {
    int best = io.uatr.inference.Aggregation.argmax(p);
    r.put("predicted_class", classNames.get(best));
    r.put("probability", p[best]);
    for (int i = 0; i < p.length; i++) {
      r.put(probColumn(classNames.get(i)), p[i]);
    }
  }

  private static void size(Map<String, Object> r, SizeEstimate s) {
    if (s != null) {
      r.put("size", s.label());
      r.put("size_value", s.value());
    }
  }
}
