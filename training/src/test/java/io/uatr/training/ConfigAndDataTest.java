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
    assertEquals(-1, Devices.parse("cpu"));
  }

  @Test
  void validationComesFromTrainingRecordingsOnly() {
    SegmentSet data = TinyData.make(3, 6, 2, 2, 1);
    SegmentSet v = data.withValidation(0.25, 7);
    Set<String> valRecs = new HashSet<>();
    for (int i = 0; i < data.size(); i++) {
      Segment before = data.get(i);
      Segment after = v.get(i);
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
                0.5),
            new EpochMetrics(2, 1.0 / 3, 0.1 + 0.2, 1, 0, 0, 1, 2, 0.7, 0.8, 0.9, 1, 0.25, 1));
    Path f = dir.resolve("m.csv");
    MetricsCsv.write(f, rows);
    assertEquals(rows, MetricsCsv.read(f));
    String header = java.nio.file.Files.readAllLines(f).get(0);
    assertTrue(header.startsWith("epoch,lr,train_loss,"), header);
  }

  @Test
  void trainerRejectsANuisanceTowerAndForeignCheckpoints(@TempDir Path dir) throws Exception {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new MultiTaskTrainer(
                TinyData.spec(3).toBuilder().nuisanceTowerInputs(2).build(),
                TrainingConfig.defaults(),
                1,
                dir));
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
