package io.uatr.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's guards: gradient clipping by default, steps with a non-finite loss or gradient
 * skipped and counted, consecutive skips ending training with a message naming the epoch, batch and
 * tensor, and no non-finite value ever reaching a checkpoint.
 */
class GuardsTest {

  static TrainingConfig config(Map<String, Object> extra) {
    Map<String, Object> m = new HashMap<>();
    m.put("epochs", 2);
    m.put("batch_size", 4);
    m.put("device", "cpu");
    m.put("threads", 1);
    m.put("optimizer", Map.of("type", "adam", "lr", 0.01));
    m.put("schedule", Map.of("type", "constant"));
    m.putAll(extra);
    return TrainingConfig.fromConfig(new ConfigReader(m, "training"));
  }

  /** TinyData with the features of the segments {@code poisoned} selects replaced by NaN. */
  static SegmentSet poisoned(Predicate<FeatureSegment> poisoned) {
    SegmentSet d = TinyData.make(3, 4, 3, 1, 8);
    List<FeatureSegment> out = new ArrayList<>();
    for (FeatureSegment s : d.segments()) {
      if (poisoned.test(s)) {
        float[][] x = new float[TinyData.BINS][TinyData.FRAMES];
        for (float[] row : x) {
          Arrays.fill(row, Float.NaN);
        }
        s =
            new FeatureSegment(
                x, s.classLabel(), s.sizeLevel(), s.sizeValue(), s.recordingId(), s.split());
      }
      out.add(s);
    }
    return new SegmentSet(out, d.classNames());
  }

  @Test
  void clippingIsOnByDefaultAndNoneSwitchesItOff() {
    assertEquals(TrainingConfig.DEFAULT_CLIP, TrainingConfig.defaults().clipGradNorm());
    assertEquals(0.0, config(Map.of("clip_grad_norm", "none")).clipGradNorm());
    assertEquals(2.5, config(Map.of("clip_grad_norm", 2.5)).clipGradNorm());
    ConfigException bad =
        assertThrows(ConfigException.class, () -> config(Map.of("clip_grad_norm", -1)));
    assertTrue(bad.getMessage().contains("training.clip_grad_norm"), bad.getMessage());
    ConfigException old =
        assertThrows(ConfigException.class, () -> config(Map.of("grad_clip", 1.0)));
    assertTrue(old.getMessage().contains("clip_grad_norm"), old.getMessage());
  }

  @Test
  void aNonFiniteBatchIsSkippedCountedAndNeverReachesACheckpoint(@TempDir Path dir)
      throws Exception {
    // one training segment of NaN: the batch holding it has a NaN loss in each epoch
    int[] seen = {0};
    SegmentSet d = poisoned(s -> s.recordingId().equals("c1r2") && seen[0]++ == 0);
    try (MultiTaskTrainer t = new MultiTaskTrainer(TinyData.spec(3), config(Map.of()), 3, dir)) {
      TrainingResult r = t.fit(onlyTrainPoisoned(d));
      assertEquals(2, r.history().size());
      for (EpochMetrics m : r.history()) {
        assertTrue(m.skippedSteps() >= 1, "epoch " + m.epoch() + " skipped " + m.skippedSteps());
        assertTrue(Double.isFinite(m.trainLoss()), "mean over the steps taken: " + m);
        assertTrue(Double.isFinite(m.valLoss()), m.toString());
      }
      Path ckpt = Checkpoints.latest(dir).orElseThrow();
      try (NDManager m = NDManager.newBaseManager()) {
        NDList params = NDList.decode(m, Files.readAllBytes(ckpt.resolve("parameters.ndlist")));
        for (NDArray p : params) {
          assertTrue(Finite.all(p), "checkpoint parameter " + p.getName() + " is finite");
        }
      }
      List<String> csv = Files.readAllLines(dir.resolve(MultiTaskTrainer.METRICS_FILE));
      assertTrue(csv.get(0).endsWith(",skipped_steps"), csv.get(0));
    }
  }

  /** Keeps NaN segments out of validation, which the trainer carves from training recordings. */
  private static SegmentSet onlyTrainPoisoned(SegmentSet d) {
    List<FeatureSegment> out = new ArrayList<>();
    for (FeatureSegment s : d.segments()) {
      boolean nan = Float.isNaN(s.features().toArray()[0][0]);
      boolean val =
          s.recordingId().equals("c0r3")
              || s.recordingId().equals("c1r3")
              || s.recordingId().equals("c2r3");
      out.add(val && !nan ? s.withSplit(Split.VALIDATION) : s);
    }
    return new SegmentSet(out, d.classNames());
  }

  @Test
  void consecutiveSkipsEndTrainingNamingEpochBatchAndTensor(@TempDir Path dir) {
    SegmentSet d = onlyTrainPoisoned(poisoned(s -> s.split() == Split.TRAIN));
    try (MultiTaskTrainer t =
        new MultiTaskTrainer(TinyData.spec(3), config(Map.of("max_skipped_steps", 2)), 3, dir)) {
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.fit(d));
      assertEquals(1, e.epoch());
      assertEquals(2, e.batch());
      assertEquals("the class loss", e.tensor());
      assertTrue(e.getMessage().contains("epoch 1, batch 2"), e.getMessage());
      assertTrue(e.getMessage().contains("max_skipped_steps"), e.getMessage());
    }
    assertFalse(Files.exists(dir.resolve(Checkpoints.DIR)), "no checkpoint was written");
  }

  @Test
  void aNanValidationMetricIsAnError(@TempDir Path dir) {
    SegmentSet d = TinyData.make(3, 4, 3, 1, 8);
    List<FeatureSegment> out = new ArrayList<>();
    for (FeatureSegment s : d.segments()) {
      if (s.recordingId().endsWith("r3")) {
        float[][] x = new float[TinyData.BINS][TinyData.FRAMES];
        for (float[] row : x) {
          Arrays.fill(row, Float.NaN);
        }
        s =
            new FeatureSegment(
                x, s.classLabel(), s.sizeLevel(), s.sizeValue(), s.recordingId(), Split.VALIDATION);
      }
      out.add(s);
    }
    SegmentSet withVal = new SegmentSet(out, d.classNames());
    try (MultiTaskTrainer t = new MultiTaskTrainer(TinyData.spec(3), config(Map.of()), 3, dir)) {
      TrainingDivergedException e =
          assertThrows(TrainingDivergedException.class, () -> t.fit(withVal));
      assertEquals(1, e.epoch());
      assertTrue(e.tensor().startsWith("validation metric val_loss"), e.getMessage());
    }
  }
}
