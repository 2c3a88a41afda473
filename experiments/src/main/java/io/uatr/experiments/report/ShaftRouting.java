package io.uatr.experiments.report;

import io.uatr.datasets.Recording;
import io.uatr.experiments.data.DataBuilder;
import io.uatr.experiments.data.PreparedData;
import io.uatr.experiments.run.RunFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Expert choice of the class gate against the vessel's true shaft rate (synthetic corpus only,
 * whose {@code meta_info.tsv} records each recording's {@code shaft_hz}; the loader keeps it in
 * {@link Recording#metadata()}).
 *
 * <p>Shaft rates are grouped into {@link #BANDS}, lower bound inclusive, upper bound exclusive:
 * below 2 Hz (large merchant ships, 1-2 Hz), 2-5 Hz and 5-10 Hz (tugs, fishing vessels, 3-10 Hz),
 * 10-20 Hz, and 20 Hz and above (small fast boats, 15-35 Hz). A recording without a shaft rate
 * (natural ambient noise) goes to {@link #NO_SHAFT}. A gate that follows the physics sends each
 * band mostly to its own experts.
 */
public final class ShaftRouting {
  /** Upper bounds (exclusive) of the shaft-rate bands in Hz; the last band is open. */
  public static final double[] BANDS = {2, 5, 10, 20};

  /** Group of the recordings without a shaft rate (natural ambient noise). */
  public static final String NO_SHAFT = "no shaft (ambient)";

  /** Metadata key of the shaft rate in Hz. */
  public static final String SHAFT_KEY = "shaft_hz";

  /** File of the table in a run directory. */
  public static final String CSV = "routing_shaft.csv";

  /**
   * The table: segment counts of hard class-gate assignments per shaft-rate group and expert.
   *
   * @param groups group names ({@link #groupNames()})
   * @param counts [G][E] segment counts
   */
  public record Table(List<String> groups, long[][] counts) {
    /** Number of segments counted. */
    public long total() {
      long n = 0;
      for (long[] row : counts) {
        n += HardAssignments.rowSum(row);
      }
      return n;
    }
  }

  private ShaftRouting() {}

  /** Group names: the bands in Hz, then {@link #NO_SHAFT}. */
  public static List<String> groupNames() {
    List<String> g = new ArrayList<>();
    g.add(String.format(Locale.ROOT, "< %.0f Hz", BANDS[0]));
    for (int i = 1; i < BANDS.length; i++) {
      g.add(String.format(Locale.ROOT, "%.0f-%.0f Hz", BANDS[i - 1], BANDS[i]));
    }
    g.add(String.format(Locale.ROOT, ">= %.0f Hz", BANDS[BANDS.length - 1]));
    g.add(NO_SHAFT);
    return g;
  }

  /**
   * The group index of a shaft rate.
   *
   * @param shaftHz shaft rate in Hz, NaN when the recording has none
   * @return index into {@link #groupNames()}
   */
  public static int group(double shaftHz) {
    if (Double.isNaN(shaftHz)) {
      return BANDS.length + 1;
    }
    int g = 0;
    while (g < BANDS.length && shaftHz >= BANDS[g]) {
      g++;
    }
    return g;
  }

  /**
   * The shaft rate of every recording of the data that has one, keyed by the segments' recording ID
   * ({@link DataBuilder#recordingId}).
   *
   * @param data the data
   * @return recording ID to shaft rate in Hz; empty when no recording has one
   */
  public static Map<String, Double> shaftRates(PreparedData data) {
    Map<String, Double> out = new LinkedHashMap<>();
    List<Recording> all = new ArrayList<>(data.splits().train());
    all.addAll(data.splits().test());
    for (Recording r : all) {
      String v = r.metadata().get(SHAFT_KEY);
      if (v != null) {
        try {
          out.put(DataBuilder.recordingId(r), Double.parseDouble(v));
        } catch (NumberFormatException e) {
          // not a number (e.g. "N.A."): the recording has no shaft rate
        }
      }
    }
    return out;
  }

  /**
   * Counts the hard assignments of the class gate per shaft-rate group.
   *
   * @param classGate [N][E] class-gate weights of the evaluated segments
   * @param recordingIds [N] recording of each segment
   * @param shaftRates recording ID to shaft rate (a recording missing here has no shaft)
   * @return the table
   */
  public static Table of(
      float[][] classGate, String[] recordingIds, Map<String, Double> shaftRates) {
    List<String> names = groupNames();
    int[] group = new int[recordingIds.length];
    for (int i = 0; i < group.length; i++) {
      group[i] = group(shaftRates.getOrDefault(recordingIds[i], Double.NaN));
    }
    return new Table(names, HardAssignments.byGroup(classGate, group, names.size()));
  }

  /**
   * Whether the table applies: synthetic data whose recordings carry a shaft rate.
   *
   * @param data the data
   * @return the reason it does not apply, or empty when it does
   */
  public static Optional<String> skipReason(PreparedData data) {
    if (!data.synthetic()) {
      return Optional.of("not synthetic data (the true shaft rate is only known for the corpus)");
    }
    if (shaftRates(data).isEmpty()) {
      return Optional.of("the corpus metadata has no `" + SHAFT_KEY + "` column");
    }
    return Optional.empty();
  }

  /**
   * Writes the table as CSV: group, segments, then per expert the count ({@code expert_i}) and the
   * row share ({@code share_i}).
   *
   * @param file target file
   * @param t the table
   * @throws IOException when writing fails
   */
  public static void writeCsv(Path file, Table t) throws IOException {
    int e = t.counts().length == 0 ? 0 : t.counts()[0].length;
    List<String> header = new ArrayList<>(List.of("shaft_group", "segments"));
    for (int i = 0; i < e; i++) {
      header.add("expert_" + i);
    }
    for (int i = 0; i < e; i++) {
      header.add("share_" + i);
    }
    double[][] shares = HardAssignments.rowShares(t.counts());
    List<List<String>> rows = new ArrayList<>();
    for (int g = 0; g < t.groups().size(); g++) {
      List<String> r = new ArrayList<>();
      r.add(t.groups().get(g));
      r.add(String.valueOf(HardAssignments.rowSum(t.counts()[g])));
      for (long v : t.counts()[g]) {
        r.add(String.valueOf(v));
      }
      for (double v : shares[g]) {
        r.add(RunFiles.num(v));
      }
      rows.add(r);
    }
    RunFiles.writeCsv(file, header, rows);
  }

  /**
   * The table in Markdown: one row per group, each cell "count (row share)".
   *
   * @param t the table
   * @return the table
   */
  public static String markdown(Table t) {
    int e = t.counts().length == 0 ? 0 : t.counts()[0].length;
    StringBuilder b = new StringBuilder("| shaft rate | segments |");
    for (int i = 0; i < e; i++) {
      b.append(" expert ").append(i).append(" |");
    }
    b.append("\n|---|---|").append("---|".repeat(e)).append('\n');
    double[][] shares = HardAssignments.rowShares(t.counts());
    for (int g = 0; g < t.groups().size(); g++) {
      b.append("| ")
          .append(t.groups().get(g))
          .append(" | ")
          .append(HardAssignments.rowSum(t.counts()[g]))
          .append(" |");
      for (int j = 0; j < e; j++) {
        b.append(' ').append(RoutingReport.countShare(t.counts()[g][j], shares[g][j])).append(" |");
      }
      b.append('\n');
    }
    return b.toString();
  }
}
