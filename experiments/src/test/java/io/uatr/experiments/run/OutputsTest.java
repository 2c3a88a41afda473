package io.uatr.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.uatr.training.eval.Predictions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputsTest {
  @TempDir Path tmp;

  @Test
  void recordingPredictionsAverageTheSegmentProbabilitiesOfEachRecording() throws IOException {
    // Y: (0.9 + 0.4) / 2 = 0.65 for class a -> a (right, although its segments tie 1:1);
    // X: (0.6 + 0.3 + 0.2) / 3 = 0.37 for class a -> b (wrong)
    Predictions p =
        new Predictions(
            new float[][] {{0.9f, 0.1f}, {0.6f, 0.4f}, {0.3f, 0.7f}, {0.4f, 0.6f}, {0.2f, 0.8f}},
            null,
            List.of(),
            new int[] {0, 0, 0, 0, 0},
            new int[] {-1, -1, -1, -1, -1},
            new float[] {Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN},
            new String[] {"Y", "X", "X", "Y", "X"});
    Path f = tmp.resolve(Outputs.RECORDING_PREDICTIONS);
    Outputs.recordingPredictions(f, p, List.of("a", "b"));
    assertEquals(
        List.of(
            List.of("recording", "true", "predicted", "correct"),
            List.of("Y", "a", "a", "1"),
            List.of("X", "a", "b", "0")),
        RunFiles.readCsv(f));
  }
}
