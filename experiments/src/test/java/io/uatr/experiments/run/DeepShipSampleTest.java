package io.uatr.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.datasets.Recording;
import io.uatr.datasets.SharedTestData;
import io.uatr.dsp.io.WavReader;
import io.uatr.experiments.config.ConfigLoader;
import io.uatr.experiments.config.ConfigSource;
import io.uatr.experiments.data.PreparedData;
import io.uatr.experiments.report.RunReport;
import io.uatr.experiments.report.Stats;
import io.uatr.training.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real data: trains on most of a folder of real DeepShip clips (Passengership against Tanker) and
 * evaluates on the rest, split by recording (ship). The folder comes from {@link
 * SharedTestData#deepShipSample()} (skipped without it, failed under {@code CI=true}); the figure
 * is logged and written to {@code target/deepship-sample-result.md}.
 */
class DeepShipSampleTest {
  private static final Logger LOG = LoggerFactory.getLogger(DeepShipSampleTest.class);

  @TempDir Path tmp;

  @Test
  void passengershipAgainstTankerOnRealClips() throws IOException {
    String dir = SharedTestData.deepShipSample().toString();
    ConfigSource src =
        ConfigLoader.load(
            Fixtures.repo().resolve("configs/datasets/deepship.yaml"),
            List.of(
                "dataset.root=" + dir,
                "dataset.classes=[Passengership, Tanker]",
                "dataset.test_fraction=0.25",
                "dataset.segment.length_s=3",
                "dataset.segment.hop_s=1.5",
                "dataset.cache_dir=" + tmp.resolve("cache"),
                "features.sr=8000",
                "features.n_fft=1024",
                "features.hop_length=256",
                "features.n_mels=48",
                "features.fmax=4000",
                "model.type=single_task",
                "model.size_head=none",
                "model.backbone=small_cnn",
                "model.width=8",
                "training.epochs=15",
                "training.batch_size=16",
                "training.optimizer.lr=0.002",
                "training.threads=2",
                "seeds=[1, 2, 3]"));
    src.tree()
        .computeIfPresent(
            "dataset",
            (k, v) -> {
              @SuppressWarnings("unchecked")
              java.util.Map<String, Object> m = (java.util.Map<String, Object>) v;
              m.remove("size_levels");
              m.remove("class_sizes");
              return m;
            });
    RunSettings s = RunSettings.from(src, "deepship-sample");
    ExperimentRunner runner = new ExperimentRunner();
    PreparedData data = runner.data(s, src);
    Set<String> train = new HashSet<>();
    data.splits().train().forEach(r -> train.add(r.id()));
    for (Recording r : data.splits().test()) {
      assertTrue(!train.contains(r.id()), "recording " + r.id() + " in both splits");
    }
    assertTrue(data.splits().leakage().clean(), data.splits().leakage().toString());
    int expectedTest = 0;
    for (Recording r : data.splits().test()) {
      double sec = WavReader.info(r.file()).frames() / (double) r.sampleRate();
      expectedTest += sec < 3 ? 1 : (int) Math.floor((sec - 3) / 1.5 + 1e-9) + 1;
    }
    assertEquals(expectedTest, data.segments().indices(Split.TEST).length);
    Path run = tmp.resolve("run");
    List<RunResult> rs = runner.run(s, src, run);
    assertEquals(3, rs.size());
    String figure =
        String.format(
            Locale.ROOT,
            "DeepShip sample (real), Passengership vs Tanker, %d train / %d test recordings, 3 s"
                + " segments, small CNN, 3 training seeds: test segment accuracy %s %%, recording"
                + " accuracy %s %%, macro-F1 %s %% (chance 50 %%)",
            data.splits().train().size(),
            data.splits().test().size(),
            Stats.percent(RunReport.col(rs, 0)),
            Stats.percent(RunReport.col(rs, 1)),
            Stats.percent(RunReport.col(rs, 2)));
    LOG.info(figure);
    Path out = Path.of("target/deepship-sample-result.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, figure + "\n\n" + Files.readString(run.resolve("summary.md")));
    for (RunResult r : rs) {
      assertTrue(r.segmentAccuracy() >= 0 && r.segmentAccuracy() <= 1);
      assertTrue(Files.isRegularFile(Path.of(r.dir()).resolve("model/bundle.yaml")));
    }
  }
}
