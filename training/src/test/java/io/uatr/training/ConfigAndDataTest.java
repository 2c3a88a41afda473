package io.uatr.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config reading, validation carving, sampling, metrics CSV round trip. */
class ConfigAndDataTest {

  @Test
  void defaultsAndErrorsNameTheKey() {
    TrainingConfig d = TrainingConfig.defaults();
    assertEquals(30, d.epochs());
    assertEquals("adam", d.optimizer().type());
    assertEquals("auto", d.device());
    ConfigException unknown =
        assertThrows(
            ConfigException.class,
            () ->
                TrainingConfig.fromConfig(
                    new ConfigReader(
                        Map.of("optimizer", Map.of("lr", 0.1, "betta1", 0.9)), "training")));
    assertTrue(unknown.getMessage().contains("training.optimizer.betta1"), unknown.getMessage());
    ConfigException bad =
        assertThrows(
            ConfigException.class,
            () ->
                TrainingConfig.fromConfig(
                    new ConfigReader(Map.of("schedule", Map.of("type", "linear")), "training")));
    assertTrue(bad.getMessage().contains("training.schedule.type"), bad.getMessage());
    ConfigException dev =
        assertThrows(
            ConfigException.class,
            () -> TrainingConfig.fromConfig(new ConfigReader(Map.of("device", "tpu"), "training")));
    assertTrue(dev.getMessage().contains("training.device"), dev.getMessage());
    assertEquals(3, Devices.parse("gpu:3"));
    assertEquals(ai.djl.Device.cpu(), Devices.resolve("cpu"));
    assertThrows(IllegalArgumentException.class, () -> Devices.resolve("gpu:7")); // no GPU here
    // The suite runs with one intra-op thread; switching to another count and back inside this
    // JVM perturbs the bitwise reproducibility of later runs, so only the read-back is checked.
    assertEquals(1, Devices.applyThreads(1));
    assertEquals(1, Devices.applyThreads(0));
    assertEquals(-1, Devices.parse("cpu"));
  }

  @Test
  void validationComesFromTrainingRecordingsOnly() {
    SegmentSet data = TinyData.make(3, 6, 2, 2, 1);
    SegmentSet v = data.withValidation(0.25, 7);
    Set<String> valRecs = new HashSet<>();
    for (int i = 0; i < data.size(); i++) {
      FeatureSegment before = data.get(i);
      FeatureSegment after = v.get(i);
      if (before.split() == Split.TEST) {
        assertEquals(Split.TEST, after.split());
      }
      if (after.split() == Split.VALIDATION) {
        valRecs.add(after.recordingId());
      }
    }
    // 4 training recordings per class: round(4 x 0.25) = 1 per class, whole recordings
    assertEquals(3, valRecs.size());
    assertEquals(
        List.of(2, 2, 2),
        List.of(
            v.classCounts(Split.VALIDATION)[0],
            v.classCounts(Split.VALIDATION)[1],
            v.classCounts(Split.VALIDATION)[2]));
    assertEquals(v.segments(), data.withValidation(0.25, 7).segments(), "seeded");
  }

  @Test
  void featureSegmentFromADatasetSegment() {
    io.uatr.datasets.Recording whole =
        new io.uatr.datasets.Recording(
            Path.of("7__a.wav"), "7", "Dredger", 2, 3, Map.of("length_m", "95.5"), 30, 8000, 0, 30);
    io.uatr.datasets.Recording section =
        new io.uatr.datasets.Recording(
            Path.of("7__a.wav"),
            "7",
            "Dredger",
            2,
            3,
            Map.of("length_m", "N.A."),
            30,
            8000,
            15,
            30);
    SegmentFeatures f = SegmentFeatures.of(new float[2][3]);
    FeatureSegment a =
        FeatureSegment.of(
            new io.uatr.datasets.Segment(
                whole, 0, 0, 5, io.uatr.datasets.SegmentConfig.Policy.DROP),
            f,
            Split.TRAIN);
    assertEquals(new FeatureSegment(f, 2, 3, 95.5f, "7", Split.TRAIN), a);
    FeatureSegment b =
        FeatureSegment.of(
            new io.uatr.datasets.Segment(
                section, 0, 15, 5, io.uatr.datasets.SegmentConfig.Policy.DROP),
            f,
            Split.TEST);
    assertEquals("7@15.0", b.recordingId());
    assertTrue(Float.isNaN(b.sizeValue()));
  }

