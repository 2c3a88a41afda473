package io.uatr.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.config.ConfigReader;
import io.uatr.models.spec.ModelSpec;
import io.uatr.training.eval.EvaluationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Determinism, resume after a simulated kill, files in the run directory, learning. */
class TrainerTest {

  static TrainingConfig config(int epochs, Map<String, Object> extra) {
    Map<String, Object> m = new java.util.HashMap<>();
    m.put("epochs", epochs);
    m.put("batch_size", 8);
    m.put("device", "cpu");
    m.put("validation_fraction", 0.25);
    m.put("optimizer", Map.of("type", "adamw", "lr", 0.01, "weight_decay", 0.01));
    m.put("schedule", Map.of("type", "cosine", "warmup_epochs", 0.5));
    m.put(
        "augment", Map.of("time_masks", 1, "time_width", 3, "mixup_prob", 0.5, "noise_prob", 0.3));
    m.putAll(extra);
    return TrainingConfig.fromConfig(new ConfigReader(m, "training"));
  }

  private static List<EpochMetrics> run(SegmentSet data, TrainingConfig c, Path dir)
      throws Exception {
    try (MultiTaskTrainer t = new MultiTaskTrainer(TinyData.spec(3), c, 42, dir)) {
      return t.fit(data).history().stream().map(EpochMetrics::withoutTime).toList();
    }
  }

  @Test
  void sameSeedSameMetricsAndResumeIsExact(@TempDir Path tmp) throws Exception {
    SegmentSet data = TinyData.make(3, 4, 3, 1, 5);
    TrainingConfig c = config(2, Map.of("loss", Map.of("weighting", "uncertainty")));
    Path a = tmp.resolve("a");
    Path killed = tmp.resolve("killed");
    List<EpochMetrics> first;
    try (MultiTaskTrainer t = new MultiTaskTrainer(TinyData.spec(3), c, 42, a)) {
      t.setListener(
          new ProgressListener() {
            @Override
            public void onEpoch(EpochMetrics m) {
              if (m.epoch() == 1) {
                copyTree(a, killed);
              }
            }
          });
      first = t.fit(data).history().stream().map(EpochMetrics::withoutTime).toList();
    }
    assertEquals(2, first.size());
    List<EpochMetrics> second = run(data, c, tmp.resolve("b"));
    assertEquals(first, second, "same seed, same metrics");
    // The copy taken after epoch 1 stands for a run killed during epoch 2.
    assertEquals(1, Checkpoints.list(killed).size());
    // A half-written checkpoint of epoch 2 (killed while saving) is ignored and removed.
    Path partial = killed.resolve(Checkpoints.DIR).resolve(".tmp-epoch-123");
    Files.createDirectories(partial);
    Files.write(partial.resolve("parameters.ndlist"), new byte[] {1, 2, 3});
    try (MultiTaskTrainer t = new MultiTaskTrainer(TinyData.spec(3), c, 42, killed)) {
      TrainingResult r = t.fit(data);
      assertTrue(Files.notExists(partial));
      float[] logVars = t.logVariances();
      assertTrue(logVars[0] != 0 && logVars[1] != 0, "task weights learned");
      assertEquals(1, r.resumedFromEpoch());
      assertEquals(first, r.history().stream().map(EpochMetrics::withoutTime).toList());
    }
    assertEquals(
        first,
        MetricsCsv.read(killed.resolve(MultiTaskTrainer.METRICS_FILE)).stream()
            .map(EpochMetrics::withoutTime)
            .toList());
    // A different seed gives different metrics (the comparison above can fail).
    try (MultiTaskTrainer t = new MultiTaskTrainer(TinyData.spec(3), c, 43, tmp.resolve("c"))) {
      List<EpochMetrics> other =
          t.fit(data).history().stream().map(EpochMetrics::withoutTime).toList();
      assertTrue(!other.equals(first));
    }
  }

  @Test
  void learnsSeparableClasses(@TempDir Path tmp) throws Exception {
    SegmentSet data = TinyData.make(3, 4, 4, 1, 6);
    TrainingConfig c = config(6, Map.of());
    try (MultiTaskTrainer t = new MultiTaskTrainer(TinyData.spec(3), c, 1, tmp)) {
      TrainingResult r = t.fit(data);
      EvaluationResult test = t.evaluate(data.part(Split.TEST));
      assertTrue(test.segmentAccuracy() > 0.8, "test accuracy " + test.segmentAccuracy());
      assertEquals(2, test.gates().size());
      assertTrue(r.bestEpoch() >= 1);
      assertTrue(Files.isRegularFile(tmp.resolve(MultiTaskTrainer.BEST_FILE)));
      assertEquals(2, Checkpoints.list(tmp).size(), "keep_checkpoints 2");
      // The DJL model saves like any other: a block rebuilt from the spec gives the same outputs.
      List<FeatureSegment> testPart = data.part(Split.TEST);
      t.model().save(tmp.resolve("bundle"), "m");
      try (ai.djl.Model loaded = ai.djl.Model.newInstance("m", ai.djl.Device.cpu())) {
        ai.djl.nn.Block b = io.uatr.models.ModelFactory.build(TinyData.spec(3));
        loaded.setBlock(b);
        loaded.load(tmp.resolve("bundle"), "m");
        io.uatr.training.eval.Predictions p =
            io.uatr.training.eval.SegmentPredictor.predict(
                b, TinyData.spec(3), testPart, 8, loaded.getNDManager());
        io.uatr.training.eval.Predictions q = t.predict(testPart);
        for (int i = 0; i < testPart.size(); i++) {
          org.junit.jupiter.api.Assertions.assertArrayEquals(q.classProbs()[i], p.classProbs()[i]);
        }
      }
    }
  }

  @Test
  void earlyStoppingRestoresTheBestEpochWithARegressionHead(@TempDir Path tmp) throws Exception {
    SegmentSet data = TinyData.make(3, 4, 2, 1, 9);
    Map<String, Object> extra = new java.util.HashMap<>();
    extra.put("optimizer", Map.of("type", "sgd", "lr", 0.02));
    extra.put("clip_grad_norm", 0.5);
    extra.put("loss", Map.of("size_loss", "huber", "huber_delta", 5.0, "size_weight", 0.1));
    extra.put(
        "early_stopping",
        Map.of("metric", "val_accuracy", "patience", 2, "min_delta", 1.0, "restore_best", true));
    TrainingConfig c = config(6, extra);
    ModelSpec spec =
        TinyData.spec(3).toBuilder().sizeHead(io.uatr.models.spec.SizeHead.REGRESSION).build();
    try (MultiTaskTrainer t = new MultiTaskTrainer(spec, c, 3, tmp)) {
      TrainingResult r = t.fit(data);
      // No later epoch can beat epoch 1 by min_delta 1.0: stop after 1 + patience epochs.
      assertTrue(r.stoppedEarly());
      assertEquals(3, r.history().size());
      assertEquals(1, r.bestEpoch());
      assertTrue(r.history().stream().allMatch(m -> m.gradNorm() > 0));
      assertTrue(r.history().get(2).valSize() > 0, "size MAE");
      // The block holds the best epoch's parameters again: its validation accuracy is epoch 1's.
      EvaluationResult val = t.evaluate(r.data().part(Split.VALIDATION));
      assertEquals(r.history().get(0).valAccuracy(), val.segmentAccuracy(), 1e-12);
      assertEquals(r.history().get(0).valSize(), val.sizeMae(), 1e-5);
    }
  }

  static void copyTree(Path from, Path to) {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
