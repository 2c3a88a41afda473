package io.uatr.experiments.data;

import io.uatr.datasets.DatasetProblem;
import io.uatr.datasets.DatasetSplits;
import io.uatr.datasets.LeakageCheck;
import io.uatr.datasets.Recording;
import io.uatr.datasets.Segment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts a dataset per split and class (recordings, segments, seconds) and runs the leakage check,
 * without decoding any audio.
 */
public final class DatasetInspector {
  private DatasetInspector() {}

  /**
   * Inspects a dataset.
   *
   * @param d dataset settings
   * @param f feature settings (the sample rate decides segment boundaries)
   * @return {@code {"splits": {split: {recordings, segments, seconds, classes: {class: {recordings,
   *     segments}}}}, "leakage": [...], "train_only_classes": [...], "problems": [...]}}; {@code
   *     train_only_classes} names the classes a vessel-disjoint split keeps out of test because all
   *     their recordings are one vessel
   * @throws IOException when a synthetic corpus has to be generated and cannot be written
   */
  public static Map<String, Object> inspect(DataSettings d, FeatureSettings f) throws IOException {
    DatasetSplits s = DataBuilder.load(d);
    Map<String, Object> splits = new LinkedHashMap<>();
    for (Map.Entry<String, List<Recording>> part : s.parts().entrySet()) {
      Map<String, Map<String, Object>> classes = new LinkedHashMap<>();
      for (String c : s.labels().classes()) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("recordings", 0);
        cm.put("segments", 0);
        classes.put(c, cm);
      }
      int recs = 0;
      int segs = 0;
      double seconds = 0;
      for (Recording r : part.getValue()) {
        List<Segment> ss = DataBuilder.segments(r, d, f);
        recs++;
        segs += ss.size();
        seconds += r.sectionS();
        // LinkedHashMap filled in a fixed order: Map.of's iteration order changes from JVM to JVM
        Map<String, Object> cm = classes.computeIfAbsent(r.label(), k -> new LinkedHashMap<>());
        cm.merge("recordings", 1, (a, b) -> (Integer) a + (Integer) b);
        cm.merge("segments", ss.size(), (a, b) -> (Integer) a + (Integer) b);
      }
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("recordings", recs);
      pm.put("segments", segs);
      pm.put("seconds", Math.round(seconds * 1000) / 1000.0);
      pm.put("classes", classes);
      splits.put(part.getKey(), pm);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("splits", splits);
    out.put("leakage", leakage(s.leakage()));
    out.put("train_only_classes", s.trainOnlyClasses());
    List<Object> problems = new ArrayList<>();
    for (DatasetProblem p : s.problems()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("kind", p.kind().name().toLowerCase(Locale.ROOT));
      pm.put("file", p.file());
      pm.put("detail", p.detail());
      problems.add(pm);
    }
    out.put("problems", problems);
    return out;
  }

  private static List<Object> leakage(LeakageCheck.Report r) {
    List<Object> out = new ArrayList<>();
    add(out, "recording", r.recordings());
    add(out, "time_split_recording", r.timeSplitRecordings());
    add(out, "ship", r.ships());
    return out;
  }

  private static void add(List<Object> out, String kind, Map<String, List<String>> m) {
    for (Map.Entry<String, List<String>> e : m.entrySet()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("kind", kind);
      x.put("id", e.getKey());
      x.put("splits", e.getValue());
      out.add(x);
    }
  }

  /**
   * Formats the inspection as text tables.
   *
   * @param result the output of {@link #inspect}
   * @param synthetic whether to label it SYNTHETIC
   * @return the text
   */
  @SuppressWarnings("unchecked")
  public static String text(Map<String, Object> result, boolean synthetic) {
    StringBuilder b = new StringBuilder();
    Map<String, Object> splits = (Map<String, Object>) result.get("splits");
    for (Map.Entry<String, Object> e : splits.entrySet()) {
      Map<String, Object> p = (Map<String, Object>) e.getValue();
      b.append(
          String.format(
              Locale.ROOT,
              "%s%s: %d recordings, %d segments, %.1f s%n",
              synthetic ? "SYNTHETIC " : "",
              e.getKey(),
              p.get("recordings"),
              p.get("segments"),
              ((Number) p.get("seconds")).doubleValue()));
      b.append(
          String.format(Locale.ROOT, "  %-24s %10s %10s%n", "class", "recordings", "segments"));
      for (Map.Entry<String, Object> c : ((Map<String, Object>) p.get("classes")).entrySet()) {
        Map<String, Object> cm = (Map<String, Object>) c.getValue();
        b.append(
            String.format(
                Locale.ROOT,
                "  %-24s %10d %10d%n",
                c.getKey(),
                cm.get("recordings"),
                cm.get("segments")));
      }
    }
    List<Object> leak = (List<Object>) result.get("leakage");
    b.append(
        leak.isEmpty()
            ? "leakage check: clean (no recording or ship in two splits)\n"
            : "leakage check: " + leak.size() + " shared:\n");
    for (Object o : leak) {
      Map<String, Object> m = (Map<String, Object>) o;
      b.append("  ")
          .append(m.get("kind"))
          .append(' ')
          .append(m.get("id"))
          .append(" in ")
          .append(m.get("splits"))
          .append('\n');
    }
    List<Object> trainOnly = (List<Object>) result.getOrDefault("train_only_classes", List.of());
    if (!trainOnly.isEmpty()) {
      b.append("single-vessel classes (train only, not tested: all their recordings are one")
          .append(" vessel): ")
          .append(trainOnly)
          .append('\n');
    }
    List<Object> problems = (List<Object>) result.get("problems");
    b.append("problems: ").append(problems.size()).append('\n');
    for (Object o : problems) {
      Map<String, Object> m = (Map<String, Object>) o;
      b.append("  ")
          .append(m.get("kind"))
          .append(' ')
          .append(m.get("file"))
          .append(": ")
          .append(m.get("detail"))
          .append('\n');
    }
    return b.toString();
  }
}
