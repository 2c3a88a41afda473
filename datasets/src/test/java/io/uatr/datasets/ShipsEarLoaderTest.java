package io.uatr.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.datasets.synth.SynthConfig;
import io.uatr.datasets.synth.SynthCorpus;
import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShipsEarLoaderTest {
  @TempDir static Path shared;
  static Path root;

  @BeforeAll
  static void build() throws IOException {
    root = FakeShipsEar.build(shared.resolve("shipsear"));
  }

  static ShipsEarConfig config(Path dir, Map<String, Object> extra) {
    Map<String, Object> m = new LinkedHashMap<>(extra);
    m.put("path", dir.toString());
    return ShipsEarConfig.fromConfig(new ConfigReader(m, "dataset"));
  }

  static Set<String> ids(List<Recording> rs) {
    return rs.stream().map(Recording::id).collect(Collectors.toSet());
  }

  @Test
  void fileNamesInBothSchemesGiveTheId() {
    assertEquals("15", ShipsEarLoader.idOf("15__10_07_13_radaUno_Pasa.wav"));
    assertEquals("15", ShipsEarLoader.idOf("Tugboat_15__10_07_13_radaUno_Pasa.wav"));
    assertEquals("93", ShipsEarLoader.idOf("93__A__Draga_1.wav"));
    assertEquals("81", ShipsEarLoader.idOf("Natural_ambient_noise_81__25_09_13_x.WAV"));
    assertNull(ShipsEarLoader.idOf("readme.wav"));
    assertEquals(90, ShipsEarLoader.shippedMetadata().rows().size());
  }

  @Test
  void nineClassPublishedSplitMatchesTheTable() {
    DatasetSplits s = ShipsEarLoader.load(config(root, Map.of()));
    assertEquals(64, s.train().size());
    assertEquals(21, s.test().size());
    assertEquals(9, s.labels().classes().size());
    Map<String, Map<String, String>> meta = new LinkedHashMap<>();
    for (Map<String, String> r : ShipsEarLoader.shippedMetadata().rows()) {
      meta.put(r.get("ids"), r);
    }
    for (Recording r : s.train()) {
      String type = meta.get(r.id()).get("label");
      assertEquals(type, r.label());
      assertEquals(type, r.metadata().get(Recording.TYPE));
      assertEquals(s.labels().classes().get(r.classIndex()), r.label());
      assertTrue(r.file().getFileName().toString().contains(r.id() + "__"));
      assertEquals(2 + Integer.parseInt(r.id()) % 5, r.durationS(), 1e-9);
    }
    Recording sailboat57 =
        s.test().stream().filter(r -> r.id().equals("57")).findFirst().orElseThrow();
    assertEquals(1, sailboat57.size());
    Recording dredger80 =
        s.train().stream().filter(r -> r.id().equals("80")).findFirst().orElseThrow();
    assertEquals(3, dredger80.size());
    assertEquals("350", dredger80.metadata().get("range"));
    assertEquals("20", dredger80.metadata().get("channel_depth"));
    assertFalse(dredger80.metadata().containsKey("wind"), "N.A. values are left out");
    // no pilot ship, trawler or tugboat
    assertTrue(s.train().stream().noneMatch(r -> r.label().equals("Tugboat")));
    // recording-level clean, but the published split shares ships (e.g. IDs 8 train, 9 test)
    assertTrue(s.leakage().recordingsClean());
    assertTrue(s.leakage().ships().containsKey("shipsear-image-2"));
    assertTrue(s.problems().isEmpty());
  }

  @Test
  void twelveClassSplitCutsTrawler28ByTime() {
    DatasetSplits s = ShipsEarLoader.load(config(root, Map.of("classes", 12)));
    assertEquals(12, s.labels().classes().size());
    Recording tr = s.train().stream().filter(r -> r.id().equals("28")).findFirst().orElseThrow();
    Recording te = s.test().stream().filter(r -> r.id().equals("28")).findFirst().orElseThrow();
    assertEquals(15, tr.startS(), 0);
    assertEquals(125, tr.endS(), 0);
    assertEquals(125, te.startS(), 0);
    assertEquals(150, te.endS(), 1e-9);
    assertEquals(64 + 1, s.train().size());
    assertEquals(25 + 1, s.test().size());
    assertTrue(s.leakage().recordingsClean());
    assertEquals(List.of("train", "test"), s.leakage().timeSplitRecordings().get("28"));
  }

  @Test
  void fiveClassStratifiedSplitIsSeededStratifiedAndShipDisjoint() {
    DatasetSplits a = ShipsEarLoader.load(config(root, Map.of("classes", 5, "seed", 7)));
    DatasetSplits b = ShipsEarLoader.load(config(root, Map.of("classes", 5, "seed", 7)));
    DatasetSplits c = ShipsEarLoader.load(config(root, Map.of("classes", 5, "seed", 8)));
    assertEquals(List.of("A", "B", "C", "D", "E"), a.labels().classes());
    assertEquals(90, a.train().size() + a.test().size());
    assertEquals(ids(a.test()), ids(b.test()));
    assertNotEquals(ids(a.test()), ids(c.test()));
    Set<String> testClasses = new HashSet<>();
    a.test().forEach(r -> testClasses.add(r.label()));
    assertEquals(Set.of("A", "B", "C", "D", "E"), testClasses);
    assertTrue(a.leakage().clean(), a.leakage().toString());
    assertTrue(
        a.test().size() >= 15 && a.test().size() <= 30,
        "about a quarter in test: " + a.test().size());
  }

  @Test
  void problemsAreListedAllAtOnceAndSkipContinues() throws IOException {
    Path dir = FakeShipsEar.build(shared.resolve("broken"));
    Files.delete(FakeShipsEar.find(dir, "95"));
    Files.write(FakeShipsEar.find(dir, "57"), new byte[] {1, 2, 3, 4, 5, 6, 7});
    Files.write(dir.resolve("999__01_01_14_unknown.wav"), new byte[] {0});
    Files.write(dir.resolve("notes.wav"), new byte[] {0});
    DatasetException e =
        assertThrows(DatasetException.class, () -> ShipsEarLoader.load(config(dir, Map.of())));
    assertEquals(4, e.problems().size(), e.getMessage());
    for (String expected : List.of("95__*.wav", "999__01_01_14_unknown.wav", "notes.wav", "57__")) {
      assertTrue(e.getMessage().contains(expected), expected + " in " + e.getMessage());
    }
    DatasetSplits s = ShipsEarLoader.load(config(dir, Map.of("on_error", "skip")));
    assertEquals(4, s.problems().size());
    assertEquals(64 + 21 - 2, s.train().size() + s.test().size());
    assertFalse(ids(s.test()).contains("95"));
    assertFalse(ids(s.test()).contains("57"));
    Set<DatasetProblem.Kind> kinds = new HashSet<>();
    s.problems().forEach(p -> kinds.add(p.kind()));
    assertEquals(
        Set.of(
            DatasetProblem.Kind.MISSING_FILE,
            DatasetProblem.Kind.UNREADABLE,
            DatasetProblem.Kind.NOT_IN_METADATA),
        kinds);
  }

  @Test
  void configErrorsNameTheKey() {
    assertEquals(
        "dataset.path",
        assertThrows(
                ConfigException.class,
                () -> ShipsEarConfig.fromConfig(new ConfigReader(Map.of(), "dataset")))
            .keyPath());
    assertEquals(
        "dataset.split",
        assertThrows(
                ConfigException.class,
                () -> config(root, Map.of("classes", 5, "split", "published")))
            .keyPath());
    assertEquals(
        "dataset.clases",
        assertThrows(ConfigException.class, () -> config(root, Map.of("clases", 9))).keyPath());
  }

  @Test
  void readsTheSyntheticCorpusUnchanged() throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("recordings_per_class", 2);
    m.put("duration_s", List.of(1, 1.5));
    m.put("test_fraction", 0.5);
    Path dir = shared.resolve("synth");
    SynthCorpus.generate(SynthConfig.fromConfig(new ConfigReader(m, "")), dir);
    DatasetSplits s = ShipsEarLoader.load(config(dir, Map.of()));
    assertEquals(9, s.train().size());
    assertEquals(9, s.test().size());
    assertTrue(s.problems().isEmpty());
    Recording r = s.train().get(0);
    assertEquals(52734, r.sampleRate());
    assertTrue(r.metadata().containsKey("shaft_hz"), "ground truth columns reach the metadata");
  }
}
