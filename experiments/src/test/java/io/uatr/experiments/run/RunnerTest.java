package io.uatr.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.datasets.Recording;
import io.uatr.dsp.io.WavReader;
import io.uatr.experiments.config.ConfigSource;
import io.uatr.experiments.data.DataBuilder;
import io.uatr.experiments.data.DatasetInspector;
import io.uatr.experiments.data.PreparedData;
import io.uatr.training.FeatureSegment;
import io.uatr.training.Split;
import io.uatr.training.WaveformFeatures;
import io.uatr.training.eval.EvaluationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end runner behaviour on a tiny synthetic corpus. */
class RunnerTest {
  @TempDir static Path tmp;
  static Path config;

  @BeforeAll
  static void setUp() throws IOException {
    config = tmp.resolve("run.yaml");
    Files.writeString(
        config,
        "extends: "
            + Fixtures.repo().resolve("configs/datasets/synthetic.yaml")
            + "\n"
            + "name: tiny\nseed: 3\nmodel:\n  type: m3\n  experts: 2\n"
            + "training:\n  epochs: 2\n");
  }

  static ConfigSource source(List<String> extra) {
    List<String> sets = Fixtures.tiny(tmp.resolve("cache"));
    sets.addAll(Fixtures.tinySynth(tmp.resolve("synth")));
    sets.addAll(extra);
    return Fixtures.load(config, sets);
  }

  @Test
  void segmentsMatchTheRecordingsAndTheCacheIsReused() throws IOException {
    ConfigSource src = source(List.of());
    RunSettings s = RunSettings.from(src, "x");
    PreparedData d = DataBuilder.prepare(s.dataset(), s.features());
    // independent count: 1 s segments with 1 s hop, tails of >= 0.5 s dropped (last_partial drop)
    int expected = 0;
    List<Recording> all = new ArrayList<>(d.splits().train());
    all.addAll(d.splits().test());
    for (Recording r : all) {
      double seconds = WavReader.info(r.file()).frames() / (double) r.sampleRate();
      expected += (int) Math.floor(seconds + 1e-9);
    }
    assertEquals(expected, d.segments().size());
    // the synthetic configs' modspec: columns are the modulation bins k * fps / N in [0.5, 60] Hz,
    // fps = sr / hop_length, N the power of two >= the 2 s Welch window in frames
    double fps = Fixtures.FS / 32.0;
    int window = (int) Math.round(2 * fps);
    int n = Integer.highestOneBit(window - 1) << 1;
    int frames = 0;
    for (int k = 0; k <= n / 2; k++) {
      double f = k * fps / n;
      frames += f >= 0.5 && f <= 60 ? 1 : 0;
    }
    assertEquals(16, d.segments().bins());
    assertEquals(frames, d.segments().frames());
    assertEquals(9, d.examples().size(), "one example per class");
    PreparedData again = DataBuilder.prepare(s.dataset(), s.features());
    assertEquals(d.splitHash(), again.splitHash());
    for (int i = 0; i < d.segments().size(); i++) {
      FeatureSegment a = d.segments().get(i);
      FeatureSegment b = again.segments().get(i);
      assertEquals(a.recordingId(), b.recordingId());
      float[][] fa = new float[a.bins()][a.frames()];
      float[][] fb = new float[b.bins()][b.frames()];
      a.features().copyTo(fa);
      b.features().copyTo(fb);
      for (int k = 0; k < a.bins(); k++) {
        assertArrayEquals(fa[k], fb[k]);
      }
    }
    Map<String, Object> inspect = DatasetInspector.inspect(s.dataset(), s.features());
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> splits =
        (Map<String, Map<String, Object>>) inspect.get("splits");
    assertEquals(d.segments().indices(Split.TRAIN).length, splits.get("train").get("segments"));
    assertEquals(d.segments().indices(Split.TEST).length, splits.get("test").get("segments"));
    assertEquals(List.of(), inspect.get("leakage"));
  }

