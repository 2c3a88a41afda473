package io.uatr.experiments.report;

import io.uatr.experiments.run.Outputs;
import io.uatr.experiments.run.RunFiles;
import io.uatr.experiments.run.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Each variant of a suite against a reference variant: the paired difference in recording accuracy
 * with a 95 % cluster-bootstrap interval ({@link PairedBootstrap}), read from the runs' {@code
 * recording_predictions.csv}. Seeds are paired by seed value, recordings by ID; only seeds both
 * variants ran and recordings every paired run evaluated are used.
 */
public final class Comparisons {
  /** Confidence level of the intervals. */
  public static final double LEVEL = 0.95;

  private Comparisons() {}

  /**
   * One comparison.
   *
   * @param variant the variant
   * @param reference the reference variant
   * @param interval the paired difference (fractions of recordings), or null when it cannot be
   *     computed
   * @param verdict "no significant difference", "VARIANT better than REF (95 % CI excludes 0)",
   *     "... worse ..." or "n/a: reason"
   */
  public record Row(
      String variant, String reference, PairedBootstrap.Interval interval, String verdict) {}

  /**
   * Compares every variant but the reference with the reference.
   *
   * @param results per variant, one result per seed (the run directories hold the predictions)
   * @param reference name of the reference variant (a key of {@code results})
   * @return one row per other variant, in suite order
   * @throws IOException when a predictions file cannot be read
   */
  public static List<Row> compare(Map<String, List<RunResult>> results, String reference)
      throws IOException {
    List<Row> out = new ArrayList<>();
    Map<Long, Map<String, Integer>> ref = correctBySeed(results.get(reference));
    for (Map.Entry<String, List<RunResult>> e : results.entrySet()) {
      if (!e.getKey().equals(reference)) {
        out.add(compare(e.getKey(), correctBySeed(e.getValue()), reference, ref));
      }
    }
    return out;
  }

  private static Row compare(
      String name,
      Map<Long, Map<String, Integer>> v,
      String refName,
      Map<Long, Map<String, Integer>> ref) {
    if (v == null || ref == null) {
      return new Row(name, refName, null, "n/a: a run has no " + Outputs.RECORDING_PREDICTIONS);
    }
    List<Long> seeds = new ArrayList<>(new TreeSet<>(v.keySet()));
    seeds.retainAll(ref.keySet());
    if (seeds.isEmpty()) {
      return new Row(name, refName, null, "n/a: no seed run by both");
    }
    TreeSet<String> recs = new TreeSet<>(v.get(seeds.get(0)).keySet());
    for (long s : seeds) {
      recs.retainAll(v.get(s).keySet());
      recs.retainAll(ref.get(s).keySet());
    }
    if (recs.isEmpty()) {
      return new Row(name, refName, null, "n/a: no test recording evaluated by both");
    }
    int[][] a = new int[seeds.size()][recs.size()];
    int[][] b = new int[seeds.size()][recs.size()];
    for (int k = 0; k < seeds.size(); k++) {
      int j = 0;
      for (String r : recs) {
        a[k][j] = v.get(seeds.get(k)).get(r);
        b[k][j] = ref.get(seeds.get(k)).get(r);
        j++;
      }
    }
    PairedBootstrap.Interval i =
        PairedBootstrap.difference(a, b, PairedBootstrap.RESAMPLES, PairedBootstrap.SEED, LEVEL);
    return new Row(name, refName, i, verdict(name, refName, i));
  }

  /**
   * The verdict of an interval.
   *
   * @param variant variant name
   * @param reference reference name
   * @param i the interval
   * @return "no significant difference" when it contains 0, else "VARIANT better (worse) than REF
   *     (95 % CI excludes 0)"
   */
  public static String verdict(String variant, String reference, PairedBootstrap.Interval i) {
    if (!i.significant()) {
      return "no significant difference";
    }
    return variant
        + (i.low() > 0 ? " better than " : " worse than ")
        + reference
        + String.format(Locale.ROOT, " (%.0f %% CI excludes 0)", 100 * LEVEL);
  }

