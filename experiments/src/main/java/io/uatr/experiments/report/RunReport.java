package io.uatr.experiments.report;

import io.uatr.experiments.data.PreparedData;
import io.uatr.experiments.plot.SpectrogramPlot;
import io.uatr.experiments.run.RunFiles;
import io.uatr.experiments.run.RunResult;
import io.uatr.experiments.run.RunSettings;
import io.uatr.models.spec.ModelSpec;
import io.uatr.training.EpochMetrics;
import io.uatr.training.Split;
import io.uatr.training.TrainingResult;
import io.uatr.training.eval.EvaluationResult;
import io.uatr.training.eval.GateDiagnostics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown report and PNG plots of a run, and the summary over seeds. */
public final class RunReport {
  /** Label put on every table and title made from the synthetic corpus. */
  public static final String SYNTHETIC = "SYNTHETIC";

  private RunReport() {}

  /** Title prefix for synthetic data. */
  public static String tag(boolean synthetic) {
    return synthetic ? SYNTHETIC + " " : "";
  }

  /**
   * Writes {@code plots/*.png} (when enabled) and {@code report.md}.
   *
   * @param dir run directory
   * @param s settings
   * @param spec the model spec
   * @param data the data
   * @param tr training outcome
   * @param ev evaluation of the evaluated split
   * @param gateRows rows of gate_epochs.csv (epoch, task, entropy, load CV)
   * @param r headline results
   * @param prov provenance
   * @param routing the gates' routing (collapse warnings, hard assignments, shaft-rate table)
   * @throws IOException when writing fails
   */
  public static void write(
      Path dir,
      RunSettings s,
      ModelSpec spec,
      PreparedData data,
      TrainingResult tr,
      EvaluationResult ev,
      List<List<String>> gateRows,
      RunResult r,
      Map<String, Object> prov,
      RoutingReport routing)
      throws IOException {
    boolean syn = data.synthetic();
    String tag = tag(syn);
    List<String> classes = data.segments().classNames();
    List<String> plots = new ArrayList<>();
    List<String> gatePlots = List.of();
    if (s.plots()) {
      Path p = dir.resolve("plots");
      Plots.trainingCurves(tag + r.name(), tr.history(), p.resolve("training_curves.png"));
      plots.add("training_curves.png");
      Plots.confusion(
          tag + r.name() + ": confusion (" + s.evalSplit() + ")",
          classes,
          ev.confusion(),
          p.resolve("confusion.png"));
      plots.add("confusion.png");
      gatePlots = routing.plot(tag + r.name(), classes, p);
      if (!gateRows.isEmpty()) {
        Map<String, List<double[]>> byTask = new LinkedHashMap<>();
        for (List<String> row : gateRows) {
          String task = row.get(1).equals("0") ? "class gate" : "size gate";
          byTask
              .computeIfAbsent(task, k -> new ArrayList<>())
              .add(new double[] {Double.parseDouble(row.get(0)), Double.parseDouble(row.get(2))});
        }
        Map<String, double[]> ent = new LinkedHashMap<>();
        double[] epochs = null;
        for (Map.Entry<String, List<double[]>> e : byTask.entrySet()) {
          epochs = e.getValue().stream().mapToDouble(a -> a[0]).toArray();
          ent.put(e.getKey(), e.getValue().stream().mapToDouble(a -> a[1]).toArray());
        }
        Plots.gateEntropy(
            tag + r.name() + ": gate entropy (validation)",
            epochs,
            ent,
            p.resolve("gate_entropy.png"));
        plots.add("gate_entropy.png");
      }
      double[] freqs = data.features().rowValues(data.segments().bins());
      io.uatr.dsp.features.ColumnAxis cols = data.features().columnAxis();
      String unit =
          s.dataset().normalize().equals("segment") ? "z-score" : s.features().spec().valueUnit();
      for (Map.Entry<Integer, float[][]> e : data.examples().entrySet()) {
        float[][] m = e.getValue();
        String f = "example_" + safe(classes.get(e.getKey())) + ".png";
        SpectrogramPlot.write(
            new SpectrogramPlot.Spec(
                tag + "example: " + classes.get(e.getKey()),
                m.length,
                m[0].length,
                freqs,
                data.features().rowLabel(),
                cols.step(),
                unit,
                cols.first(),
                cols.label()),
            (row, col) -> m[row][(int) col],
            p.resolve(f));
        plots.add(f);
      }
    }
    routing.writeCsv(dir);
    String gates = routing.markdown(tag, classes, !gatePlots.isEmpty());
    RunFiles.writeText(
        dir.resolve("report.md"), markdown(s, spec, data, tr, ev, r, prov, plots, routing, gates));
  }

  static String safe(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
  }

