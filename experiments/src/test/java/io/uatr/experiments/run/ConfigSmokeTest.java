package io.uatr.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.experiments.config.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every shipped experiment config for one epoch on tiny data (a fake ShipsEar copy with the
 * real IDs and type names, a fake DeepShip sample, a folder collection, a tiny synthetic corpus)
 * and checks the files each run and suite writes.
 */
class ConfigSmokeTest {
  @TempDir static Path tmp;
  static Path shipsear;
  static Path cache;

  @BeforeAll
  static void data() throws IOException {
    shipsear = Fixtures.fakeShipsEar(tmp.resolve("shipsear"));
    cache = tmp.resolve("cache");
  }

  @Test
  void everyExperimentConfigHasASmokeTest() throws IOException {
    List<String> names;
    try (Stream<Path> s = Files.list(Fixtures.repo().resolve("configs/experiments"))) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(
        List.of(
            "custom.yaml",
            "deepship.yaml",
            "shipsear-12class-vessels.yaml",
            "shipsear-12class.yaml",
            "shipsear-5class.yaml",
            "shipsear-9class-vessels.yaml",
            "shipsear-9class.yaml",
            "synthetic-collab.yaml", // smoke-tested in collab: io.uatr.collab.SimulateSmokeTest
            "synthetic-demo.yaml",
            "synthetic-demonet-physics.yaml",
            "synthetic-demonet.yaml"),
        names,
        "a new config needs a smoke test here");
  }

  @Test
  void shipsear9() throws IOException {
    smoke("shipsear-9class.yaml", List.of("dataset.root=" + shipsear, "seeds=[1]"), 9, 6);
  }

  @Test
  void shipsear9Vessels() throws IOException {
    Path out =
        smoke(
            "shipsear-9class-vessels.yaml", List.of("dataset.root=" + shipsear, "seeds=[1]"), 9, 6);
    assertTrue(
        Files.readString(out.resolve("m3/report.md")).contains("not tested: Dredger"),
        "the run report names the single-vessel class");
  }

  @Test
  void shipsear12Vessels() throws IOException {
    Path out =
        smoke(
            "shipsear-12class-vessels.yaml",
            List.of("dataset.root=" + shipsear, "seeds=[1]"),
            12,
            6);
    assertTrue(
        Files.readString(out.resolve("m3/report.md"))
            .contains("not tested: Dredger, Pilot ship, Trawler"));
  }

  @Test
  void shipsear12() throws IOException {
    smoke("shipsear-12class.yaml", List.of("dataset.root=" + shipsear, "seeds=[1]"), 12, 6);
  }

  @Test
  void shipsear5() throws IOException {
    smoke("shipsear-5class.yaml", List.of("dataset.root=" + shipsear, "seeds=[1]"), 5, 6);
  }

  @Test
  void deepship() throws IOException {
    Path ds = Fixtures.fakeDeepShip(tmp.resolve("deepship"));
    List<String> sets = new ArrayList<>(List.of("dataset.root=" + ds, "seeds=[1]"));
    sets.addAll(tinyRouter("suite.variants.demonet.features.router"));
    smoke("deepship.yaml", sets, 4, 7);
  }

  @Test
  void custom() throws IOException {
    Path root = Fixtures.fakeFolders(tmp.resolve("folders"));
    smoke(
        "custom.yaml",
        List.of(
            "dataset.root=" + root,
            "dataset.size_levels=[small, large]",
            "dataset.class_sizes.Alpha=0",
            "dataset.class_sizes.Bravo=1",
            "dataset.class_sizes.Charlie=1"),
        3,
        2);
  }

  @Test
  void syntheticDemo() throws IOException {
    List<String> sets = new ArrayList<>(Fixtures.tinySynth(tmp.resolve("synth")));
    sets.add("seeds=[1]");
    sets.addAll(tinyRouter("suite.variants.demonet.features.router"));
    Path out = smoke("synthetic-demo.yaml", sets, 9, 6);
    String table = Files.readString(out.resolve("results.md"));
    assertTrue(table.contains("SYNTHETIC"), table);
    assertTrue(Files.readString(out.resolve("report.md")).startsWith("# SYNTHETIC Suite"));
    assertTrue(
        Files.readString(out.resolve("m3/report.md")).startsWith("# SYNTHETIC Run"),
        "run report title is labelled");
  }

  /** DEMON views that fit the tiny 1 s segments: 0.5 s windows every 0.25 s (3 views). */
  static List<String> tinyRouter(String key) {
    return List.of(key + ".window_seconds=0.5", key + ".hop_seconds=0.25");
  }

  @Test
  void syntheticDemonet() throws Exception {
    Path root = tmp.resolve("synth-demonet");
    List<String> sets = new ArrayList<>(Fixtures.tinySynth(root));
    sets.add("seeds=[1]");
    sets.addAll(tinyRouter("features.router"));
    Path out = smoke("synthetic-demonet.yaml", sets, 9, 7);
    assertTrue(Files.readString(out.resolve("results.md")).contains("SYNTHETIC"));
    List<List<String>> cmp = RunFiles.readCsv(out.resolve("comparisons.csv"));
    assertTrue(cmp.stream().skip(1).allMatch(r -> r.get(1).equals("demonet")), cmp.toString());
    for (String v :
        List.of("demonet", "demonet_raw", "demonet_plain_vae", "demonet_joint", "demonet_mlp")) {
      Path dir = out.resolve(v);
      List<List<String>> phys = RunFiles.readCsv(dir.resolve("demon_physics.csv"));
      assertTrue(Integer.parseInt(phys.get(1).get(0)) > 0, v + ": physics check counted nothing");
      assertTrue(Files.readString(dir.resolve("report.md")).contains("DEMON physics check"));
      assertTrue(
          Files.isRegularFile(dir.resolve(io.uatr.experiments.report.ShaftRouting.CSV)),
          v + ": routing check");
    }
    assertTrue(!Files.exists(out.resolve("m3/demon_physics.csv")));
    DemonetBundleCheck.predictMatchesTheRun(out.resolve("demonet"), root);
  }

