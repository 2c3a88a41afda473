package io.uatr.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.datasets.Recording;
import io.uatr.datasets.Segmenter;
import io.uatr.dsp.config.ConfigReader;
import io.uatr.dsp.io.ChannelSelection;
import io.uatr.dsp.io.SampleFormat;
import io.uatr.dsp.io.WavReader;
import io.uatr.dsp.io.WavWriter;
import io.uatr.experiments.report.DemonPhysics;
import io.uatr.inference.RouterFeatures;
import io.uatr.training.FeatureSegment;
import io.uatr.training.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The router views of every segment are the DEMON spectra of windows of that segment's own samples:
 * the cross-temporal pairs (views of one segment) never mix recordings or splits.
 */
class RouterViewsTest {
  private static final int FS = 4000;

  /** Noise whose amplitude is modulated at a rate of its own per recording (2 + 3 i Hz). */
  private static void write(Path file, int i) throws Exception {
    SplittableRandom rng = new SplittableRandom(i);
    float[] x = new float[3 * FS];
    for (int n = 0; n < x.length; n++) {
      double m = 1 + 0.8 * Math.cos(2 * Math.PI * (2 + 3 * i) * n / FS);
      x[n] = (float) (0.2 * m * rng.nextGaussian());
    }
    WavWriter.write(file, x, FS, 1, SampleFormat.PCM_S16);
  }

  @Test
  void viewsComeFromTheSegmentsOwnSamples(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("data");
    for (String c : List.of("Alpha", "Bravo")) {
      Files.createDirectories(root.resolve(c));
      for (int i = 0; i < 3; i++) {
        write(root.resolve(c).resolve("clip" + i + ".wav"), c.equals("Alpha") ? i : i + 3);
      }
    }
    Map<String, Object> ds = new LinkedHashMap<>();
    ds.put("type", "custom");
    ds.put("root", root.toString());
    ds.put("segment", Map.of("length_s", 1, "hop_s", 1));
    ds.put("test_fraction", 0.34);
    Map<String, Object> fs = new HashMap<>();
    fs.put("type", "logmel");
    fs.put("sr", FS);
    fs.put("n_fft", 256);
    fs.put("hop_length", 64);
    fs.put("n_mels", 8);
    fs.put(
        "router",
        Map.of(
            "type",
            "demon",
            "band_low",
            200,
            "band_high",
            1800,
            "window_seconds",
            0.5,
            "hop_seconds",
            0.25,
            "fmax",
            40));
    DataSettings d = DataSettings.fromConfig(new ConfigReader(ds, "dataset"));
    FeatureSettings f = FeatureSettings.fromConfig(new ConfigReader(fs, "features"));
    PreparedData data = DataBuilder.prepare(d, f);
    List<Recording> all = new ArrayList<>(data.splits().train());
    all.addAll(data.splits().test());
    int checked = 0;
    for (Recording r : all) {
      String rid = DataBuilder.recordingId(r);
      float[] audio = WavReader.readAll(r.file(), ChannelSelection.mixDown());
      List<io.uatr.datasets.Segment> segs = DataBuilder.segments(r, d, f);
      List<FeatureSegment> mine =
          data.segments().segments().stream().filter(s -> s.recordingId().equals(rid)).toList();
      assertEquals(segs.size(), mine.size(), rid);
      Split split = mine.get(0).split();
      for (int k = 0; k < segs.size(); k++) {
        float[][] want =
            RouterFeatures.compute(Segmenter.extract(audio, segs.get(k)), FS, f.router());
        float[][] got = mine.get(k).router();
        assertEquals(3, got.length, "views of 1 s segments: 0.5 s windows every 0.25 s");
        for (int v = 0; v < got.length; v++) {
          assertArrayEquals(want[v], got[v], 0f, rid + " segment " + k + " view " + v);
        }
        assertEquals(split, mine.get(k).split(), "one recording, one split");
        checked++;
      }
    }
    assertTrue(checked >= 12, "segments checked: " + checked);
  }

  @Test
  void aHitIsTheStrongestLineWithinOneBinOfAShaftHarmonic() {
    double[] freqs = new double[40];
    for (int k = 0; k < freqs.length; k++) {
      freqs[k] = 0.5 * (k + 1); // 0.5 .. 20 Hz
    }
    SplittableRandom rng = new SplittableRandom(3);
    for (int t = 0; t < 500; t++) {
      float[] s = new float[freqs.length];
      int peak = rng.nextInt(freqs.length);
      s[peak] = 1;
      double shaft = 0.7 + 6 * rng.nextDouble();
      boolean naive = false; // every harmonic k * shaft below 25 Hz, one bin = 0.5 Hz
      for (int h = 1; h * shaft < 25; h++) {
        naive |= Math.abs(freqs[peak] - h * shaft) <= 0.5 + 1e-9;
      }
      assertEquals(naive, DemonPhysics.hits(s, freqs, shaft), "peak " + peak + " shaft " + shaft);
    }
    DemonPhysics p =
        DemonPhysics.of(
            List.of(new float[] {0, 1, 0}, new float[] {1, 0, 0}, new float[] {0, 0, 1}),
            List.of(new float[] {0, 1, 0}, new float[] {0, 1, 0}, new float[] {0, 0, 1}),
            new double[] {2.0, 4.5, Double.NaN},
            new double[] {3, 4, 5});
    assertEquals(2, p.segments());
    assertEquals(1, p.rawHits());
    assertEquals(2, p.reconHits());
  }
}