  @Test
  void featureWindowsOnHeapAndMappedMatrices(@TempDir Path dir) throws Exception {
    float[][] full = new float[3][10];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 10; c++) {
        full[r][c] = 100 * r + c;
      }
    }
    float[][] expected = {{4, 5, 6, 7}, {104, 105, 106, 107}, {204, 205, 206, 207}};
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        expected, SegmentFeatures.window(full, 4, 4).toArray());
    io.uatr.datasets.Recording rec =
        new io.uatr.datasets.Recording(
            dir.resolve("1__x.wav"), "1", "A", 0, -1, Map.of(), 10, 8000, 0, 10);
    java.nio.file.Files.write(rec.file(), new byte[16]);
    io.uatr.datasets.CachedFeatures cached =
        new io.uatr.datasets.FeatureCache(dir.resolve("cache"))
            .getOrCompute(rec, "test-features", () -> full);
    SegmentFeatures w = SegmentFeatures.window(cached, 4, 4);
    assertEquals(3, w.bins());
    assertEquals(4, w.frames());
    org.junit.jupiter.api.Assertions.assertArrayEquals(expected, w.toArray());
    assertThrows(IllegalArgumentException.class, () -> SegmentFeatures.window(cached, 8, 4));
    assertThrows(
        IllegalArgumentException.class, () -> SegmentFeatures.of(new float[][] {{1, 2}, {3}}));
  }

  @Test
  void atomicWriteReplacesWithoutLeftovers(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("x.csv");
    AtomicFiles.write(f, "a".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    AtomicFiles.write(f, "bc".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("bc", java.nio.file.Files.readString(f));
    try (var s = java.nio.file.Files.list(dir)) {
      assertEquals(List.of(f), s.toList());
    }
  }

  @Test
  void balancedSamplingEqualisesClasses() {
    int[] idx = new int[100];
    int[] cls = new int[100];
    for (int i = 0; i < 100; i++) {
      idx[i] = i;
      cls[i] = i < 80 ? 0 : i < 95 ? 1 : 2;
    }
    int[] counts = new int[3];
    SplittableRandom rng = new SplittableRandom(4);
    for (int e = 0; e < 60; e++) {
      for (int k : Sampling.order(idx, cls, 3, true, rng)) {
        counts[cls[k]]++;
      }
    }
    for (int c = 0; c < 3; c++) {
      assertEquals(2000, counts[c], 150, "class " + c);
    }
    int[] shuffled = Sampling.order(idx, cls, 3, false, rng);
    assertEquals(4950, java.util.Arrays.stream(shuffled).sum()); // a permutation
    assertEquals(100, java.util.Arrays.stream(shuffled).distinct().count());
  }

  @Test
  void metricsCsvRoundTrip(@TempDir Path dir) throws Exception {
    List<EpochMetrics> rows =
        List.of(
            new EpochMetrics(
                1,
                1e-3,
                1.5,
                1.2,
                0.6,
                0.01,
                0.4,
                3.25,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                0,
                0.5),
            new EpochMetrics(2, 1.0 / 3, 0.1 + 0.2, 1, 0, 0, 1, 2, 0.7, 0.8, 0.9, 1, 0.25, 3, 1));
    Path f = dir.resolve("m.csv");
    MetricsCsv.write(f, rows);
    // the wall time is not written: metrics.csv must be bit-identical between reruns
    assertEquals(rows.stream().map(EpochMetrics::withoutTime).toList(), MetricsCsv.read(f));
    String header = java.nio.file.Files.readAllLines(f).get(0);
    assertTrue(header.startsWith("epoch,lr,train_loss,"), header);
    assertTrue(header.endsWith(",val_size,skipped_steps"), header);
  }

  @Test
  void trainerRejectsMissingNuisanceFeaturesAndForeignCheckpoints(@TempDir Path dir)
      throws Exception {
    try (MultiTaskTrainer t =
        new MultiTaskTrainer(
            TinyData.spec(3).toBuilder().nuisanceTowerInputs(2).build(),
            TrainingConfig.defaults(),
            1,
            dir.resolve("tower"))) {
      SegmentSet plain = TinyData.make(3, 3, 2, 1, 2);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(plain));
      assertTrue(e.getMessage().contains("nuisance_tower_inputs"), e.getMessage());
    }
    try (MultiTaskTrainer t =
        new MultiTaskTrainer(
            TinyData.spec(3).toBuilder().nuisanceHeads(List.of("wind")).build(),
            TrainingConfig.defaults(),
            1,
            dir.resolve("heads"))) {
      SegmentSet plain = TinyData.make(3, 3, 2, 1, 2);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(plain));
      assertTrue(e.getMessage().contains("wind"), e.getMessage());
    }
    Map<String, Object> m = new HashMap<>();
    m.put("epochs", 1);
    m.put("batch_size", 8);
    m.put("device", "cpu");
    SegmentSet data = TinyData.make(3, 3, 2, 1, 2);
    try (MultiTaskTrainer t =
        new MultiTaskTrainer(
            TinyData.spec(3), TrainingConfig.fromConfig(new ConfigReader(m, "")), 1, dir)) {
      t.fit(data);
    }
    try (MultiTaskTrainer t =
        new MultiTaskTrainer(
            TinyData.spec(3), TrainingConfig.fromConfig(new ConfigReader(m, "")), 2, dir)) {
      assertThrows(IllegalStateException.class, () -> t.fit(data));
    }
  }
}
