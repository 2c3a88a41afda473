package io.uatr.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.config.ConfigException;
import io.uatr.experiments.config.ConfigLoader;
import io.uatr.experiments.config.ConfigSource;
import io.uatr.experiments.report.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed configuration: errors name key path, file and line; suites; statistics. */
class RunSettingsTest {
  @TempDir Path tmp;

  private Path write(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static final String BASE =
      "dataset:\n  type: synthetic\n  root: corpus\nfeatures:\n  sr: 16000\n  n_mels: 32\n";

  @Test
  void unknownTrainingKeyNamesPathFileAndLine() throws IOException {
    Path f = write("a.yaml", BASE + "training:\n  epochs: 3\n  epochz: 4\n");
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> RunSettings.from(ConfigLoader.load(f, List.of()), "a"));
    assertEquals("training.epochz", e.keyPath());
    assertTrue(e.getMessage().contains("a.yaml, line 9"), e.getMessage());
  }

  @Test
  void badValueInABaseFileNamesTheBaseFile() throws IOException {
    write("base.yaml", BASE + "model:\n  experts: 0\n");
    Path f = write("child.yaml", "extends: base.yaml\nseed: 2\n");
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> RunSettings.from(ConfigLoader.load(f, List.of()), "c"));
    assertEquals("model.experts", e.keyPath());
    assertTrue(e.getMessage().contains("base.yaml, line 8"), e.getMessage());
  }

  @Test
  void overridesAndDefaults() throws IOException {
    Path f = write("a.yaml", BASE + "seeds: [1, 2, 3]\n");
    RunSettings s =
        RunSettings.from(
            ConfigLoader.load(f, List.of("features.n_mels=48", "training.epochs=7")), "a");
    assertEquals(List.of(1L, 2L, 3L), s.seeds());
    assertEquals(48, s.features().resolved().get("n_mels"));
    assertEquals(7, s.training().epochs());
    assertEquals(Path.of("runs/a"), s.outputDir());
    assertEquals("test", s.evalSplit());
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> RunSettings.from(ConfigLoader.load(f, List.of("features.n_mels=0")), "a"));
    assertEquals("features.n_mels", e.keyPath());
    assertTrue(e.getMessage().contains("--set features.n_mels=0"), e.getMessage());
  }

  @Test
  void unknownSectionAndDatasetTypeAreRejected() throws IOException {
    Path f = write("a.yaml", BASE + "trainng:\n  epochs: 3\n");
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> RunSettings.from(ConfigLoader.load(f, List.of()), "a"));
    assertEquals("trainng", e.keyPath());
    Path g = write("b.yaml", "dataset:\n  type: shipsearr\n  root: x\n");
    e =
        assertThrows(
            ConfigException.class, () -> RunSettings.from(ConfigLoader.load(g, List.of()), "b"));
    assertEquals("dataset.type", e.keyPath());
    assertTrue(e.getMessage().contains("b.yaml, line 2"), e.getMessage());
  }

  @Test
  void suiteVariantsMergeOverTheBaseAndNameTheirLines() throws IOException {
    Path f =
        write(
            "s.yaml",
            BASE
                + "name: s\nmodel:\n  type: m3\n  experts: 3\nsuite:\n  variants:\n"
                + "    m3: {}\n    single:\n      model: {type: single_task, size_head: none}\n"
                + "    broken:\n      model:\n        gate: nope\n");
    ConfigSource src = ConfigLoader.load(f, List.of());
    ConfigException e = assertThrows(ConfigException.class, () -> SuiteRunner.parse(src, "s"));
    assertEquals("model.gate", e.keyPath());
    assertTrue(e.getMessage().contains("variant broken"), e.getMessage());
    assertTrue(e.getMessage().contains("s.yaml, line 18"), e.getMessage());
    Path ok =
        write(
            "t.yaml", Files.readString(f).replace("        gate: nope\n", "        experts: 5\n"));
    SuiteRunner.Suite suite = SuiteRunner.parse(ConfigLoader.load(ok, List.of()), "t");
    assertEquals(3, suite.variants().size());
    assertEquals(Path.of("runs/s/single"), suite.variants().get(1).settings().outputDir());
    assertEquals("single_task", suite.variants().get(1).settings().model().get("type"));
    assertEquals(3, suite.variants().get(0).settings().model().get("experts"));
    assertEquals(5, suite.variants().get(2).settings().model().get("experts"));
    assertEquals("m3", suite.variants().get(2).settings().model().get("type"));
  }

  @Test
  void variantNamesThatCouldLeaveTheOutputDirectoryAreConfigErrors() throws IOException {
    String[] bad = {"../escape", "..", ".", "a/b", "x..y", "'with space'", "''", "/abs", "é"};
    for (String name : bad) {
      Path f =
          write(
              "v.yaml",
              BASE
                  + "name: s\noutput:\n  dir: out/s\nmodel:\n  type: m3\nsuite:\n  variants:\n"
                  + "    ok: {}\n    "
                  + name
                  + ": {}\n");
      ConfigSource src = ConfigLoader.load(f, List.of());
      String key = "suite.variants." + name.replace("'", "");
      ConfigException e = assertThrows(ConfigException.class, () -> SuiteRunner.parse(src, "s"));
      assertEquals(key, e.keyPath(), name);
      assertTrue(e.getMessage().startsWith(key + ": a variant name must match"), e.getMessage());
      assertTrue(e.getMessage().contains("v.yaml, line 15"), e.getMessage());
    }
    Path good =
        write(
            "g.yaml",
            BASE
                + "name: s\noutput:\n  dir: out/s\nmodel:\n  type: m3\nsuite:\n  variants:\n"
                + "    m3.v2-b_C: {}\n    .hidden: {}\n");
    SuiteRunner.Suite suite = SuiteRunner.parse(ConfigLoader.load(good, List.of()), "s");
    assertEquals(Path.of("out/s/m3.v2-b_C"), suite.variants().get(0).settings().outputDir());
    assertEquals(Path.of("out/s/.hidden"), suite.variants().get(1).settings().outputDir());
  }

  @Test
  void suiteReferenceIsM3WhenPresentElseTheFirstVariantOrAsConfigured() throws IOException {
    String variants =
        "suite:\n  variants:\n    single:\n      model: {type: single_task, size_head: none}\n"
            + "    m3: {}\n";
    Path f = write("r.yaml", BASE + "name: r\nmodel:\n  type: m3\n" + variants);
    assertEquals("m3", SuiteRunner.parse(ConfigLoader.load(f, List.of()), "r").reference());
    Path g =
        write(
            "q.yaml",
            BASE + "name: q\nmodel:\n  type: m3\n" + variants.replace("    m3: {}", "    m4: {}"));
    assertEquals("single", SuiteRunner.parse(ConfigLoader.load(g, List.of()), "q").reference());
    assertEquals(
        "m4",
        SuiteRunner.parse(ConfigLoader.load(g, List.of("suite.reference=m4")), "q").reference());
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> SuiteRunner.parse(ConfigLoader.load(g, List.of("suite.reference=m5")), "q"));
    assertEquals("suite.reference", e.keyPath());
    assertTrue(e.getMessage().contains("m5"), e.getMessage());
  }

  @Test
  void meanAndSampleStdAsPapersReportThem() {
    // three values m - d, m, m + d have sample standard deviation d
    assertEquals("87.07 +- 2.43", Stats.percent(new double[] {0.8464, 0.8707, 0.8950}));
    assertEquals("50.00", Stats.percent(new double[] {0.5}));
    assertEquals("n/a", Stats.percent(new double[] {Double.NaN}));
    double[] v = {0.1, 0.4, 0.35, 0.9};
    double mean = (0.1 + 0.4 + 0.35 + 0.9) / 4;
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    assertEquals(Math.sqrt(ss / 3), Stats.std(v), 1e-15);
  }
}
