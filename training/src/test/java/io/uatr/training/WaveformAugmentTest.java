package io.uatr.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.config.ConfigReader;
import io.uatr.training.augment.WaveformAugment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waveform gain and noise, their seeding, and the trainer's per-epoch recomputation. */
class WaveformAugmentTest {

  private static float[] tone(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16000.0) + 0.05 * r.nextGaussian());
    }
    return x;
  }

  private static double power(float[] x) {
    double p = 0;
    for (float v : x) {
      p += (double) v * v;
    }
    return p / x.length;
  }

  /** Naive feature function of the test: per-frame log power of 64-sample frames in 4 bands. */
  private static float[][] naiveFeatures(float[] a) {
    int frames = a.length / 256;
    float[][] m = new float[4][frames];
    for (int j = 0; j < frames; j++) {
      for (int b = 0; b < 4; b++) {
        double p = 0;
        for (int k = 0; k < 64; k++) {
          double v = a[j * 256 + b * 64 + k];
          p += v * v;
        }
        m[b][j] = (float) (10 * Math.log10(p / 64 + 1e-12));
      }
    }
    return m;
  }

  private static AugmentConfig wave(
      double gMin, double gMax, double prob, double sMin, double sMax) {
    return new AugmentConfig(
        0, 0, 0, 0, 0, 1, 0, 0.2, 0, 0, 20, "db", gMin, gMax, prob, sMin, sMax);
  }

  @Test
  void gainScalesRms() {
    for (double g : new double[] {-12.5, -3, 0, 6, 20}) {
      float[] x = tone(4000, 1);
      double before = Math.sqrt(power(x));
      WaveformAugment.gain(x, g);
      assertEquals(Math.pow(10, g / 20), Math.sqrt(power(x)) / before, 1e-6, "gain " + g);
    }
  }

  @Test
  void noiseMeetsTheDrawnSnr() {
    SplittableRandom draw = new SplittableRandom(7);
    for (int t = 0; t < 20; t++) {
      double snr = -5 + 35 * draw.nextDouble();
      float[] clean = tone(16000, t);
      float[] noisy = clean.clone();
      WaveformAugment.addNoise(noisy, snr, new SplittableRandom(100 + t));
      float[] noise = new float[clean.length];
      for (int i = 0; i < clean.length; i++) {
        noise[i] = noisy[i] - clean[i];
      }
      double measured = 10 * Math.log10(power(clean) / power(noise));
      assertEquals(snr, measured, 0.2, "snr " + snr);
    }
  }

  @Test
  void augmentDrawsGainAndSnrWithinTheirRanges() {
    AugmentConfig c = wave(-6, 6, 1.0, 10, 20);
    float[] x = tone(16000, 3);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int t = 0; t < 30; t++) {
      float[] y = WaveformAugment.augment(x, c, new SplittableRandom(t));
      // power ratio = gain^2 * (1 + 10^(-snr/10)); bounds from the ranges
      double ratioDb = 10 * Math.log10(power(y) / power(x));
      assertTrue(ratioDb > -6 - 0.1 && ratioDb < 6 + 10 * Math.log10(1.1) + 0.1, "" + ratioDb);
      lo = Math.min(lo, ratioDb);
      hi = Math.max(hi, ratioDb);
    }
    assertTrue(hi - lo > 6, "gain varies across draws");
    float[] none = WaveformAugment.augment(x, wave(0, 0, 0, 20, 20), new SplittableRandom(1));
    assertArrayEquals(x, none);
  }

  @Test
  void featuresAreSeededBySeedEpochAndSegment() {
    float[] a = tone(4096, 5);
    FeatureSegment s =
        new FeatureSegment(
            WaveformFeatures.of(
                SegmentFeatures.of(naiveFeatures(a)), a, WaveformAugmentTest::naiveFeatures),
            0,
            -1,
            Float.NaN,
            "r",
            Split.TRAIN);
    AugmentConfig c = wave(-10, 10, 0.5, 0, 30);
    float[][] e1 = WaveformAugment.features(s, c, 42, 1, 3);
    assertTrue(Arrays.deepEquals(e1, WaveformAugment.features(s, c, 42, 1, 3)));
    assertFalse(Arrays.deepEquals(e1, WaveformAugment.features(s, c, 42, 2, 3)));
    assertFalse(Arrays.deepEquals(e1, WaveformAugment.features(s, c, 42, 1, 4)));
    assertFalse(Arrays.deepEquals(e1, WaveformAugment.features(s, c, 43, 1, 3)));
    // the clean matrix is untouched
    assertTrue(Arrays.deepEquals(naiveFeatures(a), s.features().toArray()));
    FeatureSegment heap = new FeatureSegment(naiveFeatures(a), 0, -1, Float.NaN, "h", Split.TRAIN);
    assertThrows(IllegalArgumentException.class, () -> WaveformAugment.features(heap, c, 1, 1, 0));
  }

  @Test
  void configKeysAreReadAndValidated() {
    Map<String, Object> m = new HashMap<>();
    m.put("wave_gain_db_min", -6);
    m.put("wave_gain_db_max", 3);
    m.put("wave_noise_prob", 0.5);
    m.put("wave_snr_db_min", 5);
    m.put("wave_snr_db_max", 25);
    AugmentConfig c = AugmentConfig.fromConfig(new ConfigReader(m, "training.augment"));
    assertEquals(-6, c.waveGainDbMin());
    assertEquals(25, c.waveSnrDbMax());
    assertTrue(c.waveformEnabled());
    assertFalse(AugmentConfig.none().waveformEnabled());
    m.put("wave_snr_db_max", 1);
    assertThrows(
        IllegalArgumentException.class,
        () -> AugmentConfig.fromConfig(new ConfigReader(m, "training.augment")));
  }

  /** TinyData's layout, each segment backed by audio whose features are its samples reshaped. */
  private static SegmentSet waveData(long seed) {
    SegmentSet base = TinyData.make(3, 4, 3, 1, seed);
    List<FeatureSegment> out = new ArrayList<>();
    for (FeatureSegment s : base.segments()) {
      float[][] m = s.features().toArray();
      float[] a = new float[TinyData.BINS * TinyData.FRAMES];
      for (int i = 0; i < TinyData.BINS; i++) {
        System.arraycopy(m[i], 0, a, i * TinyData.FRAMES, TinyData.FRAMES);
      }
      out.add(
          new FeatureSegment(
              WaveformFeatures.of(s.features(), a, WaveformAugmentTest::reshape),
              s.classLabel(),
              s.sizeLevel(),
              s.sizeValue(),
              s.recordingId(),
              s.split()));
    }
    return new SegmentSet(out, base.classNames());
  }

  private static float[][] reshape(float[] a) {
    float[][] m = new float[TinyData.BINS][TinyData.FRAMES];
    for (int i = 0; i < TinyData.BINS; i++) {
      System.arraycopy(a, i * TinyData.FRAMES, m[i], 0, TinyData.FRAMES);
    }
    return m;
  }

  private static List<EpochMetrics> run(SegmentSet d, TrainingConfig c, Path dir, long seed)
      throws Exception {
    try (MultiTaskTrainer t = new MultiTaskTrainer(TinyData.spec(3), c, seed, dir)) {
      return t.fit(d).history().stream().map(EpochMetrics::withoutTime).toList();
    }
  }

  @Test
  void trainerRecomputesFeaturesPerEpochDeterministically(@TempDir Path tmp) throws Exception {
    SegmentSet d = waveData(5);
    Map<String, Object> aug =
        Map.of(
            "wave_gain_db_min",
            -6,
            "wave_gain_db_max",
            6,
            "wave_noise_prob",
            0.7,
            "wave_snr_db_min",
            0,
            "wave_snr_db_max",
            10);
    TrainingConfig c = TrainerTest.config(2, Map.of("augment", aug));
    Path dirA = tmp.resolve("a");
    Path killed = tmp.resolve("killed");
    List<EpochMetrics> a;
    try (MultiTaskTrainer t = new MultiTaskTrainer(TinyData.spec(3), c, 42, dirA)) {
      t.setListener(
          new ProgressListener() {
            @Override
            public void onEpoch(EpochMetrics m) {
              if (m.epoch() == 1) {
                TrainerTest.copyTree(dirA, killed);
              }
            }
          });
      a = t.fit(d).history().stream().map(EpochMetrics::withoutTime).toList();
    }
    assertEquals(a, run(d, c, tmp.resolve("b"), 42), "same seed, same metrics");
    // the copy taken after epoch 1 resumes exactly
    try (MultiTaskTrainer t = new MultiTaskTrainer(TinyData.spec(3), c, 42, killed)) {
      TrainingResult r = t.fit(d);
      assertEquals(1, r.resumedFromEpoch());
      assertEquals(a, r.history().stream().map(EpochMetrics::withoutTime).toList());
    }
    TrainingConfig plain = TrainerTest.config(2, Map.of("augment", Map.of()));
    assertFalse(a.equals(run(d, plain, tmp.resolve("c"), 42)), "the augmentation is applied");
    SegmentSet heap = TinyData.make(3, 4, 3, 1, 5);
    assertThrows(IllegalArgumentException.class, () -> run(heap, c, tmp.resolve("h"), 42));
  }
}
