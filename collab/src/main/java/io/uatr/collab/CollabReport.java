package io.uatr.collab;

import io.uatr.experiments.report.Stats;
import io.uatr.experiments.run.RunFiles;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** Writes {@code report.md} of a simulation: the settings table, per party, and the targets. */
public final class CollabReport {

  private CollabReport() {}

  static final List<String> SETTINGS = List.of("centralised", "alone", "collaborative");

  /** Returns the values of a column for one setting (and party, or -1 for all parties). */
  static double[] values(List<ResultRow> rows, String setting, int party, int column) {
    return rows.stream()
        .filter(r -> r.setting().equals(setting) && (party < 0 || r.party() == party))
        .mapToDouble(
            r ->
                switch (column) {
                  case 0 -> r.r().segmentAccuracy();
                  case 1 -> r.r().recordingAccuracy();
                  case 2 -> r.r().parametersHeld();
                  default -> r.r().peakHeapBytes();
                })
        .toArray();
  }

  /** Writes the report. */
  static void write(Simulation.Result res, CollabConfig c, boolean synthetic) throws IOException {
    List<ResultRow> rows = res.rows();
    int n = c.collab().parties();
    StringBuilder b = new StringBuilder();
    String tag = synthetic ? "SYNTHETIC " : "";
    b.append("# ")
        .append(tag)
        .append("collaborative private training (PC-MoE): ")
        .append(c.run().name())
        .append("\n\n");
    if (synthetic) {
      b.append(
          "SYNTHETIC: the corpus is generated; these figures show that the pipeline works, not how"
              + " well real vessels are recognised.\n\n");
    }
    b.append(
        String.format(
            Locale.ROOT,
            "%d parties on %s, seeds %s, each vessel type held by %d parties (training"
                + " recordings dealt among them; each party is tested on every test recording of"
                + " its types). Wall time %.0f s.%n%n",
            n,
            c.collab().host(),
            c.run().seeds(),
            c.collab().partiesPerType(),
            res.seconds()));
    b.append(
        "| setting | segment accuracy | recording accuracy | parameters held | peak heap (MB) |\n");
    b.append("|---|---|---|---|---|\n");
    for (String s : SETTINGS) {
      double[] held = values(rows, s, -1, 2);
      double[] heap = values(rows, s, -1, 3);
      for (int i = 0; i < heap.length; i++) {
        heap[i] /= 1e6;
      }
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %.0f (%.0f %% of the full model) | %s |%n",
              s,
              Stats.meanStd(values(rows, s, -1, 0), 100, 1),
              Stats.meanStd(values(rows, s, -1, 1), 100, 1),
              Stats.mean(held),
              100 * Stats.mean(held) / res.fullParameters(),
              Stats.meanStd(heap, 1, 1)));
    }
    b.append("\nMean ± std over seeds and parties, in %. Per party (recording accuracy, %):\n\n");
    b.append("| party |");
    SETTINGS.forEach(s -> b.append(' ').append(s).append(" |"));
    b.append("\n|---|---|---|---|\n");
    for (int p = 0; p < n; p++) {
      b.append("| ").append(PartyNames.party(p)).append(" |");
      for (String s : SETTINGS) {
        b.append(' ').append(Stats.meanStd(values(rows, s, p, 1), 100, 1)).append(" |");
      }
      b.append('\n');
    }
    double cen = Stats.mean(values(rows, "centralised", -1, 1));
    double col = Stats.mean(values(rows, "collaborative", -1, 1));
    b.append("\n## Targets\n\n");
    b.append(
        String.format(
            Locale.ROOT,
            "- collaborative within 3 points of centralised (recording accuracy): %.1f vs %.1f"
                + " -> %s%n",
            100 * col,
            100 * cen,
            cen - col <= 0.03 ? "met" : "NOT met"));
    boolean above = true;
    for (int p = 0; p < n; p++) {
      above &=
          Stats.mean(values(rows, "collaborative", p, 1)) > Stats.mean(values(rows, "alone", p, 1));
    }
    b.append("- collaborative above every party alone (mean over seeds): ")
        .append(above ? "met" : "NOT met")
        .append('\n');
    double frac = Stats.mean(values(rows, "collaborative", -1, 2)) / res.fullParameters();
    b.append(
        String.format(
            Locale.ROOT,
            "- parameters held per party at most 60 %% of the full model's: %.0f %% -> %s%n",
            100 * frac,
            frac <= 0.6 ? "met" : "NOT met"));
    if (!res.attacks().isEmpty()) {
      b.append("\n## Reconstruction attack\n\n");
      b.append(
          "An honest-but-curious expert host (party-1) fits a linear ridge decoder from"
              + " representations of its own training segments to their spectrograms and applies"
              + " it to what it would receive from party-0: the expert-layer activations of the"
              + " party-0 segments routed to an expert it hosts (final models). References: the"
              + " same attack on raw features and on the first conv layer's output. MSE per"
              + " spectrogram cell (segments are normalised, so the mean spectrogram scores about"
              + " 1); correlation = mean per-segment Pearson r; residual correlation = the same after"
              + " subtracting the attacker's mean spectrogram from reconstruction and truth (what"
              + " is specific to each victim segment). The attacker picks its ridge penalty on a"
              + " hold-out of its own data. Mean ± std over seeds.\n\n");
      b.append(
          "| attacker sees | MSE | correlation | residual correlation | segments |\n"
              + "|---|---|---|---|---|\n");
      List<String> names =
          res.attacks().stream().map(a -> a.f().representation()).distinct().toList();
      for (String name : names) {
        double[] mse =
            res.attacks().stream()
                .filter(a -> a.f().representation().equals(name))
                .mapToDouble(a -> a.f().mse())
                .toArray();
        double[] cor =
            res.attacks().stream()
                .filter(a -> a.f().representation().equals(name))
                .mapToDouble(a -> a.f().correlation())
                .toArray();
        double[] res2 =
            res.attacks().stream()
                .filter(a -> a.f().representation().equals(name))
                .mapToDouble(a -> a.f().residualCorrelation())
                .toArray();
        double[] segs =
            res.attacks().stream()
                .filter(a -> a.f().representation().equals(name))
                .mapToDouble(a -> a.f().segments())
                .toArray();
        b.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %.0f |%n",
                name,
                Stats.meanStd(mse, 1, 3),
                Stats.meanStd(cor, 1, 3),
                Stats.meanStd(res2, 1, 3),
                Stats.mean(segs)));
      }
    }
    b.append(
        "\nPeak heap: Java heap in use, sampled every 10 ms in the process that trained (after a"
            + " garbage collection at the start); model tensors live in PyTorch's native memory"
            + " and are not included. Centralised ran in the coordinator process, which holds"
            + " the whole data set.\n");
    RunFiles.writeText(res.dir().resolve("report.md"), b.toString());
  }
}
