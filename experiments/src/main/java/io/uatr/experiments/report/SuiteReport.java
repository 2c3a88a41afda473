package io.uatr.experiments.report;

import io.uatr.experiments.run.RunFiles;
import io.uatr.experiments.run.RunResult;
import io.uatr.experiments.run.SuiteRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results table of a suite (Markdown and CSV), the paired comparisons with the reference
 * variant ({@code comparisons.csv}) and the suite report with links to each run.
 */
public final class SuiteReport {
  private static final Logger LOG = LoggerFactory.getLogger(SuiteReport.class);

  /** Columns of {@code results.csv}. */
  public static final List<String> CSV_HEADER =
      List.of(
          "data",
          "variant",
          "model",
          "params",
          "seeds",
          "segment_accuracy_mean",
          "segment_accuracy_std",
          "recording_accuracy_mean",
          "recording_accuracy_std",
          "macro_f1_mean",
          "macro_f1_std",
          "size_accuracy_mean",
          "size_accuracy_std",
          "class_gate_entropy_mean",
          "class_gate_entropy_std");

  private SuiteReport() {}

  /**
   * Writes {@code results.md}, {@code results.csv}, {@code comparisons.csv} (with two or more
   * variants), {@code accuracy.png} and {@code report.md} into the suite directory.
   *
   * @param suite the suite
   * @param results per variant, one result per seed
   * @param synthetic whether any variant ran on the synthetic corpus
   * @throws IOException when writing fails
   */
  public static void write(
      SuiteRunner.Suite suite, Map<String, List<RunResult>> results, boolean synthetic)
      throws IOException {
    String tag = RunReport.tag(synthetic);
    Path dir = suite.dir();
    String table = table(results);
    RunFiles.writeText(dir.resolve("results.md"), table);
    RunFiles.writeCsv(dir.resolve("results.csv"), CSV_HEADER, csvRows(results));
    List<String> names = new ArrayList<>(results.keySet());
    double[] means = new double[names.size()];
    double[] stds = new double[names.size()];
    for (int i = 0; i < names.size(); i++) {
      double[] acc = RunReport.col(results.get(names.get(i)), 0);
      means[i] = 100 * Stats.mean(acc);
      stds[i] = 100 * Stats.std(acc);
    }
    Plots.variantBars(
        tag + suite.name() + ": test accuracy per variant (mean +- std over seeds)",
        names,
        means,
        stds,
        dir.resolve("accuracy.png"));
    List<Comparisons.Row> comparisons = List.of();
    if (results.size() > 1 && results.containsKey(suite.reference())) {
      comparisons = Comparisons.compare(results, suite.reference());
      Comparisons.writeCsv(dir.resolve("comparisons.csv"), comparisons);
      for (Comparisons.Row c : comparisons) {
        LOG.info("{} vs {} (recording accuracy): {}", c.variant(), c.reference(), c.verdict());
      }
    }
    StringBuilder b = new StringBuilder();
    b.append("# ").append(tag).append("Suite ").append(suite.name()).append("\n\n");
    if (synthetic) {
      b.append(
          "**SYNTHETIC: these results come from the generated corpus, not from recorded"
              + " data; they show that the pipeline works, not how well a model recognises real"
              + " vessels.**\n\n");
    }
    b.append(collapseWarnings(results));
    b.append(
        "Mean +- sample standard deviation (n - 1) over seeds, on the test split; `params` is"
            + " the number of trainable parameters of the variant's model.\n\n");
    b.append("## ").append(tag).append("Results\n\n").append(table).append('\n');
    b.append("![accuracy per variant](accuracy.png)\n\n");
    if (!comparisons.isEmpty()) {
      b.append("## ")
          .append(tag)
          .append("Paired comparison with ")
          .append(suite.reference())
          .append("\n\n")
          .append(Comparisons.markdown(comparisons, suite.reference()))
          .append("\nAlso in `comparisons.csv` (fractions of recordings).\n\n");
    }
    b.append("## Runs\n\n");
    for (Map.Entry<String, List<RunResult>> e : results.entrySet()) {
      for (RunResult r : e.getValue()) {
        Path rel = dir.toAbsolutePath().relativize(Path.of(r.dir()).toAbsolutePath());
        b.append("- ")
            .append(e.getKey())
            .append(" seed ")
            .append(r.seed())
            .append(": [report](")
            .append(rel.resolve("report.md").toString().replace('\\', '/'))
            .append("), ")
            .append(
                String.format(
                    Locale.ROOT, "%d epochs, %.1f s training", r.epochs(), r.trainSeconds()))
            .append("\n");
      }
    }
    b.append('\n');
    b.append(
        "Plots of each run (training curves, confusion matrix, class x expert gate heat maps"
            + " with each expert's share of hard assignments, on synthetic data the class gate's"
            + " experts by shaft-rate group, gate entropy over epochs, an example spectrogram per"
            + " class) are in its `plots/`"
            + " directory and shown in its report.\n");
    RunFiles.writeText(dir.resolve("report.md"), b.toString());
  }

