package io.uatr.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.io.SampleFormat;
import io.uatr.dsp.io.WavWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vessel-disjoint ShipsEar split ({@code split: vessels}) on a hand-made fixture in ShipsEar
 * layout ({@code src/test/resources/shipsear-vessels/}) and on the real ShipsEar metadata and
 * published splits (the shipped copies; the audio is replaced by tiny WAVs).
 */
class VesselSplitTest {
  @TempDir static Path tmp;
  static Path fixture;
  static Path real;

  @BeforeAll
  static void build() throws IOException {
    fixture = Files.createDirectories(tmp.resolve("fixture"));
    for (String f : List.of("meta_info.tsv", "splits.tsv")) {
      try (InputStream in = VesselSplitTest.class.getResourceAsStream("/shipsear-vessels/" + f)) {
        Files.copy(in, fixture.resolve(f));
      }
    }
    for (String id : rows(fixture.resolve("meta_info.tsv")).keySet()) {
      WavWriter.write(
          fixture.resolve(id + "__10_07_13_fixture.wav"),
          new float[200],
          200,
          1,
          SampleFormat.PCM_S16);
    }
    real = FakeShipsEar.build(tmp.resolve("real"));
  }

  /** The metadata rows read straight from the TSV: ID to {label, image_id}. */
  static Map<String, String[]> rows(Path tsv) throws IOException {
    Map<String, String[]> m = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", -1);
      m.put(f[0], new String[] {f[1], f[7]});
    }
    return m;
  }

  static Map<String, String[]> realRows() throws IOException {
    try (InputStream in =
        ShipsEarLoader.class.getResourceAsStream("/io/uatr/datasets/shipsear/meta_info.tsv")) {
      Path p = tmp.resolve("real-meta.tsv");
      Files.copy(in, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return rows(p);
    }
  }

  /** Vessels (image_ids of non-noise recordings with one) of some recordings. */
  static Set<String> vessels(List<Recording> rs, Map<String, String[]> meta) {
    Set<String> out = new HashSet<>();
    for (Recording r : rs) {
      String[] row = meta.get(r.id());
      boolean vessel = !row[0].equals("Natural ambient noise");
      if (vessel && !row[1].isBlank() && !row[1].equals("N.A.")) {
        out.add(row[1]);
      }
    }
    return out;
  }

  static Map<String, Integer> perClass(List<Recording> rs) {
    Map<String, Integer> m = new TreeMap<>();
    for (Recording r : rs) {
      m.merge(r.label(), 1, Integer::sum);
    }
    return m;
  }

  static DatasetSplits load(Path root, int classes, String split, long seed) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", root.toString());
    m.put("classes", classes);
    m.put("split", split);
    m.put("seed", seed);
    return ShipsEarLoader.load(
        ShipsEarConfig.fromConfig(new io.uatr.dsp.config.ConfigReader(m, "dataset")));
  }

  static Set<String> ids(List<Recording> rs) {
    return rs.stream().map(Recording::id).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void fixtureSplitSharesNoVesselAndKeepsProportionsForEverySeed() throws IOException {
    Map<String, String[]> meta = rows(fixture.resolve("meta_info.tsv"));
    for (long seed = 1; seed <= 20; seed++) {
      DatasetSplits s = load(fixture, 9, "vessels", seed);
      Set<String> shared = vessels(s.train(), meta);
      shared.retainAll(vessels(s.test(), meta));
      assertEquals(Set.of(), shared, "seed " + seed);
      assertTrue(s.leakage().clean(), s.leakage().toString());
      assertEquals(List.of("Dredger"), s.trainOnlyClasses());
      assertEquals(20, s.train().size() + s.test().size());
      // targets from the published fractions: Passengers 2/7 x 7 = 2 (reachable: vessel 10, or
      // vessel 11 + the N.A. recording 7), Motorboat 1/4 x 4 = 1, noise 1/4 x 4 = 1, Sailboat
      // 0/2 x 2 = 0 but a class of two vessels is tested with one of them
      Map<String, Integer> test = perClass(s.test());
      assertEquals(
          Map.of("Passengers", 2, "Motorboat", 1, "Natural ambient noise", 1, "Sailboat", 1),
          test,
          "seed " + seed);
      Map<String, Integer> train = perClass(s.train());
      assertEquals(Map.of("Passengers", 5, "Motorboat", 3, "Dredger", 3), subset(train));
      assertTrue(ids(s.train()).containsAll(Set.of("12", "13", "14")));
      assertEquals(
          ids(s.train()).contains("10"), ids(s.train()).contains("11"), "vessel 20 together");
      assertEquals(ids(s.train()).contains("4"), ids(s.train()).contains("6"), "vessel 12");
    }
  }

  private static Map<String, Integer> subset(Map<String, Integer> m) {
    Map<String, Integer> out = new TreeMap<>(m);
    out.keySet().retainAll(Set.of("Passengers", "Motorboat", "Dredger"));
    return out;
  }

  @Test
  void deterministicForASeedAndVariesBetweenSeeds() {
    Set<String> first = ids(load(fixture, 9, "vessels", 1).test());
    assertEquals(first, ids(load(fixture, 9, "vessels", 1).test()));
    Set<Set<String>> seen = new HashSet<>();
    Set<String> noiseInTest = new HashSet<>();
    for (long seed = 1; seed <= 20; seed++) {
      DatasetSplits s = load(fixture, 9, "vessels", seed);
      seen.add(ids(s.test()));
      s.test().stream()
          .filter(r -> r.label().equals("Natural ambient noise"))
          .forEach(r -> noiseInTest.add(r.id()));
    }
    assertTrue(seen.size() > 5, "seeds give different splits: " + seen.size());
    assertTrue(
        noiseInTest.size() >= 2,
        "noise recordings share image 34 but are split one by one: " + noiseInTest);
  }

  @Test
  void thePublishedFixtureSplitIsLeakyAndTheCheckSeesIt() throws IOException {
    DatasetSplits s = load(fixture, 9, "published", 1);
    assertEquals(Set.of("2", "5", "9", "13", "16"), ids(s.test()));
    assertEquals(
        Set.of("shipsear-image-10", "shipsear-image-12", "shipsear-image-1"),
        s.leakage().ships().keySet());
    assertEquals(List.of(), s.trainOnlyClasses());
  }

  @Test
  void realNineClassMetadata() throws IOException {
    Map<String, String[]> meta = realRows();
    DatasetSplits pub = load(real, 9, "published", 1);
    // measured leakage of the published 9-class split: 9 vessels in both parts; 11 of its 21
    // test recordings are of a vessel (image_id) that also has a training recording
    Set<String> shared = vessels(pub.train(), meta);
    shared.retainAll(vessels(pub.test(), meta));
    assertEquals(Set.of("1", "2", "3", "4", "5", "9", "13", "17", "20"), shared);
    assertEquals(9, pub.leakage().ships().size());
    long leaky = pub.test().stream().filter(r -> shared.contains(meta.get(r.id())[1])).count();
    assertEquals(11, leaky);
    assertEquals(21, pub.test().size());
    for (long seed = 1; seed <= 5; seed++) {
      DatasetSplits s = load(real, 9, "vessels", seed);
      Set<String> both = vessels(s.train(), meta);
      both.retainAll(vessels(s.test(), meta));
      assertEquals(Set.of(), both);
      assertTrue(s.leakage().clean(), s.leakage().toString());
      assertEquals(List.of("Dredger"), s.trainOnlyClasses());
      // every class but the single-vessel Dredger reaches the published test count exactly
      Map<String, Integer> expected = perClass(pub.test());
      expected.remove("Dredger");
      assertEquals(expected, perClass(s.test()), "seed " + seed);
      assertEquals(85, s.train().size() + s.test().size());
    }
  }

  @Test
  void realTwelveAndFiveClassMetadata() throws IOException {
    Map<String, String[]> meta = realRows();
    DatasetSplits pub = load(real, 12, "published", 1);
    // measured: the published 12-class split lists 25 test IDs, 14 of them of a vessel with a
    // training recording (9 vessels); trawler 28 (vessel 14) is cut by time into both parts
    Set<String> shared12 = vessels(pub.train(), meta);
    shared12.retainAll(vessels(pub.test(), meta));
    assertEquals(Set.of("1", "2", "3", "4", "9", "13", "14", "16", "17", "20"), shared12);
    List<Recording> listed = pub.test().stream().filter(r -> !r.id().equals("28")).toList();
    assertEquals(25, listed.size());
    assertEquals(14, listed.stream().filter(r -> shared12.contains(meta.get(r.id())[1])).count());
    DatasetSplits s12 = load(real, 12, "vessels", 1);
    assertTrue(s12.leakage().clean(), s12.leakage().toString());
    assertEquals(List.of("Dredger", "Pilot ship", "Trawler"), s12.trainOnlyClasses());
    Set<String> tested = perClass(s12.test()).keySet();
    Set<String> expected = new TreeSet<>(s12.labels().classes());
    expected.removeAll(s12.trainOnlyClasses());
    assertEquals(expected, tested);
    assertEquals(expected.size() + 3, perClass(s12.train()).size());
    assertEquals(90, s12.train().size() + s12.test().size());
    DatasetSplits s5 = load(real, 5, "vessels", 1);
    assertTrue(s5.leakage().clean(), s5.leakage().toString());
    Set<String> shared = vessels(s5.train(), meta);
    shared.retainAll(vessels(s5.test(), meta));
    assertEquals(Set.of(), shared);
    assertEquals(List.of(), s5.trainOnlyClasses());
    assertEquals(Set.of("A", "B", "C", "D", "E"), perClass(s5.test()).keySet());
    assertEquals(Set.of("A", "B", "C", "D", "E"), perClass(s5.train()).keySet());
  }

  @Test
  void greedyPathForManyGroupsHitsTheTargetAndLeavesEachSideAGroup() {
    int[] ones = new int[20];
    java.util.Arrays.fill(ones, 1);
    boolean[] t = VesselSplitter.choose(ones, 5, new SplittableRandom(3));
    int n = 0;
    for (boolean b : t) {
      n += b ? 1 : 0;
    }
    assertEquals(5, n);
    int[] two = {4, 4};
    boolean[] u = VesselSplitter.choose(two, 7.9, new SplittableRandom(1));
    assertNotEquals(u[0], u[1], "a proper subset even when the target asks for all");
  }

  @Test
  void configAcceptsVesselsForEveryClassSet() {
    List<String> names = new ArrayList<>();
    for (int c : new int[] {5, 9, 12}) {
      Map<String, Object> m = Map.of("path", "x", "classes", c, "split", "vessels");
      names.add(
          ShipsEarConfig.fromConfig(new io.uatr.dsp.config.ConfigReader(m, "dataset")).split());
    }
    assertEquals(List.of("vessels", "vessels", "vessels"), names);
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ShipsEarConfig.fromConfig(
                    new io.uatr.dsp.config.ConfigReader(
                        Map.of("path", "x", "split", "ships"), "dataset")));
    assertEquals("dataset.split", e.keyPath());
    assertTrue(e.getMessage().contains("vessels"), e.getMessage());
    assertFalse(e.getMessage().isBlank());
  }
}
