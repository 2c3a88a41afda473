package io.uatr.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.experiments.run.Outputs;
import io.uatr.experiments.run.RunFiles;
import io.uatr.experiments.run.RunResult;
import io.uatr.models.spec.SizeHead;
import io.uatr.training.eval.EvaluationResult;
import io.uatr.training.eval.Predictions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collapse warnings from gate weights, without training. */
class GateCollapseTest {
  @TempDir Path tmp;

  /**
   * Predictions of n segments of 2 classes with a class gate that sends {@code toZero} segments to
   * expert 0 (the rest alternate between experts 1 and 2) and a size gate that cycles 0, 1, 2.
   */
  static Predictions predictions(int n, int toZero) {
    float[][] probs = new float[n][];
    float[][] classGate = new float[n][];
    float[][] sizeGate = new float[n][];
    int[] labels = new int[n];
    String[] recs = new String[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      probs[i] = labels[i] == 0 ? new float[] {0.8f, 0.2f} : new float[] {0.3f, 0.7f};
      int e = i < toZero ? 0 : 1 + i % 2;
      classGate[i] = oneHotish(e);
      sizeGate[i] = oneHotish(i % 3);
      recs[i] = "r" + (i / 4);
    }
    int[] sizes = new int[n];
    java.util.Arrays.fill(sizes, -1);
    float[] values = new float[n];
    java.util.Arrays.fill(values, Float.NaN);
    return new Predictions(probs, null, List.of(classGate, sizeGate), labels, sizes, values, recs);
  }

  private static float[] oneHotish(int e) {
    float[] w = {0.2f, 0.2f, 0.2f};
    w[e] = 0.6f;
    return w;
  }

  @Test
  void collapsedClassGateIsNamedAndBalancedSizeGateIsNot() {
    EvaluationResult ev = EvaluationResult.of(predictions(218, 218), 2, SizeHead.NONE);
    List<GateCollapse.Warning> w = GateCollapse.of(ev.gates());
    assertEquals(1, w.size(), "only the class gate collapsed");
    assertEquals(
        "m3 seed 1: class gate collapsed: expert 0 takes 100.0 % of 218 test segments",
        w.get(0).message("m3 seed 1", "test"));
    String md = GateCollapse.markdown(List.of(w.get(0).message("m3 seed 1", "test")));
    assertTrue(md.startsWith("> **Warning**: m3 seed 1: class gate collapsed"), md);
    assertTrue(md.contains("more than 70 %"), md);
  }

  @Test
  void balancedGatesGiveNoWarning() {
    EvaluationResult ev = EvaluationResult.of(predictions(90, 30), 2, SizeHead.NONE);
    assertTrue(GateCollapse.of(ev.gates()).isEmpty());
    assertEquals("", GateCollapse.markdown(List.of()));
  }

  @Test
  void thresholdIsStrictlyMoreThanSeventyPercent() {
    assertEquals(0.7, GateCollapse.THRESHOLD);
    assertNull(GateCollapse.check("class", new long[] {70, 20, 10}));
    GateCollapse.Warning w = GateCollapse.check("size", new long[] {10, 71, 19});
    assertEquals(1, w.expert());
    assertEquals(0.71, w.share(), 1e-12);
    assertEquals(100, w.segments());
    assertNull(GateCollapse.check("class", new long[] {5}), "one expert cannot collapse");
    assertNull(GateCollapse.check("class", new long[] {0, 0}), "no segments");
  }

  @Test
  void suiteReportReadsTheWarningsFromEachRunsEvaluation() throws IOException {
    Map<String, List<RunResult>> results = new LinkedHashMap<>();
    results.put("m3", new ArrayList<>());
    results.put("single_task", new ArrayList<>());
    int[][] cases = {{120, 110}, {120, 40}};
    for (int s = 0; s < 2; s++) {
      Path dir = tmp.resolve("m3-seed-" + (s + 1));
      EvaluationResult ev =
          EvaluationResult.of(predictions(cases[s][0], cases[s][1]), 2, SizeHead.NONE);
      RunFiles.writeJson(
          dir.resolve("evaluation.json"),
          Outputs.evaluationMap(ev, List.of("a", "b"), "test", true));
      results.get("m3").add(result(dir, s + 1));
    }
    results.get("single_task").add(result(tmp.resolve("missing"), 1));
    String md = SuiteReport.collapseWarnings(results);
    assertTrue(
        md.contains(
            "> **Warning**: m3 seed 1: class gate collapsed: expert 0 takes 91.7 % of 120 test"
                + " segments"),
        md);
    assertEquals(1, md.split("\\*\\*Warning\\*\\*", -1).length - 1, md);
  }

  private static RunResult result(Path dir, long seed) {
    return new RunResult(
        "m3", "m3", seed, dir.toString(), "h", 0.5, 0.5, 0.5, Double.NaN, 0.1, 1, 0, 1, true, 10);
  }
}