  /**
   * The collapse warnings of every run of a suite, as {@code > **Warning**} lines, read from each
   * run directory's {@code evaluation.json} (a run without one is passed over).
   *
   * @param results per variant, one result per seed
   * @return the Markdown block, "" when no gate collapsed
   * @throws IOException when an evaluation file cannot be read
   */
  public static String collapseWarnings(Map<String, List<RunResult>> results) throws IOException {
    List<String> messages = new ArrayList<>();
    for (Map.Entry<String, List<RunResult>> e : results.entrySet()) {
      for (RunResult r : e.getValue()) {
        Path f = Path.of(r.dir()).resolve("evaluation.json");
        if (!java.nio.file.Files.isRegularFile(f)) {
          continue;
        }
        Map<String, Object> ev = RunFiles.readJson(f);
        String split = String.valueOf(ev.getOrDefault("split", "test"));
        for (GateCollapse.Warning w : GateCollapse.fromEvaluation(ev)) {
          messages.add(w.message(e.getKey() + " seed " + r.seed(), split));
        }
      }
    }
    return GateCollapse.markdown(messages);
  }

  /**
   * The Markdown results table: one row per variant, every metric as mean +- sample std over seeds
   * (accuracies and macro-F1 in percent, class-gate entropy normalised to [0, 1]).
   *
   * @param results per variant, one result per seed
   * @return the table
   */
  public static String table(Map<String, List<RunResult>> results) {
    StringBuilder t = new StringBuilder();
    t.append(
        "| data | variant | model | params | seeds | segment accuracy (%) | recording accuracy"
            + " (%) | macro-F1 (%) | size accuracy (%) | class-gate entropy |\n");
    t.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map.Entry<String, List<RunResult>> e : results.entrySet()) {
      List<RunResult> rs = e.getValue();
      t.append("| ")
          .append(rs.get(0).synthetic() ? RunReport.SYNTHETIC : "real")
          .append(" | ")
          .append(e.getKey())
          .append(" | ")
          .append(rs.get(0).modelType())
          .append(" | ")
          .append(params(rs))
          .append(" | ")
          .append(rs.size());
      for (int k = 0; k < 4; k++) {
        t.append(" | ").append(Stats.percent(RunReport.col(rs, k)));
      }
      t.append(" | ").append(Stats.meanStd(entropy(rs), 1, 3)).append(" |\n");
    }
    return t.toString();
  }

  private static List<List<String>> csvRows(Map<String, List<RunResult>> results) {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, List<RunResult>> e : results.entrySet()) {
      List<RunResult> rs = e.getValue();
      List<String> row = new ArrayList<>();
      row.add(rs.get(0).synthetic() ? RunReport.SYNTHETIC : "real");
      row.add(e.getKey());
      row.add(rs.get(0).modelType());
      row.add(params(rs));
      row.add(String.valueOf(rs.size()));
      for (int k = 0; k < 4; k++) {
        double[] v = RunReport.col(rs, k);
        row.add(RunFiles.num(Stats.mean(v)));
        row.add(RunFiles.num(Stats.std(v)));
      }
      row.add(RunFiles.num(Stats.mean(entropy(rs))));
      row.add(RunFiles.num(Stats.std(entropy(rs))));
      rows.add(row);
    }
    return rows;
  }

  private static double[] entropy(List<RunResult> rs) {
    return rs.stream().mapToDouble(RunResult::classEntropy).toArray();
  }

  /**
   * The trainable parameter count of a variant's runs: one number (the same for every seed), the
   * distinct values joined by "/" should they differ, "n/a" when unknown.
   */
  static String params(List<RunResult> rs) {
    List<String> distinct =
        rs.stream()
            .map(r -> r.params() < 0 ? "n/a" : String.valueOf(r.params()))
            .distinct()
            .toList();
    return String.join("/", distinct);
  }
}
