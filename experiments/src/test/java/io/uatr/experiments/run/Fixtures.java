package io.uatr.experiments.run;

import io.uatr.datasets.ShipsEarLoader;
import io.uatr.datasets.TsvTable;
import io.uatr.dsp.io.SampleFormat;
import io.uatr.dsp.io.WavWriter;
import io.uatr.experiments.config.ConfigLoader;
import io.uatr.experiments.config.ConfigSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Tiny data sets and overrides for fast end-to-end tests. */
final class Fixtures {
  static final int FS = 4000;

  private Fixtures() {}

  /** The repository root (the surefire run directory is the module directory). */
  static Path repo() {
    String env = System.getenv("UATR_REPO_ROOT");
    return (env != null ? Path.of(env) : Path.of("..")).toAbsolutePath().normalize();
  }

  /** Overrides that make any config tiny: 1 s segments, small log-mel, small CNN, 1 epoch. */
  static List<String> tiny(Path cache) {
    return new ArrayList<>(
        List.of(
            "dataset.cache_dir=" + cache,
            "dataset.segment.length_s=1",
            "dataset.segment.hop_s=1",
            "dataset.segment.min_partial_s=0.5",
            "features.sr=" + FS,
            "features.n_fft=256",
            "features.hop_length=32",
            "features.n_mels=16",
            "features.fmax=2000",
            "model.backbone=small_cnn",
            "model.width=4",
            "model.expert_dim=8",
            "model.class_tower_hidden=8",
            "model.size_tower_hidden=4",
            "training.epochs=1",
            "training.batch_size=16",
            "training.threads=1",
            "training.early_stopping.patience=0"));
  }

  /** Overrides for a tiny synthetic corpus in {@code root}. */
  static List<String> tinySynth(Path root) {
    return List.of(
        "dataset.root=" + root,
        "dataset.synth.recordings_per_class=4",
        "dataset.synth.duration_s=[3, 4]",
        "dataset.synth.sample_rate=8000",
        "dataset.synth.threads=2");
  }

  static ConfigSource load(Path config, List<String> sets) {
    return ConfigLoader.load(config, sets);
  }

  /**
   * Writes a fake ShipsEar copy: one 2.5 s WAV per ID of the shipped metadata, named like the real
   * files ({@code <ID>__<dd_mm_yy>_<Type>.wav}), holding a class-dependent tone in noise.
   */
  static Path fakeShipsEar(Path dir) throws IOException {
    Files.createDirectories(dir);
    TsvTable meta = ShipsEarLoader.shippedMetadata();
    for (Map<String, String> row : meta.rows()) {
      String id = row.get("ids");
      String label = row.get("label");
      String[] d = row.getOrDefault("date", "2013/1/1").split("/");
      String date =
          String.format(
              "%02d_%02d_%02d",
              Integer.parseInt(d[2].trim()),
              Integer.parseInt(d[1].trim()),
              Integer.parseInt(d[0].trim()) % 100);
      String name = id + "__" + date + "_" + label.replaceAll("[^A-Za-z0-9]", "") + ".wav";
      writeTone(dir.resolve(name), 2.5, 100 + 40 * Math.abs(label.hashCode() % 30), id.hashCode());
    }
    return dir;
  }

  /** Writes a fake DeepShip sample: 4 classes x 4 flat clips of 3 s with metafiles. */
  static Path fakeDeepShip(Path dir) throws IOException {
    String[] classes = {"Cargo", "Passengership", "Tanker", "Tug"};
    for (int c = 0; c < classes.length; c++) {
      Path cd = Files.createDirectories(dir.resolve(classes[c]));
      StringBuilder meta = new StringBuilder();
      for (int i = 1; i <= 4; i++) {
        writeTone(cd.resolve(i + ".wav"), 3, 150 + 200 * c, 31L * c + i);
        meta.append(i)
            .append(",70,SHIP ")
            .append(c)
            .append('-')
            .append(i)
            .append(",20160505,125658,37,1593-1730,\n");
      }
      Files.writeString(
          cd.resolve(classes[c].toLowerCase() + "-metafile"), meta, StandardCharsets.UTF_8);
    }
    return dir;
  }

  /** Writes a folder-per-class collection: 3 classes x 5 clips of 3 s. */
  static Path fakeFolders(Path dir) throws IOException {
    String[] classes = {"Alpha", "Bravo", "Charlie"};
    for (int c = 0; c < classes.length; c++) {
      Path cd = Files.createDirectories(dir.resolve(classes[c]));
      for (int i = 0; i < 5; i++) {
        writeTone(cd.resolve("clip" + i + ".wav"), 3, 200 + 300 * c, 17L * c + i);
      }
    }
    return dir;
  }

  static void writeTone(Path file, double seconds, double hz, long seed) throws IOException {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[(int) (seconds * FS)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / FS) + 0.1 * rng.nextGaussian());
    }
    WavWriter.write(file, x, FS, 1, SampleFormat.PCM_S16);
  }
}