  @Test
  void waveformAugmentationKeepsTrainingAudioAndResumesExactly() throws IOException {
    ConfigSource src =
        source(
            List.of(
                "training.epochs=2",
                "training.augment.wave_gain_db_min=-6",
                "training.augment.wave_gain_db_max=6",
                "training.augment.wave_noise_prob=0.8",
                "training.augment.wave_snr_db_min=0",
                "training.augment.wave_snr_db_max=20"));
    RunSettings s = RunSettings.from(src, "x");
    PreparedData d = DataBuilder.prepare(s.dataset(), s.features(), true);
    int kept = 0;
    for (FeatureSegment seg : d.segments().segments()) {
      if (seg.split() != Split.TRAIN) {
        assertTrue(!(seg.features() instanceof WaveformFeatures), "only training audio is kept");
        continue;
      }
      WaveformFeatures w = (WaveformFeatures) seg.features();
      float[] a = w.waveform();
      assertEquals(Fixtures.FS, a.length, "1 s segments at features.sr");
      // the kept audio and feature function reproduce the cached features
      float[][] again = w.compute(a);
      float[][] cached = w.toArray();
      for (int k = 0; k < cached.length; k++) {
        assertArrayEquals(cached[k], again[k], 1e-4f);
      }
      kept++;
    }
    assertTrue(kept > 0);
    Path dir = tmp.resolve("wave");
    new ExperimentRunner().run(s, src, dir);
    List<List<String>> full = RunFiles.readCsv(dir.resolve("metrics.csv"));
    Files.delete(dir.resolve(ExperimentRunner.RESULT_FILE));
    deleteTree(dir.resolve("checkpoints/epoch-0002"));
    new ExperimentRunner().run(s, src, dir);
    List<List<String>> again = RunFiles.readCsv(dir.resolve("metrics.csv"));
    // metrics.csv carries no wall time: a resumed run's file equals the uninterrupted one's
    assertEquals(full, again);
  }

  @Test
  void resumedRunEqualsUninterruptedAndFinishedRunsAreSkipped() throws IOException {
    ConfigSource src = source(List.of("training.epochs=2"));
    RunSettings s = RunSettings.from(src, "x");
    ExperimentRunner runner = new ExperimentRunner();
    Path dir = tmp.resolve("resume");
    RunResult first = runner.run(s, src, dir).get(0);
    List<List<String>> full = RunFiles.readCsv(dir.resolve("metrics.csv"));
    FileTime stamp = Files.getLastModifiedTime(dir.resolve(ExperimentRunner.RESULT_FILE));
    // a rerun skips the finished run
    RunResult skipped = runner.run(s, src, dir).get(0);
    assertEquals(first, skipped);
    assertEquals(stamp, Files.getLastModifiedTime(dir.resolve(ExperimentRunner.RESULT_FILE)));
    // interrupt after epoch 1: drop the result and the epoch-2 checkpoint, then rerun
    Files.delete(dir.resolve(ExperimentRunner.RESULT_FILE));
    deleteTree(dir.resolve("checkpoints/epoch-0002"));
    RunResult resumed = new ExperimentRunner().run(s, src, dir).get(0);
    List<List<String>> again = RunFiles.readCsv(dir.resolve("metrics.csv"));
    assertEquals(full.size(), again.size());
    // metrics.csv carries no wall time: a resumed run's file equals the uninterrupted one's
    assertEquals(full, again);
    assertEquals(first.segmentAccuracy(), resumed.segmentAccuracy());
    assertTrue(Files.readString(dir.resolve("report.md")).contains("resumed after epoch 1"));
    // the saved model reproduces the run's test evaluation
    Map.Entry<EvaluationResult, List<String>> ev =
        ModelEvaluation.evaluate(dir, s, new ExperimentRunner(), src, tmp.resolve("eval"));
    assertEquals(first.segmentAccuracy(), ev.getKey().segmentAccuracy(), 1e-12);
    Map<String, Object> saved = RunFiles.readJson(dir.resolve("evaluation.json"));
    assertEquals(
        saved.get("confusion"),
        RunFiles.readJson(tmp.resolve("eval/evaluation.json")).get("confusion"));
    Map<String, Object> prov = RunFiles.readJson(dir.resolve("provenance.json"));
    for (String k :
        List.of(
            "git_commit",
            "java_version",
            "djl_version",
            "engine_version",
            "seed",
            "device",
            "split_hash")) {
      assertNotNull(prov.get(k), k);
    }
    assertEquals(3, ((Number) prov.get("seed")).intValue());
  }

  @Test
  void seedsGiveOneRunEachAndASummary() throws IOException {
    ConfigSource src =
        source(
            List.of(
                "seeds=[1, 2]",
                "seed=null",
                "training.epochs=1",
                "model.type=single_task",
                "model.size_head=none"));
    src.tree().remove("seed");
    RunSettings s = RunSettings.from(src, "x");
    Path dir = tmp.resolve("seeds");
    List<RunResult> rs = new ExperimentRunner().run(s, src, dir);
    assertEquals(2, rs.size());
    assertTrue(Files.isRegularFile(dir.resolve("seed-1/result.json")));
    assertTrue(Files.isRegularFile(dir.resolve("seed-2/result.json")));
    String summary = Files.readString(dir.resolve("summary.md"));
    double m = (rs.get(0).segmentAccuracy() + rs.get(1).segmentAccuracy()) / 2;
    double sd = Math.abs(rs.get(0).segmentAccuracy() - rs.get(1).segmentAccuracy()) / Math.sqrt(2);
    String expected = String.format(java.util.Locale.ROOT, "%.2f +- %.2f", 100 * m, 100 * sd);
    assertTrue(summary.contains(expected), summary + " lacks " + expected);
  }

  private static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
