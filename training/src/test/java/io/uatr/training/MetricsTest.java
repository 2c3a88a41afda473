package io.uatr.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.models.spec.SizeHead;
import io.uatr.training.eval.EvaluationResult;
import io.uatr.training.eval.GateDiagnostics;
import io.uatr.training.eval.Metrics;
import io.uatr.training.eval.Predictions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Metrics against confusion matrices and gate statistics worked out by hand. */
class MetricsTest {

  @Test
  void confusionPrecisionRecallF1() {
    int[] truth = {0, 0, 1, 1, 2, 2, 2};
    int[] pred = {0, 1, 1, 1, 2, 0, 2};
    long[][] cm = Metrics.confusion(truth, pred, 4);
    assertArrayEquals(new long[] {1, 1, 0, 0}, cm[0]);
    assertArrayEquals(new long[] {0, 2, 0, 0}, cm[1]);
    assertArrayEquals(new long[] {1, 0, 2, 0}, cm[2]);
    assertArrayEquals(new long[] {0, 0, 0, 0}, cm[3]);
    assertEquals(5 / 7.0, Metrics.accuracy(cm), 1e-12);
    assertArrayEquals(new double[] {0.5, 2 / 3.0, 1, 0}, Metrics.precision(cm), 1e-12);
    assertArrayEquals(new double[] {0.5, 1, 2 / 3.0, 0}, Metrics.recall(cm), 1e-12);
    assertArrayEquals(new double[] {0.5, 0.8, 0.8, 0}, Metrics.f1(cm), 1e-12);
    // class 3 occurs nowhere and is left out of the macro average
    assertEquals(0.7, Metrics.macroF1(cm), 1e-12);
  }

  @Test
  void recordingLevelAveragesProbabilities() {
    float[][] probs = {{0.9f, 0.1f}, {0.2f, 0.8f}, {0.3f, 0.7f}, {0.6f, 0.4f}, {0.45f, 0.55f}};
    int[] truth = {0, 0, 0, 1, 1};
    String[] rec = {"a", "a", "a", "b", "b"};
    // a: mean (0.4667, 0.5333) -> 1 (wrong although segment votes would not decide it either)
    // b: mean (0.525, 0.475) -> 0 (wrong)
    List<int[]> r = Metrics.recordingPredictions(probs, truth, rec);
    assertArrayEquals(new int[] {0, 1}, r.get(0));
    assertArrayEquals(new int[] {1, 0}, r.get(1));
    Predictions p =
        new Predictions(
            probs,
            new float[][] {{1, 0}, {0, 1}, {0, 1}, {1, 0}, {0, 1}},
            List.of(),
            truth,
            new int[] {0, 0, 1, 1, -1},
            new float[] {Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN},
            rec);
    EvaluationResult e = EvaluationResult.of(p, 2, SizeHead.LEVELS);
    assertEquals(2 / 5.0, e.segmentAccuracy(), 1e-12); // segments 0 and 4 right
    assertEquals(0.0, e.recordingAccuracy(), 1e-12);
    assertEquals(2, e.recordings());
    assertEquals(0.5, e.sizeAccuracy(), 1e-12); // 2 of the 4 labelled segments
    assertTrue(Double.isNaN(e.sizeMae()));
    double ce =
        -(Math.log(0.9) + Math.log(0.2) + Math.log(0.3) + Math.log(0.4) + Math.log(0.55)) / 5;
    assertEquals(ce, e.classLoss(), 1e-6);
  }

  @Test
  void sizeMae() {
    Predictions p =
        new Predictions(
            new float[][] {{1, 0}, {0, 1}},
            new float[][] {{12}, {30}},
            List.of(),
            new int[] {0, 1},
            new int[] {-1, -1},
            new float[] {10, 40},
            new String[] {"a", "b"});
    assertEquals(6.0, EvaluationResult.of(p, 2, SizeHead.REGRESSION).sizeMae(), 1e-6);
  }

  @Test
  void gateDiagnostics() {
    float[][] w = {{1, 0}, {0.5f, 0.5f}, {0, 1}, {1, 0}};
    GateDiagnostics g = Metrics.gates(0, w, new int[] {0, 0, 1, 1}, 3);
    assertArrayEquals(new double[] {0.625, 0.375}, g.utilisation(), 1e-7);
    assertArrayEquals(new double[] {0.75, 0.25}, g.classByExpert()[0], 1e-7);
    assertArrayEquals(new double[] {0.5, 0.5}, g.classByExpert()[1], 1e-7);
    assertTrue(Double.isNaN(g.classByExpert()[2][0]));
    assertEquals(0.25, g.meanNormalisedEntropy(), 1e-7);
    assertEquals(0.25, g.loadCv(), 1e-7); // std 0.125 / mean 0.5
    assertEquals(1.25, g.maxOverMean(), 1e-7);
    assertEquals(0.25, g.maxViolation(), 1e-7);
    assertEquals(0, g.deadExperts().length);
    assertArrayEquals(new long[] {3, 1}, g.hardCounts());
    GateDiagnostics dead =
        Metrics.gates(1, new float[][] {{1, 0, 0}, {0.999f, 0.001f, 0}}, new int[] {0, 1}, 2);
    assertArrayEquals(new int[] {1, 2}, dead.deadExperts()); // 0.0005 < 0.01 / 3
    float u = 1 / 3f;
    GateDiagnostics uniform = Metrics.gates(0, new float[][] {{u, u, u}}, new int[] {0}, 1);
    assertEquals(1.0, uniform.meanNormalisedEntropy(), 1e-6);
    assertEquals(0.0, uniform.loadCv(), 1e-6);
  }
}
