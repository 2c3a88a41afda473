package io.uatr.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.experiments.config.ConfigSource;
import io.uatr.experiments.report.GateCollapse;
import io.uatr.experiments.report.ShaftRouting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routing sections of a tiny M3 run on the synthetic corpus. */
class RoutingReportTest {
  @TempDir static Path tmp;
  static Path run;
  static Path corpus;

  @BeforeAll
  static void trainOnce() throws IOException {
    Path config = tmp.resolve("run.yaml");
    Files.writeString(
        config,
        "extends: "
            + Fixtures.repo().resolve("configs/datasets/synthetic.yaml")
            + "\nname: tiny\nseed: 1\nmodel:\n  type: m3\n  experts: 3\n");
    corpus = tmp.resolve("synth");
    List<String> sets = Fixtures.tiny(tmp.resolve("cache"));
    sets.addAll(Fixtures.tinySynth(corpus));
    ConfigSource src = Fixtures.load(config, sets);
    run = tmp.resolve("run");
    new ExperimentRunner().run(RunSettings.from(src, "x"), src, run);
  }

  @Test
  void shaftTableCountsEveryTestSegmentByItsRecordingsShaftRate() throws IOException {
    Map<String, Double> shaft = new HashMap<>();
    List<List<String>> meta = readTsv(corpus.resolve("meta_info.tsv"));
    int ids = meta.get(0).indexOf("ids");
    int hz = meta.get(0).indexOf("shaft_hz");
    for (List<String> row : meta.subList(1, meta.size())) {
      if (!row.get(hz).equals("N.A.")) {
        shaft.put(row.get(ids), Double.parseDouble(row.get(hz)));
      }
    }
    List<List<String>> preds = RunFiles.readCsv(run.resolve("predictions.csv"));
    long[] expected = new long[ShaftRouting.groupNames().size()];
    for (List<String> p : preds.subList(1, preds.size())) {
      Double v = shaft.get(p.get(0));
      // independent banding: < 2, 2-5, 5-10, 10-20, >= 20 Hz, none
      int g = v == null ? 5 : v < 2 ? 0 : v < 5 ? 1 : v < 10 ? 2 : v < 20 ? 3 : 4;
      expected[g]++;
    }
    List<List<String>> csv = RunFiles.readCsv(run.resolve(ShaftRouting.CSV));
    assertEquals(
        List.of("shaft_group", "segments", "expert_0", "expert_1", "expert_2"),
        csv.get(0).subList(0, 5));
    assertEquals(1 + expected.length, csv.size());
    long total = 0;
    for (int g = 0; g < expected.length; g++) {
      List<String> row = csv.get(g + 1);
      assertEquals(ShaftRouting.groupNames().get(g), row.get(0));
      long n = Long.parseLong(row.get(1));
      long sum = 0;
      for (int e = 0; e < 3; e++) {
        sum += Long.parseLong(row.get(2 + e));
      }
      assertEquals(expected[g], n, "segments of group " + row.get(0));
      assertEquals(n, sum, "experts of group " + row.get(0));
      total += sum;
    }
    assertEquals(preds.size() - 1, total, "every test segment counted once");
    assertTrue(expected[5] > 0 && expected[0] + expected[4] > 0, "ambient and vessels tested");
  }

  @Test
  void reportShowsRoutingAndWarnsExactlyWhenAGateCollapsed() throws IOException {
    String md = Files.readString(run.resolve("report.md"));
    assertTrue(md.contains("## SYNTHETIC Routing per class"), md);
    assertTrue(md.contains("### class gate\n\n![gates_class.png](plots/gates_class.png)"), md);
    assertTrue(md.contains("### size gate"), md);
    assertTrue(md.contains("| **share of hard assignments** |"), md);
    assertTrue(md.contains("## SYNTHETIC Does routing follow the physics?"), md);
    assertTrue(md.contains("| shaft rate | segments | expert 0 | expert 1 | expert 2 |"), md);
    assertTrue(Files.size(run.resolve("plots/" + "routing_shaft.png")) > 1000);
    assertTrue(Files.size(run.resolve("plots/gates_class.png")) > 1000);
    List<GateCollapse.Warning> w =
        GateCollapse.fromEvaluation(RunFiles.readJson(run.resolve("evaluation.json")));
    for (GateCollapse.Warning x : w) {
      assertTrue(md.contains("> **Warning**: " + x.message("tiny seed 1", "test")), md);
    }
    assertEquals(w.size(), md.split("> \\*\\*Warning\\*\\*", -1).length - 1, md);
  }

  private static List<List<String>> readTsv(Path f) throws IOException {
    return Files.readAllLines(f).stream().map(l -> List.of(l.split("\t", -1))).toList();
  }
}
