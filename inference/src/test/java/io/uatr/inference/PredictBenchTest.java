package io.uatr.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.io.SampleFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictBenchTest {
  @TempDir Path dir;

  @Test
  void countsTheSegmentsUatrPredictSeesAndTimesBothPaths() throws IOException {
    Path bundle = TestBundles.write(dir.resolve("bundle"), 3);
    Path a =
        TestAudio.wav(
            dir.resolve("a.wav"),
            TestAudio.signal(3.3, 16000, 200, 1),
            16000,
            SampleFormat.PCM_S16);
    // another rate: resampled on the way, as in uatr predict
    Path b =
        TestAudio.wav(
            dir.resolve("b.wav"),
            TestAudio.signal(2.2, 22050, 300, 2),
            22050,
            SampleFormat.PCM_S16);
    Path bad = Files.writeString(dir.resolve("bad.wav"), "not audio");
    try (Recognizer rec = Recognizer.load(bundle)) {
      int expected =
          rec.predict(a, PredictOptions.defaults()).segmentCount()
              + rec.predict(b, PredictOptions.defaults()).segmentCount();
      java.util.concurrent.atomic.AtomicInteger lastDone =
          new java.util.concurrent.atomic.AtomicInteger();
      PredictBench.Result r =
          PredictBench.run(
              rec,
              List.of(a, b, bad),
              PredictOptions.defaults().withBatchSize(2),
              2,
              3,
              null,
              (done, todo, audio) -> lastDone.accumulateAndGet(done, Math::max));
      // progress counts over all passes: 3 inputs once, then the 2 good ones in each of 3 rounds
      assertEquals(3 + 3 * 2, lastDone.get());
      assertEquals(3, r.recordings());
      assertEquals(1, r.failed());
      assertEquals(expected, r.segments());
      assertEquals(3.3 + 2.2, r.audioSeconds(), 1e-3);
      assertEquals(3, r.rounds().size());
      for (PredictBench.Round round : r.rounds()) {
        assertTrue(round.forwardS() > 0 && round.endToEndS() > 0, round.toString());
        // CPU times are read, not compared: at the clock's granularity a 0.05 s round can read the
        // same for both (seen once); which costs more is for uatr bench, not a unit test
        assertTrue(round.forwardCpuS() >= 0 && round.endToEndCpuS() >= 0, round.toString());
      }
      double ratio = r.medianRatio();
      assertTrue(
          r.rounds().stream().mapToDouble(PredictBench.Round::ratio).anyMatch(x -> x == ratio));
    }
  }

  @Test
  void noPredictableInputIsAnError() throws IOException {
    Path bundle = TestBundles.write(dir.resolve("bundle"), 3);
    Path bad = Files.writeString(dir.resolve("bad.wav"), "not audio");
    try (Recognizer rec = Recognizer.load(bundle)) {
      IOException e =
          assertThrows(
              IOException.class,
              () ->
                  PredictBench.run(rec, List.of(bad), PredictOptions.defaults(), 1, 1, null, null));
      assertTrue(e.getMessage().contains("none of the 1 inputs"), e.getMessage());
    }
  }
}
