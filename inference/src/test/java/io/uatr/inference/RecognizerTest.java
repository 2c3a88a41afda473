package io.uatr.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.filter.Resampler;
import io.uatr.dsp.io.AudioStream;
import io.uatr.dsp.io.ChannelSelection;
import io.uatr.dsp.io.SampleFormat;
import io.uatr.dsp.io.WavReader;
import io.uatr.dsp.io.WavWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecognizerTest {
  @TempDir static Path dir;
  static Recognizer rec;

  @BeforeAll
  static void load() throws IOException {
    rec = Recognizer.load(TestBundles.write(dir.resolve("bundle"), 7));
  }

  @AfterAll
  static void close() {
    rec.close();
  }

  private static void assertClose(float[] a, float[] b, double tol, String what) {
    assertEquals(a.length, b.length, what);
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], tol, what + "[" + i + "]");
    }
  }

  @Test
  void streamingMatchesTheWholeFileReferenceSegmentBySegment() throws IOException {
    float[] x = TestAudio.signal(3.3, TestFeatures.SR, 180, 1);
    Path wav = TestAudio.wav(dir.resolve("a.wav"), x, TestFeatures.SR, SampleFormat.FLOAT32);
    RecordingPrediction p = rec.predict(wav, PredictOptions.defaults().withBatchSize(3));
    List<float[]> ref = Reference.segmentProbs(rec, x);
    // 1 s segments every 0.5 s over 3.3 s: starts 0..2.0 full (5), a padded tail from 2.5 (0.8 s)
    assertEquals(6, ref.size());
    assertEquals(ref.size(), p.segments().size());
    for (int k = 0; k < ref.size(); k++) {
      assertClose(ref.get(k), p.segments().get(k).classProbabilities(), 1e-5, "segment " + k);
      assertEquals(0.5 * k, p.segments().get(k).startS(), 1e-9);
    }
    assertEquals(3.3, p.segments().get(5).endS(), 1e-9);
    float[] mean = new float[3];
    for (float[] r : ref) {
      for (int c = 0; c < 3; c++) {
        mean[c] += r[c] / ref.size();
      }
    }
    assertClose(mean, p.classProbabilities(), 1e-5, "recording");
    assertEquals(3.3, p.durationS(), 1e-9);
    assertEquals(TestBundles.CLASSES.get(p.predictedIndex()), p.predictedClass());
    assertEquals(1.0, sum(p.classProbabilities()), 1e-5);
    assertTrue(p.size() != null && TestBundles.SIZES.contains(p.size().label()));
    assertEquals(1.0, sum(p.size().levelProbabilities()), 1e-5);
  }

  @Test
  void fileArrayAndStreamGiveTheSamePrediction() throws IOException {
    float[] x = TestAudio.signal(2.2, TestFeatures.SR, 400, 2);
    Path wav = TestAudio.wav(dir.resolve("b.wav"), x, TestFeatures.SR, SampleFormat.FLOAT32);
    RecordingPrediction f = rec.predict(wav);
    RecordingPrediction a = rec.predict(x, TestFeatures.SR, PredictOptions.defaults());
    RecordingPrediction s;
    try (AudioStream in = WavReader.open(wav, ChannelSelection.mixDown())) {
      s = rec.predict("stream", in, PredictOptions.defaults().withBatchSize(1));
    }
    assertArrayEquals(f.classProbabilities(), a.classProbabilities());
    assertClose(f.classProbabilities(), s.classProbabilities(), 1e-6, "stream");
    assertEquals(f.segmentCount(), s.segmentCount());
  }

  @Test
  void otherRatesAreResampledAndChannelsMixedOrSelected() throws IOException {
    int sr = 11025;
    float[] left = TestAudio.signal(2.0, sr, 300, 3);
    float[] right = TestAudio.signal(2.0, sr, 900, 4);
    float[] inter = new float[2 * left.length];
    float[] mix = new float[left.length];
    for (int i = 0; i < left.length; i++) {
      inter[2 * i] = left[i];
      inter[2 * i + 1] = right[i];
      mix[i] = (left[i] + right[i]) / 2;
    }
    Path wav = dir.resolve("stereo.wav");
    WavWriter.write(wav, inter, sr, 2, SampleFormat.FLOAT32);
    RecordingPrediction m = rec.predict(wav);
    RecordingPrediction r =
        rec.predict(wav, PredictOptions.defaults().withChannel(ChannelSelection.channel(1)));
    List<float[]> refMix = Reference.segmentProbs(rec, Resampler.resample(mix, sr, 8000));
    List<float[]> refRight = Reference.segmentProbs(rec, Resampler.resample(right, sr, 8000));
    assertEquals(refMix.size(), m.segmentCount());
    for (int k = 0; k < refMix.size(); k++) {
      assertClose(refMix.get(k), m.segments().get(k).classProbabilities(), 1e-4, "mix " + k);
      assertClose(refRight.get(k), r.segments().get(k).classProbabilities(), 1e-4, "ch1 " + k);
    }
    assertThrows(
        IOException.class,
        () -> rec.predict(wav, PredictOptions.defaults().withChannel(ChannelSelection.channel(2))));
  }

  @Test
  void gateWeightsOnRequestAreDistributions() throws IOException {
    float[] x = TestAudio.signal(1.6, TestFeatures.SR, 250, 5);
    RecordingPrediction p =
        rec.predict(x, TestFeatures.SR, PredictOptions.defaults().withGateWeights(true));
    assertEquals(2, p.gateWeights().size(), "m3: one gate per task");
    for (float[] g : p.gateWeights()) {
      assertEquals(2, g.length);
      assertEquals(1.0, sum(g), 1e-5);
    }
    for (SegmentPrediction s : p.segments()) {
      assertEquals(2, s.gateWeights().size());
    }
    RecordingPrediction q = rec.predict(x, TestFeatures.SR, PredictOptions.defaults());
    assertTrue(q.gateWeights().isEmpty());
    assertArrayEquals(q.classProbabilities(), p.classProbabilities());
  }

  @Test
  void shortRecordingIsLoopedAndTooShortOrBadInputFails() throws IOException {
    float[] x = TestAudio.signal(0.4, TestFeatures.SR, 250, 6);
    RecordingPrediction p = rec.predict(x, TestFeatures.SR, PredictOptions.defaults());
    assertEquals(1, p.segmentCount());
    assertClose(Reference.segmentProbs(rec, x).get(0), p.classProbabilities(), 1e-5, "short");
    IOException e =
        assertThrows(
            IOException.class,
            () -> rec.predict(new float[0], TestFeatures.SR, PredictOptions.defaults()));
    assertTrue(e.getMessage().contains("no segment"), e.getMessage());
    x[100] = Float.NaN;
    assertThrows(
        IOException.class, () -> rec.predict(x, TestFeatures.SR, PredictOptions.defaults()));
  }

  @Test
  void truncatedFileIsPredictedFromWhatItHoldsWithAWarning() throws IOException {
    float[] x = TestAudio.signal(2.0, TestFeatures.SR, 250, 8);
    Path wav = TestAudio.wav(dir.resolve("t.wav"), x, TestFeatures.SR, SampleFormat.PCM_S16);
    long keep = 44 + 2L * 12000;
    try (RandomAccessFile f = new RandomAccessFile(wav.toFile(), "rw")) {
      f.setLength(keep);
    }
    RecordingPrediction p = rec.predict(wav);
    assertEquals(1.5, p.durationS(), 1e-9);
    assertEquals(1, p.warnings().size());
    assertTrue(p.warnings().get(0).contains("truncated"), p.warnings().get(0));
    float[] held = WavReader.readAll(wav, ChannelSelection.mixDown());
    List<float[]> ref = Reference.segmentProbs(rec, held);
    assertEquals(ref.size(), p.segmentCount());
    assertClose(
        ref.get(ref.size() - 1),
        p.segments().get(ref.size() - 1).classProbabilities(),
        1e-5,
        "last");
  }

  @Test
  void manyThreadsGiveTheSameResultsAsOne() throws Exception {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      float[] x = TestAudio.signal(1.5 + 0.3 * i, TestFeatures.SR, 150 + 90 * i, 10 + i);
      files.add(
          TestAudio.wav(dir.resolve("m" + i + ".wav"), x, TestFeatures.SR, SampleFormat.PCM_S24));
    }
    List<float[]> seq = new ArrayList<>();
    for (Path f : files) {
      seq.add(rec.predict(f).classProbabilities());
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (int round = 0; round < 2; round++) {
        List<Future<float[]>> fut = new ArrayList<>();
        for (Path f : files) {
          fut.add(pool.submit(() -> rec.predict(f).classProbabilities()));
        }
        for (int i = 0; i < files.size(); i++) {
          assertArrayEquals(seq.get(i), fut.get(i).get(), "file " + i);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    Files.deleteIfExists(files.get(0));
  }

  private static double sum(float[] a) {
    double s = 0;
    for (float v : a) {
      s += v;
    }
    return s;
  }
}
