package io.uatr.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.datasets.synth.ClassPrior;
import io.uatr.datasets.synth.SynthConfig;
import io.uatr.datasets.synth.SynthCorpus;
import io.uatr.datasets.synth.SynthRecord;
import io.uatr.datasets.synth.SynthSummary;
import io.uatr.dsp.config.ConfigReader;
import io.uatr.dsp.io.ChannelSelection;
import io.uatr.dsp.io.WavReader;
import io.uatr.dsp.spectral.Stft;
import io.uatr.dsp.spectral.StftConfig;
import io.uatr.models.spec.ModelSpec;
import io.uatr.training.eval.EvaluationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End to end: a tiny synthetic corpus (3 classes x 5 recordings of 6-8 s at 8 kHz), 16-band log
 * spectrogram segments of 32 frames standardised with training statistics, a tiny M3 model, a few
 * epochs; the test recordings are classified well above chance (1/3).
 */
class SynthEndToEndTest {

  private static final Logger LOG = LoggerFactory.getLogger(SynthEndToEndTest.class);
  private static final List<String> CLASSES = List.of("Dredger", "Sailboat", ClassPrior.AMBIENT);
  private static final int BANDS = 16;
  private static final int SEG = 32;

  @Test
  void learnsAboveChance(@TempDir Path tmp) throws Exception {
    Map<String, Object> synth = new HashMap<>();
    synth.put("seed", 3);
    synth.put("classes", CLASSES);
    synth.put("recordings_per_class", 5);
    synth.put("duration_s", List.of(6, 8));
    synth.put("sample_rate", 8000);
    synth.put("test_fraction", 0.2);
    synth.put("sample_format", "float32");
    SynthConfig sc = SynthConfig.fromConfig(new ConfigReader(synth, "dataset.synth"));
    SynthSummary corpus = SynthCorpus.generate(sc, tmp.resolve("corpus"));
    // Whole-recording band matrices, standardised with the training recordings' statistics;
    // segments are 50 % overlapping windows into them (no copies).
    List<float[][]> bandsOf = new ArrayList<>();
    List<Boolean> isTest = new ArrayList<>();
    for (SynthRecord r : corpus.records()) {
      float[] x =
          WavReader.readAll(corpus.directory().resolve(r.fileName()), ChannelSelection.mixDown());
      bandsOf.add(logBands(Stft.power(x, StftConfig.of(256, 128))));
      isTest.add(corpus.testIds().contains(r.id()));
    }
    standardise(bandsOf, isTest);
    List<FeatureSegment> segments = new ArrayList<>();
    for (int k = 0; k < corpus.records().size(); k++) {
      SynthRecord r = corpus.records().get(k);
      float[][] bands = bandsOf.get(k);
      int label = CLASSES.indexOf(r.label());
      int size = label == 0 ? 2 : label == 1 ? 1 : 0; // large, small, none
      Split split = isTest.get(k) ? Split.TEST : Split.TRAIN;
      for (int t0 = 0; t0 + SEG <= bands[0].length; t0 += SEG / 2) {
        segments.add(
            new FeatureSegment(
                SegmentFeatures.window(bands, t0, SEG),
                label,
                size,
                (float) r.lengthM(),
                "rec" + r.id(),
                split));
      }
    }
    SegmentSet data = new SegmentSet(segments, CLASSES);
    ModelSpec spec =
        ModelSpec.builder()
            .width(4)
            .experts(2)
            .numClasses(3)
            .numSizeLevels(3)
            .classTowerHidden(8)
            .sizeTowerHidden(4)
            .build();
    Map<String, Object> tc = new HashMap<>();
    tc.put("epochs", 4);
    tc.put("batch_size", 16);
    tc.put("device", "cpu");
    tc.put("optimizer", Map.of("type", "adam", "lr", 0.01));
    tc.put("schedule", Map.of("type", "cosine"));
    tc.put("augment", Map.of("time_masks", 1, "time_width", 4, "freq_masks", 1, "freq_width", 2));
    tc.put("early_stopping", Map.of("metric", "val_accuracy"));
    TrainingConfig config = TrainingConfig.fromConfig(new ConfigReader(tc, "training"));
    try (MultiTaskTrainer trainer = new MultiTaskTrainer(spec, config, 7, tmp.resolve("run"))) {
      TrainingResult r = trainer.fit(data);
      assertEquals(4, r.history().size());
      EvaluationResult test = trainer.evaluate(r.data().part(Split.TEST));
      LOG.info(
          "synthetic test: {} segments, accuracy {}, recording accuracy {}, macro-F1 {}, size"
              + " accuracy {}",
          test.segments(),
          test.segmentAccuracy(),
          test.recordingAccuracy(),
          test.macroF1(),
          test.sizeAccuracy());
      assertEquals(3, test.recordings());
      assertTrue(test.segmentAccuracy() > 0.8, "test accuracy " + test.segmentAccuracy());
    }
  }

  /** [frames][bins] power to [BANDS][frames] dB of equal-width band sums (DC bin dropped). */
  private static float[][] logBands(float[][] power) {
    int frames = power.length;
    int per = (power[0].length - 1) / BANDS;
    float[][] out = new float[BANDS][frames];
    for (int t = 0; t < frames; t++) {
      for (int b = 0; b < BANDS; b++) {
        double s = 0;
        for (int k = 1 + b * per; k < 1 + (b + 1) * per; k++) {
          s += power[t][k];
        }
        out[b][t] = (float) (10 * Math.log10(s + 1e-20));
      }
    }
    return out;
  }

  /** Standardises all matrices in place with the mean and std of the training ones. */
  private static void standardise(List<float[][]> mats, List<Boolean> isTest) {
    double s = 0;
    double s2 = 0;
    long n = 0;
    for (int k = 0; k < mats.size(); k++) {
      if (!isTest.get(k)) {
        for (float[] row : mats.get(k)) {
          for (float v : row) {
            s += v;
            s2 += (double) v * v;
            n++;
          }
        }
      }
    }
    double mean = s / n;
    double std = Math.sqrt(Math.max(1e-12, s2 / n - mean * mean));
    for (float[][] m : mats) {
      for (float[] row : m) {
        for (int j = 0; j < row.length; j++) {
          row[j] = (float) ((row[j] - mean) / std);
        }
      }
    }
  }
}