  @Test
  void syntheticDemonetPhysics() throws Exception {
    Path root = tmp.resolve("synth-demonet-physics");
    List<String> sets = new ArrayList<>(Fixtures.tinySynth(root));
    sets.add("seeds=[1]");
    sets.addAll(tinyRouter("features.router"));
    Path out = smoke("synthetic-demonet-physics.yaml", sets, 9, 4);
    for (String v : List.of("mlp", "mlp_plain", "conv", "conv_plain")) {
      List<List<String>> phys = RunFiles.readCsv(out.resolve(v).resolve("demon_physics.csv"));
      assertTrue(Integer.parseInt(phys.get(1).get(0)) > 0, v + ": physics check counted nothing");
      assertTrue(!phys.get(1).get(2).isEmpty(), v + ": no reconstruction count");
      assertEquals(List.of("segment", "view"), List.of(phys.get(1).get(5), phys.get(2).get(5)));
      int segs = Integer.parseInt(phys.get(1).get(0));
      int views = Integer.parseInt(phys.get(2).get(0));
      assertTrue(views > segs && views % segs == 0, v + ": views " + views + ", segs " + segs);
    }
  }

  static Path smoke(String config, List<String> extra, int classes, int variants)
      throws IOException {
    Path out = tmp.resolve("runs-" + config.replace(".yaml", ""));
    List<String> sets = Fixtures.tiny(cache);
    sets.addAll(extra);
    sets.add("output.dir=" + out);
    ConfigSource src =
        Fixtures.load(Fixtures.repo().resolve("configs/experiments/" + config), sets);
    SuiteRunner.Suite suite = SuiteRunner.parse(src, "smoke");
    assertEquals(variants, suite.variants().size());
    Map<String, List<RunResult>> results = SuiteRunner.run(suite, new ExperimentRunner());
    assertEquals(variants, results.size());
    for (SuiteRunner.Variant v : suite.variants()) {
      Path dir = v.settings().outputDir();
      for (String f :
          List.of(
              "config.yaml",
              "provenance.json",
              "metrics.csv",
              "predictions.csv",
              Outputs.RECORDING_PREDICTIONS,
              "evaluation.json",
              "report.md",
              "result.json",
              "model/bundle.yaml",
              "model/model-0000.params",
              "plots/training_curves.png",
              "plots/confusion.png")) {
        assertTrue(Files.isRegularFile(dir.resolve(f)), dir.resolve(f) + " missing");
      }
      Map<String, Object> ev = RunFiles.readJson(dir.resolve("evaluation.json"));
      // a fixed key order, so that reruns write byte-identical files
      String evText = Files.readString(dir.resolve("evaluation.json"));
      int precision = evText.indexOf("\"precision\"");
      assertTrue(
          precision > 0
              && precision < evText.indexOf("\"recall\"", precision)
              && evText.indexOf("\"recall\"", precision) < evText.indexOf("\"f1\"", precision),
          "per-class metrics not in the order precision, recall, f1");
      assertEquals(classes, ((List<?>) ev.get("confusion")).size());
      long predictionRows = Files.readAllLines(dir.resolve("predictions.csv")).size() - 1;
      assertEquals(((Number) ev.get("segments")).longValue(), predictionRows);
      List<List<String>> recs = RunFiles.readCsv(dir.resolve(Outputs.RECORDING_PREDICTIONS));
      assertEquals(((Number) ev.get("recordings")).intValue(), recs.size() - 1);
      long right = recs.stream().skip(1).filter(r -> r.get(3).equals("1")).count();
      assertEquals(
          ((Number) ev.get("recording_accuracy")).doubleValue(),
          right / (double) (recs.size() - 1),
          1e-9);
      List<List<String>> metrics = RunFiles.readCsv(dir.resolve("metrics.csv"));
      assertEquals(2, metrics.size(), "header and one epoch");
      if (v.settings().modelSpec(classes, 4).type().hasExperts()) {
        assertTrue(Files.isRegularFile(dir.resolve("gates.csv")));
        assertTrue(Files.isRegularFile(dir.resolve("plots/gates_class.png")));
        assertTrue(Files.isRegularFile(dir.resolve("plots/gate_entropy.png")));
      }
    }
    List<List<String>> table = RunFiles.readCsv(out.resolve("results.csv"));
    assertEquals(variants + 1, table.size());
    int params = table.get(0).indexOf("params");
    for (List<String> row : table.subList(1, table.size())) {
      assertTrue(Long.parseLong(row.get(params)) > 0, row.toString());
    }
    if (variants > 1) {
      List<List<String>> cmp = RunFiles.readCsv(out.resolve("comparisons.csv"));
      assertEquals(variants, cmp.size(), "header and one row per variant but the reference");
      String ref = suite.reference();
      assertTrue(cmp.stream().skip(1).allMatch(r -> r.get(1).equals(ref)));
      assertTrue(
          Files.readString(out.resolve("report.md")).contains("Paired comparison with " + ref));
    }
    assertTrue(Files.isRegularFile(out.resolve("results.md")));
    assertTrue(Files.isRegularFile(out.resolve("report.md")));
    assertTrue(Files.isRegularFile(out.resolve("accuracy.png")));
    return out;
  }
}
