package io.uatr.experiments.report;

import io.uatr.experiments.data.PreparedData;
import io.uatr.training.eval.EvaluationResult;
import io.uatr.training.eval.GateDiagnostics;
import io.uatr.training.eval.Predictions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run's gates did on the evaluated split: collapsed gates ({@link GateCollapse}), hard
 * assignments per true class and expert for every gate, and, on the synthetic corpus, the class
 * gate's expert choice against the vessels' shaft-rate groups ({@link ShaftRouting}).
 *
 * @param run run label (name and seed), as the warnings name it
 * @param split the evaluated split
 * @param warnings the collapsed gates
 * @param gates the gate diagnostics, in task order
 * @param hardByClass per gate, [C][E] segments of each true class whose largest weight is expert i
 * @param shaft the shaft-rate table of the class gate, or null when it does not apply
 * @param shaftNote why the shaft-rate table does not apply ("" when it does, or without gates)
 */
public record RoutingReport(
    String run,
    String split,
    List<GateCollapse.Warning> warnings,
    List<GateDiagnostics> gates,
    List<long[][]> hardByClass,
    ShaftRouting.Table shaft,
    String shaftNote) {

  /**
   * Computes the routing report of an evaluation.
   *
   * @param run run label (name and seed)
   * @param split the evaluated split
   * @param p the predictions with their per-segment gate weights
   * @param ev the evaluation of {@code p}
   * @param data the data (for class count and, when synthetic, the shaft rates)
   * @return the report
   */
  public static RoutingReport of(
      String run, String split, Predictions p, EvaluationResult ev, PreparedData data) {
    int classes = data.segments().numClasses();
    List<long[][]> byClass = new ArrayList<>();
    for (float[][] w : p.gateWeights()) {
      byClass.add(HardAssignments.byGroup(w, p.classLabels(), classes));
    }
    ShaftRouting.Table shaft = null;
    String note = "";
    if (!p.gateWeights().isEmpty()) {
      java.util.Optional<String> skip = ShaftRouting.skipReason(data);
      if (skip.isPresent()) {
        note = skip.get();
      } else {
        shaft =
            ShaftRouting.of(
                p.gateWeights().get(0), p.recordingIds(), ShaftRouting.shaftRates(data));
      }
    }
    return new RoutingReport(
        run, split, GateCollapse.of(ev.gates()), ev.gates(), byClass, shaft, note);
  }

  /** The warning texts, one per collapsed gate. */
  public List<String> warningMessages() {
    return warnings.stream().map(w -> w.message(run, split)).toList();
  }

  /**
   * Writes {@link ShaftRouting#CSV} into the run directory when the shaft table applies.
   *
   * @param dir run directory
   * @throws IOException when writing fails
   */
  public void writeCsv(Path dir) throws IOException {
    if (shaft != null) {
      ShaftRouting.writeCsv(dir.resolve(ShaftRouting.CSV), shaft);
    }
  }

  /**
   * Draws the class x expert heat map of every gate (with each expert's hard-assignment share) and
   * the shaft-rate x expert heat map.
   *
   * @param title title prefix (data tag and run name)
   * @param classes class names
   * @param plots the plots directory
   * @return the file names written, gate maps first
   * @throws IOException when writing fails
   */
  public List<String> plot(String title, List<String> classes, Path plots) throws IOException {
    List<String> files = new ArrayList<>();
    for (GateDiagnostics g : gates) {
      String task = GateCollapse.taskName(g.task());
      String f = gatePlot(g);
      Plots.classByExpert(
          title + ": " + task + " gate, mean weight per class",
          classes,
          g.classByExpert(),
          g.hardCounts(),
          plots.resolve(f));
      files.add(f);
    }
    if (shaft != null) {
      List<String> rows = new ArrayList<>();
      List<double[]> values = new ArrayList<>();
      double[][] shares = HardAssignments.rowShares(shaft.counts());
      for (int i = 0; i < shaft.groups().size(); i++) {
        long n = HardAssignments.rowSum(shaft.counts()[i]);
        if (n > 0) {
          rows.add(shaft.groups().get(i) + " (n=" + n + ")");
          values.add(shares[i]);
        }
      }
      List<String> experts = new ArrayList<>();
      for (int e = 0; e < shaft.counts()[0].length; e++) {
        experts.add("expert " + e);
      }
      Plots.heat(
          title + ": class gate hard assignments by shaft rate (row shares)",
          "expert",
          "true shaft rate",
          experts,
          rows,
          values.toArray(new double[0][]),
          plots.resolve(SHAFT_PLOT));
      files.add(SHAFT_PLOT);
    }
    return files;
  }

  /** File name of the shaft-rate heat map in {@code plots/}. */
  public static final String SHAFT_PLOT = "routing_shaft.png";

  /** File name of a gate's class x expert heat map in {@code plots/}. */
  public static String gatePlot(GateDiagnostics g) {
    return "gates_" + GateCollapse.taskName(g.task()) + ".png";
  }

  /**
   * The report's routing sections: per gate the class x expert table of mean gate weights and hard
   * assignments with each expert's share (beside its heat map when plots are drawn), then the
   * shaft-rate table or the note why there is none.
   *
   * @param tag data tag ({@code "SYNTHETIC "} or "")
   * @param classes class names
   * @param plotted whether the heat maps were drawn
   * @return Markdown, "" for a model without gates
   */
  public String markdown(String tag, List<String> classes, boolean plotted) {
    if (gates.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    b.append("## ").append(tag).append("Routing per class\n\n");
    b.append("Each cell: mean gate weight over the class's ")
        .append(split)
        .append(
            " segments, and in brackets the segments whose largest gate weight is that expert"
                + " (hard assignments). The last rows give each expert's utilisation and its"
                + " share of all hard assignments.\n\n");
    for (int k = 0; k < gates.size(); k++) {
      GateDiagnostics g = gates.get(k);
      b.append("### ").append(GateCollapse.taskName(g.task())).append(" gate\n\n");
      if (plotted) {
        b.append("![").append(gatePlot(g)).append("](plots/").append(gatePlot(g)).append(")\n\n");
      }
      b.append(classTable(g, hardByClass.get(k), classes)).append('\n');
    }
    b.append("## ").append(tag).append("Does routing follow the physics?\n\n");
    if (shaft == null) {
      b.append("No shaft-rate table: ").append(shaftNote).append(".\n\n");
      return b.toString();
    }
    b.append("Class-gate hard assignments of the ")
        .append(split)
        .append(" segments by the vessel's true shaft rate (from the corpus's `meta_info.tsv`,")
        .append(" `shaft_hz`); each cell: segments (share of the row). Bands: lower bound")
        .append(" inclusive, upper exclusive; merchant ships turn at 1-2 Hz, tugs and fishing")
        .append(" vessels at 3-10 Hz, small boats at 15-35 Hz. Also in `")
        .append(ShaftRouting.CSV)
        .append("`.\n\n");
    b.append(ShaftRouting.markdown(shaft)).append('\n');
    if (plotted) {
      b.append("![").append(SHAFT_PLOT).append("](plots/").append(SHAFT_PLOT).append(")\n\n");
    }
    return b.toString();
  }

  private static String classTable(GateDiagnostics g, long[][] hard, List<String> classes) {
    int e = g.utilisation().length;
    StringBuilder b = new StringBuilder("| class | segments |");
    for (int i = 0; i < e; i++) {
      b.append(" expert ").append(i).append(" |");
    }
    b.append("\n|---|---|").append("---|".repeat(e)).append('\n');
    for (int c = 0; c < classes.size(); c++) {
      long n = HardAssignments.rowSum(hard[c]);
      if (n == 0) {
        continue;
      }
      b.append("| ").append(classes.get(c)).append(" | ").append(n).append(" |");
      for (int i = 0; i < e; i++) {
        b.append(String.format(Locale.ROOT, " %.3f (%d) |", g.classByExpert()[c][i], hard[c][i]));
      }
      b.append('\n');
    }
    long total = HardAssignments.rowSum(g.hardCounts());
    b.append("| utilisation (mean weight) | ").append(total).append(" |");
    for (double u : g.utilisation()) {
      b.append(String.format(Locale.ROOT, " %.3f |", u));
    }
    b.append("\n| **share of hard assignments** | ").append(total).append(" |");
    double[] shares = HardAssignments.shares(g.hardCounts());
    for (int i = 0; i < e; i++) {
      b.append(" **").append(countShare(g.hardCounts()[i], shares[i])).append("** |");
    }
    return b.append('\n').toString();
  }

  /** A count with its share in percent, e.g. {@code 12 (41.4 %)}; n/a for a NaN share. */
  static String countShare(long count, double share) {
    return Double.isNaN(share)
        ? count + " (n/a)"
        : String.format(Locale.ROOT, "%d (%.1f %%)", count, 100 * share);
  }
}
