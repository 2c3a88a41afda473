package io.uatr.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.experiments.run.Outputs;
import io.uatr.experiments.run.RunFiles;
import io.uatr.experiments.run.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonsTest {
  @TempDir Path tmp;

  /**
   * A finished run whose recording_predictions.csv marks the given recordings (1 right, 0 wrong).
   */
  private RunResult run(String variant, long seed, Map<String, Integer> correct)
      throws IOException {
    Path dir = tmp.resolve(variant + "/seed-" + seed);
    if (correct != null) {
      List<List<String>> rows = new ArrayList<>();
      for (Map.Entry<String, Integer> e : correct.entrySet()) {
        rows.add(List.of(e.getKey(), "A", e.getValue() == 1 ? "A" : "B", e.getValue() + ""));
      }
      RunFiles.writeCsv(
          dir.resolve(Outputs.RECORDING_PREDICTIONS),
          List.of("recording", "true", "predicted", "correct"),
          rows);
    }
    Files.createDirectories(dir);
    return new RunResult(
        variant,
        "m3",
        seed,
        dir.toString(),
        "h",
        0.5,
        0.5,
        0.5,
        Double.NaN,
        Double.NaN,
        1,
        0,
        1,
        false,
        100);
  }

  private static Map<String, Integer> rec(String ids, int... c) {
    Map<String, Integer> m = new LinkedHashMap<>();
    String[] s = ids.split(",");
    for (int i = 0; i < s.length; i++) {
      m.put(s[i], c[i]);
    }
    return m;
  }

  @Test
  void pairsSeedsByValueAndRecordingsById() throws IOException {
    Map<String, List<RunResult>> results = new LinkedHashMap<>();
    results.put(
        "m3",
        List.of(
            run("m3", 1, rec("A,B,C,D", 1, 1, 0, 0)), run("m3", 2, rec("A,B,C,D", 1, 0, 0, 1))));
    // b has an unpaired seed 3 and an extra recording E: both are left out
    results.put(
        "b",
        List.of(
            run("b", 2, rec("D,C,B,A", 0, 1, 1, 1)),
            run("b", 1, rec("A,B,C,D,E", 1, 1, 1, 1, 0)),
            run("b", 3, rec("A,B,C,D", 0, 0, 0, 0))));
    List<Comparisons.Row> rows = Comparisons.compare(results, "m3");
    assertEquals(1, rows.size());
    PairedBootstrap.Interval i = rows.get(0).interval();
    // seed 1: d = 0, 0, 1, 1; seed 2: d = 0, 1, 1, -1 -> sum 3 over 8 pairs
    assertEquals(0.375, i.mean(), 1e-12);
    assertEquals(2, i.seeds());
    assertEquals(4, i.recordings());
    // the same tables laid out by hand in recording order A..D, seeds 1, 2
    PairedBootstrap.Interval direct =
        PairedBootstrap.difference(
            new int[][] {{1, 1, 1, 1}, {1, 1, 1, 0}},
            new int[][] {{1, 1, 0, 0}, {1, 0, 0, 1}},
            10_000,
            1,
            0.95);
    assertEquals(direct.low(), i.low(), 1e-12);
    assertEquals(direct.high(), i.high(), 1e-12);
    assertEquals(
        0,
        i.low(),
        1e-12,
        "per-recording means 0, 0.5, 1, 0: all four drawn from the zeros has probability 1/16");
    assertEquals("no significant difference", rows.get(0).verdict());

    Path csv = tmp.resolve("comparisons.csv");
    Comparisons.writeCsv(csv, rows);
    List<List<String>> t = RunFiles.readCsv(csv);
    assertEquals(
        List.of(
            "variant",
            "reference",
            "mean_difference",
            "ci_low",
            "ci_high",
            "n_seeds",
            "n_recordings",
            "verdict"),
        t.get(0));
    assertEquals("b", t.get(1).get(0));
    assertEquals("m3", t.get(1).get(1));
    assertEquals("0.3750", t.get(1).get(2));
    assertEquals("2", t.get(1).get(5));
    assertEquals("4", t.get(1).get(6));
    String md = Comparisons.markdown(rows, "m3");
    assertTrue(md.contains("| b | m3 | +37.50 | [+0.00, "), md);
    assertTrue(md.contains("cluster bootstrap over test recordings"), md);
  }

  @Test
  void aRunWithoutRecordingPredictionsGivesNoInterval() throws IOException {
    Map<String, List<RunResult>> results = new LinkedHashMap<>();
    results.put("m3", List.of(run("m3", 1, rec("A", 1))));
    results.put("old", List.of(run("old", 1, null)));
    Comparisons.Row r = Comparisons.compare(results, "m3").get(0);
    assertNull(r.interval());
    assertTrue(r.verdict().startsWith("n/a"), r.verdict());
  }
}