  /** Seed to (recording to 1/0 correct), or null when a run lacks the file. */
  private static Map<Long, Map<String, Integer>> correctBySeed(List<RunResult> runs)
      throws IOException {
    Map<Long, Map<String, Integer>> out = new LinkedHashMap<>();
    for (RunResult r : runs) {
      Path f = Path.of(r.dir()).resolve(Outputs.RECORDING_PREDICTIONS);
      if (!Files.isRegularFile(f)) {
        return null;
      }
      List<List<String>> rows = RunFiles.readCsv(f);
      int col = rows.get(0).indexOf("correct");
      Map<String, Integer> m = new LinkedHashMap<>();
      for (List<String> row : rows.subList(1, rows.size())) {
        m.put(row.get(0), Integer.parseInt(row.get(col)));
      }
      out.put(r.seed(), m);
    }
    return out;
  }

  /**
   * Writes {@code comparisons.csv}: variant, reference, mean_difference, ci_low, ci_high (fractions
   * of recordings, variant minus reference), n_seeds, n_recordings, verdict.
   *
   * @param file target
   * @param rows the comparisons
   * @throws IOException when writing fails
   */
  public static void writeCsv(Path file, List<Row> rows) throws IOException {
    List<List<String>> out = new ArrayList<>();
    for (Row r : rows) {
      PairedBootstrap.Interval i = r.interval();
      out.add(
          List.of(
              r.variant(),
              r.reference(),
              i == null ? "NaN" : RunFiles.num(i.mean()),
              i == null ? "NaN" : RunFiles.num(i.low()),
              i == null ? "NaN" : RunFiles.num(i.high()),
              i == null ? "0" : String.valueOf(i.seeds()),
              i == null ? "0" : String.valueOf(i.recordings()),
              r.verdict()));
    }
    RunFiles.writeCsv(
        file,
        List.of(
            "variant",
            "reference",
            "mean_difference",
            "ci_low",
            "ci_high",
            "n_seeds",
            "n_recordings",
            "verdict"),
        out);
  }

  /**
   * The Markdown section: how the intervals are computed, then one table row per comparison
   * (percentage points).
   *
   * @param rows the comparisons
   * @param reference the reference variant
   * @return the text
   */
  public static String markdown(List<Row> rows, String reference) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Difference in recording accuracy to the reference variant `%s` (variant minus"
                + " reference, percentage points), paired over seeds and test recordings: for"
                + " seed s and test recording r, d(s, r) = correct_variant(s, r) -"
                + " correct_%s(s, r). The %.0f %% confidence interval is a cluster bootstrap over"
                + " test recordings, the unit of independence: each of %d resamples (seeded,"
                + " deterministic) draws as many recordings as the test split has, with"
                + " replacement, and averages d over the drawn recordings and all seeds (the seeds"
                + " of a recording stay paired); the interval is the 2.5th to 97.5th percentile"
                + " of those means. An interval containing 0 means no significant difference."
                + " Few seeds and few test recordings give wide intervals.\n\n",
            reference,
            reference,
            100 * LEVEL,
            PairedBootstrap.RESAMPLES));
    b.append(
        "| variant | reference | difference (pp) | 95 % CI (pp) | seeds | recordings | verdict |\n");
    b.append("|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      PairedBootstrap.Interval i = r.interval();
      b.append("| ").append(r.variant()).append(" | ").append(r.reference()).append(" | ");
      if (i == null) {
        b.append("n/a | n/a | n/a | n/a | ");
      } else {
        b.append(
                String.format(
                    Locale.ROOT,
                    "%+.2f | [%+.2f, %+.2f]",
                    100 * i.mean(),
                    100 * i.low(),
                    100 * i.high()))
            .append(" | ")
            .append(i.seeds())
            .append(" | ")
            .append(i.recordings())
            .append(" | ");
      }
      b.append(r.verdict()).append(" |\n");
    }
    return b.toString();
  }
}