  private static String markdown(
      RunSettings s,
      ModelSpec spec,
      PreparedData data,
      TrainingResult tr,
      EvaluationResult ev,
      RunResult r,
      Map<String, Object> prov,
      List<String> plots,
      RoutingReport routing,
      String gateSections) {
    boolean syn = data.synthetic();
    String tag = tag(syn);
    List<String> classes = data.segments().classNames();
    StringBuilder b = new StringBuilder();
    b.append("# ")
        .append(tag)
        .append("Run ")
        .append(r.name())
        .append(" (seed ")
        .append(r.seed())
        .append(")\n\n");
    if (syn) {
      b.append("**All figures below come from the SYNTHETIC corpus, not from recorded data.**\n\n");
    }
    b.append("- model: `")
        .append(spec.type().key())
        .append("`, backbone `")
        .append(spec.backbone().key())
        .append("`, width ")
        .append(spec.width());
    if (spec.type().hasExperts()) {
      b.append(", ")
          .append(spec.experts())
          .append(" experts, gate `")
          .append(spec.gate().key())
          .append('`');
    }
    b.append("\n- dataset: `")
        .append(s.dataset().type())
        .append("` at `")
        .append(s.dataset().root())
        .append("`, ")
        .append(classes.size())
        .append(" classes, ")
        .append(
            String.format(
                Locale.ROOT,
                "%.1f s segments, %.1f s hop",
                s.dataset().segment().lengthS(),
                s.dataset().segment().hopS()))
        .append("\n- segments: ")
        .append(
            data.segments().indices(Split.TRAIN).length
                + tr.data().indices(Split.VALIDATION).length)
        .append(" train+validation (")
        .append(tr.data().indices(Split.VALIDATION).length)
        .append(" validation), ")
        .append(data.segments().indices(Split.TEST).length)
        .append(" test")
        .append(trainOnlyNote(data))
        .append("\n- input: [")
        .append(data.segments().bins())
        .append("][")
        .append(data.segments().frames())
        .append("] log-mel, ")
        .append(data.features().sampleRate())
        .append(" Hz\n- epochs: ")
        .append(tr.history().size())
        .append(" (best validation epoch ")
        .append(tr.bestEpoch())
        .append(tr.stoppedEarly() ? ", stopped early" : "")
        .append(tr.resumedFromEpoch() > 0 ? ", resumed after epoch " + tr.resumedFromEpoch() : "")
        .append(String.format(Locale.ROOT, "), %.1f s training\n\n", r.trainSeconds()));
    b.append(GateCollapse.markdown(routing.warningMessages()));
    b.append("## ")
        .append(tag)
        .append("Results on the ")
        .append(s.evalSplit())
        .append(" split\n\n");
    b.append("| metric | value |\n|---|---|\n");
    b.append("| segment accuracy | ").append(pct(ev.segmentAccuracy())).append(" |\n");
    b.append("| recording accuracy | ").append(pct(ev.recordingAccuracy())).append(" |\n");
    b.append("| macro-F1 | ").append(pct(ev.macroF1())).append(" |\n");
    if (!Double.isNaN(ev.sizeAccuracy())) {
      b.append("| size-level accuracy | ").append(pct(ev.sizeAccuracy())).append(" |\n");
    }
    b.append(String.format(Locale.ROOT, "| chance (1/C) | %.2f %% |\n", 100.0 / classes.size()));
    b.append("| trainable parameters | ").append(r.params()).append(" |\n");
    b.append("| segments / recordings | ")
        .append(ev.segments())
        .append(" / ")
        .append(ev.recordings())
        .append(" |\n\n");
    b.append("| class | precision | recall | F1 | test segments |\n|---|---|---|---|---|\n");
    for (int c = 0; c < classes.size(); c++) {
      long n = 0;
      for (long v : ev.confusion()[c]) {
        n += v;
      }
      b.append("| ")
          .append(classes.get(c))
          .append(" | ")
          .append(pct(ev.precision()[c]))
          .append(" | ")
          .append(pct(ev.recall()[c]))
          .append(" | ")
          .append(pct(ev.f1()[c]))
          .append(" | ")
          .append(n)
          .append(" |\n");
    }
    b.append('\n');
    if (!ev.gates().isEmpty()) {
      b.append("## ").append(tag).append("Gates\n\n");
      b.append(
          "| task | utilisation per expert | entropy H/log E | load CV | max/mean | dead experts |\n");
      b.append("|---|---|---|---|---|---|\n");
      for (GateDiagnostics g : ev.gates()) {
        StringBuilder u = new StringBuilder();
        for (double v : g.utilisation()) {
          u.append(u.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", v));
        }
        b.append("| ")
            .append(GateCollapse.taskName(g.task()))
            .append(" | ")
            .append(u)
            .append(" | ")
            .append(RunFiles.num(g.meanNormalisedEntropy()))
            .append(" | ")
            .append(RunFiles.num(g.loadCv()))
            .append(" | ")
            .append(RunFiles.num(g.maxOverMean()))
            .append(" | ")
            .append(java.util.Arrays.toString(g.deadExperts()))
            .append(" |\n");
      }
      b.append('\n');
    }
    b.append(gateSections);
    b.append("## ").append(tag).append("Training history\n\n");
    b.append(
        "| epoch | lr | loss | train acc | val loss | val acc | s |\n|---|---|---|---|---|---|---|\n");
    for (EpochMetrics m : tr.history()) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %d | %.2e | %.4f | %s | %.4f | %s | %.1f |\n",
              m.epoch(),
              m.lr(),
              m.trainLoss(),
              pct(m.trainAccuracy()),
              m.valLoss(),
              pct(m.valAccuracy()),
              m.seconds()));
    }
    b.append('\n');
    if (!plots.isEmpty()) {
      b.append("## ").append(tag).append("Plots\n\n");
      for (String p : plots) {
        b.append("![").append(p).append("](plots/").append(p).append(")\n\n");
      }
    }
    b.append("## Provenance\n\n");
    for (Map.Entry<String, Object> e : prov.entrySet()) {
      b.append("- ").append(e.getKey()).append(": `").append(e.getValue()).append("`\n");
    }
    b.append(
        "\nFiles: `config.yaml` (resolved configuration), `provenance.json`, `metrics.csv`,"
            + " `gate_epochs.csv`, `checkpoints/`, `model/`, `predictions.csv`, `evaluation.json`,"
            + " `gates.csv`, `plots/`"
            + (routing.shaft() != null ? ", `" + ShaftRouting.CSV + "`" : "")
            + ".\n");
    return b.toString();
  }

  /** The note naming the classes a vessel-disjoint split keeps in train only, or "". */
  static String trainOnlyNote(PreparedData data) {
    List<String> c = data.splits().trainOnlyClasses();
    return c.isEmpty()
        ? ""
        : "\n- not tested: "
            + String.join(", ", c)
            + " (a single vessel each; the vessel-disjoint split keeps such classes in train only)";
  }

  static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * v);
  }

  /**
   * Writes {@code summary.md} and {@code summary.csv} over the seeds of one configuration.
   *
   * @param name run name
   * @param results one per seed
   * @param synthetic whether the data is synthetic
   * @param dir the configuration's directory
   * @throws IOException when writing fails
   */
  public static void writeSeedSummary(
      String name, List<RunResult> results, boolean synthetic, Path dir) throws IOException {
    String tag = tag(synthetic);
    List<List<String>> rows = new ArrayList<>();
    StringBuilder b = new StringBuilder("# " + tag + name + ": " + results.size() + " seeds\n\n");
    b.append(
        "| seed | params | segment accuracy | recording accuracy | macro-F1 | size accuracy |"
            + " class-gate entropy |\n");
    b.append("|---|---|---|---|---|---|---|\n");
    for (RunResult r : results) {
      b.append("| ")
          .append(r.seed())
          .append(" | ")
          .append(r.params())
          .append(" | ")
          .append(pct(r.segmentAccuracy()))
          .append(" | ")
          .append(pct(r.recordingAccuracy()))
          .append(" | ")
          .append(pct(r.macroF1()))
          .append(" | ")
          .append(pct(r.sizeAccuracy()))
          .append(" | ")
          .append(Stats.meanStd(new double[] {r.classEntropy()}, 1, 3))
          .append(" |\n");
      rows.add(
          List.of(
              tag.trim(),
              name,
              String.valueOf(r.seed()),
              String.valueOf(r.params()),
              RunFiles.num(r.segmentAccuracy()),
              RunFiles.num(r.recordingAccuracy()),
              RunFiles.num(r.macroF1()),
              RunFiles.num(r.sizeAccuracy()),
              RunFiles.num(r.classEntropy())));
    }
    b.append("| mean +- sample std (n - 1) | ")
        .append(SuiteReport.params(results))
        .append(" | ")
        .append(Stats.percent(col(results, 0)))
        .append(" | ")
        .append(Stats.percent(col(results, 1)))
        .append(" | ")
        .append(Stats.percent(col(results, 2)))
        .append(" | ")
        .append(Stats.percent(col(results, 3)))
        .append(" | ")
        .append(
            Stats.meanStd(results.stream().mapToDouble(RunResult::classEntropy).toArray(), 1, 3))
        .append(" |\n");
    RunFiles.writeText(dir.resolve("summary.md"), b.toString());
    RunFiles.writeCsv(
        dir.resolve("summary.csv"),
        List.of(
            "data",
            "name",
            "seed",
            "params",
            "segment_accuracy",
            "recording_accuracy",
            "macro_f1",
            "size_accuracy",
            "class_gate_entropy"),
        rows);
  }

  /** Column of results: 0 segment acc, 1 recording acc, 2 macro-F1, 3 size acc. */
  public static double[] col(List<RunResult> rs, int k) {
    return rs.stream()
        .mapToDouble(
            r ->
                switch (k) {
                  case 0 -> r.segmentAccuracy();
                  case 1 -> r.recordingAccuracy();
                  case 2 -> r.macroF1();
                  default -> r.sizeAccuracy();
                })
        .toArray();
  }
}
