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

/** The results table of a suite (Markdown and CSV) and its report with links to each run. */
public final class SuiteReport {
  private SuiteReport() {}

  /**
   * Writes {@code results.md}, {@code results.csv} and {@code report.md} into the suite directory.
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
    StringBuilder t = new StringBuilder();
    t.append(
        "| data | variant | model | seeds | segment accuracy (%) | recording accuracy (%) |"
            + " macro-F1 (%) | size accuracy (%) | class-gate entropy |\n");
    t.append("|---|---|---|---|---|---|---|---|---|\n");
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, List<RunResult>> e : results.entrySet()) {
      List<RunResult> rs = e.getValue();
      String data = rs.get(0).synthetic() ? RunReport.SYNTHETIC : "real";
      double[] ent = rs.stream().mapToDouble(RunResult::classEntropy).toArray();
      String entropy =
          Double.isNaN(Stats.mean(ent))
              ? "n/a"
              : String.format(Locale.ROOT, "%.3f", Stats.mean(ent));
      t.append("| ")
          .append(data)
          .append(" | ")
          .append(e.getKey())
          .append(" | ")
          .append(rs.get(0).modelType())
          .append(" | ")
          .append(rs.size())
          .append(" | ")
          .append(Stats.percent(RunReport.col(rs, 0)))
          .append(" | ")
          .append(Stats.percent(RunReport.col(rs, 1)))
          .append(" | ")
          .append(Stats.percent(RunReport.col(rs, 2)))
          .append(" | ")
          .append(Stats.percent(RunReport.col(rs, 3)))
          .append(" | ")
          .append(entropy)
          .append(" |\n");
      double[] acc = RunReport.col(rs, 0);
      double[] rec = RunReport.col(rs, 1);
      double[] f1 = RunReport.col(rs, 2);
      double[] size = RunReport.col(rs, 3);
      rows.add(
          List.of(
              data,
              e.getKey(),
              rs.get(0).modelType(),
              String.valueOf(rs.size()),
              RunFiles.num(Stats.mean(acc)),
              RunFiles.num(Stats.std(acc)),
              RunFiles.num(Stats.mean(rec)),
              RunFiles.num(Stats.std(rec)),
              RunFiles.num(Stats.mean(f1)),
              RunFiles.num(Stats.std(f1)),
              RunFiles.num(Stats.mean(size)),
              RunFiles.num(Stats.std(size)),
              RunFiles.num(Stats.mean(ent))));
    }
    RunFiles.writeText(dir.resolve("results.md"), t.toString());
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
    RunFiles.writeCsv(
        dir.resolve("results.csv"),
        List.of(
            "data",
            "variant",
            "model",
            "seeds",
            "segment_accuracy_mean",
            "segment_accuracy_std",
            "recording_accuracy_mean",
            "recording_accuracy_std",
            "macro_f1_mean",
            "macro_f1_std",
            "size_accuracy_mean",
            "size_accuracy_std",
            "class_gate_entropy_mean"),
        rows);
    StringBuilder b = new StringBuilder();
    b.append("# ").append(tag).append("Suite ").append(suite.name()).append("\n\n");
    if (synthetic) {
      b.append(
          "**SYNTHETIC: these results come from the generated corpus, not from recorded"
              + " data; they show that the pipeline works, not how well a model recognises real"
              + " vessels.**\n\n");
    }
    b.append(
        "Mean +- sample standard deviation over seeds, on the test split; accuracy per"
            + " segment unless stated.\n\n");
    b.append("## ").append(tag).append("Results\n\n").append(t).append('\n');
    b.append("![accuracy per variant](accuracy.png)\n\n");
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
        "Plots of each run (training curves, confusion matrix, class x expert gate heat maps,"
            + " gate entropy over epochs, an example spectrogram per class) are in its `plots/`"
            + " directory and shown in its report.\n");
    RunFiles.writeText(dir.resolve("report.md"), b.toString());
  }
}
