package io.uatr.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.uatr.dsp.config.ConfigReader;
import io.uatr.models.ModelOutputs;
import io.uatr.models.spec.ModelSpec;
import io.uatr.models.spec.SizeHead;
import io.uatr.training.eval.Predictions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training with the shallow nuisance tower and nuisance heads. */
class NuisanceTest {

  private static final List<String> NAMES = List.of("range", "wind");

  /**
   * Two classes whose spectrograms are pure noise; the first nuisance feature ("range") is +1 for
   * class 0 and -1 for class 1 plus noise (it explains the class bias), the second ("wind") is
   * noise.
   */
  private static SegmentSet toy(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<FeatureSegment> out = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      for (int r = 0; r < 6; r++) {
        Split split = r == 0 ? Split.TEST : Split.TRAIN;
        for (int s = 0; s < 4; s++) {
          float[][] x = new float[TinyData.BINS][TinyData.FRAMES];
          for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
              row[j] = (float) rng.nextGaussian();
            }
          }
          float[] n = {
            (c == 0 ? 1f : -1f) + 0.3f * (float) rng.nextGaussian(), (float) rng.nextGaussian()
          };
          out.add(new FeatureSegment(x, c, 0, Float.NaN, "c" + c + "r" + r, split).withNuisance(n));
        }
      }
    }
    return new SegmentSet(out, List.of("a", "b"), NAMES);
  }

  private static ModelSpec spec() {
    return TinyData.spec(2).toBuilder().nuisanceTowerInputs(2).nuisanceHeads(NAMES).build();
  }

  private static TrainingConfig config(int epochs) {
    Map<String, Object> m = new HashMap<>();
    m.put("epochs", epochs);
    m.put("batch_size", 8);
    m.put("device", "cpu");
    m.put("validation_fraction", 0.2);
    m.put("optimizer", Map.of("type", "adamw", "lr", 0.02, "weight_decay", 0.0));
    m.put("loss", Map.of("nuisance_weight", 0.5));
    return TrainingConfig.fromConfig(new ConfigReader(m, "training"));
  }

  private static NDArray towerParam(MultiTaskTrainer t, String suffix) {
    for (Pair<String, Parameter> p : t.block().getParameters()) {
      if (p.getKey().contains("nuisance_tower") && p.getKey().endsWith(suffix)) {
        return p.getValue().getArray();
      }
    }
    throw new AssertionError("no nuisance tower " + suffix);
  }

  @Test
  void towerAndHeadsTrainAndTheTowerIsLeftOutAtInference(@TempDir Path dir) throws Exception {
    SegmentSet data = toy(3);
    try (MultiTaskTrainer t = new MultiTaskTrainer(spec(), config(6), 7, dir)) {
      List<EpochMetrics> h = t.fit(data).history();
      for (EpochMetrics e : h) {
        assertTrue(Double.isFinite(e.trainLoss()), "epoch " + e.epoch());
      }
      assertTrue(
          h.get(h.size() - 1).trainLoss() < h.get(0).trainLoss(),
          "loss did not decrease: "
              + h.get(0).trainLoss()
              + " -> "
              + h.get(h.size() - 1).trainLoss());
      float[] w = towerParam(t, "weight").toFloatArray(); // [2 classes][2 features]
      // "range" is high for class 0: the tower must favour class 0 when range is high.
      assertTrue(w[0] - w[2] > 0, "tower weights " + java.util.Arrays.toString(w));

      List<FeatureSegment> test = data.part(Split.TEST);
      NDManager m = t.model().getNDManager();
      try (NDManager bm = m.newSubManager()) {
        Batch b = Batch.of(test, 2, SizeHead.NONE, 0);
        int n = test.size();
        NDArray x = bm.create(b.flatFeatures(), new Shape(n, 1, TinyData.BINS, TinyData.FRAMES));
        NDArray nu = bm.create(Batch.flat(b.nuisance()), new Shape(n, 2));
        ParameterStore ps = new ParameterStore(bm, false);
        Engine.getInstance().setRandomSeed(11);
        float[] trainN =
            ModelOutputs.classLogits(t.block().forward(ps, new NDList(x, nu), true)).toFloatArray();
        Engine.getInstance().setRandomSeed(11);
        float[] train0 =
            ModelOutputs.classLogits(t.block().forward(ps, new NDList(x, nu.zerosLike()), true))
                .toFloatArray();
        float[] wt = towerParam(t, "weight").toFloatArray();
        for (int i = 0; i < n; i++) {
          for (int c = 0; c < 2; c++) {
            double tower = 0; // the tower output minus its bias: sum_k n[i][k] W[c][k]
            for (int k = 0; k < 2; k++) {
              tower += b.nuisance()[i][k] * wt[c * 2 + k];
            }
            assertEquals(tower, trainN[i * 2 + c] - train0[i * 2 + c], 1e-4, "row " + i);
          }
        }
        float[] inferN =
            ModelOutputs.classLogits(t.block().forward(ps, new NDList(x, nu), false))
                .toFloatArray();
        float[] inferNone =
            ModelOutputs.classLogits(t.block().forward(ps, new NDList(x), false)).toFloatArray();
        assertArrayEquals(inferNone, inferN, 0f);
      }
      // Evaluation does not read the nuisance features at all.
      List<FeatureSegment> other = new ArrayList<>();
      for (FeatureSegment s : test) {
        other.add(s.withNuisance(new float[] {-5f, 5f}));
      }
      Predictions p1 = t.predict(test);
      Predictions p2 = t.predict(other);
      assertArrayEquals(
          Batch.flat(p1.classProbs()), Batch.flat(p2.classProbs()), 0f, "tower used at inference");
    }
  }

  @Test
  void nuisanceHeadLossMatchesAHandComputedValue() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[][] z = {{0.5f, -1f, 2f}, {1f, 0f, -0.5f}};
      float[][] ct = {{0, 1, 0}, {1, 0, 0}};
      float[][] heads = {{0.2f, -1.5f}, {1f, 0.25f}}; // [B][H]
      float[][] target = {{0f, -1f}, {2f, 0.75f}};
      NDList out =
          new NDList(
              m.create(Batch.flat(z), new Shape(2, 3)),
              m.zeros(new Shape(2, 0)),
              m.create(0.125f),
              m.create(new float[] {heads[0][0], heads[1][0]}, new Shape(2, 1)),
              m.create(new float[] {heads[0][1], heads[1][1]}, new Shape(2, 1)));
      MultiTaskLoss loss =
          new MultiTaskLoss(new LossConfig("fixed", 1, 0.5, "l1", 1, 0.3), SizeHead.NONE);
      MultiTaskLoss.Parts p =
          loss.compute(
              out,
              m.create(Batch.flat(ct), new Shape(2, 3)),
              null,
              null,
              ModelOutputs.nuisance(
                  out, TinyData.spec(3).toBuilder().nuisanceHeads(NAMES).numClasses(3).build()),
              m.create(Batch.flat(target), new Shape(2, 2)));
      double ce = 0;
      for (int b = 0; b < 2; b++) {
        double lse = 0;
        for (float v : z[b]) {
          lse += Math.exp(v);
        }
        lse = Math.log(lse);
        for (int c = 0; c < 3; c++) {
          ce -= ct[b][c] * (z[b][c] - lse);
        }
      }
      ce /= 2;
      double mse = 0;
      for (int b = 0; b < 2; b++) {
        for (int h = 0; h < 2; h++) {
          mse += Math.pow(heads[b][h] - target[b][h], 2);
        }
      }
      mse /= 4; // (0.04 + 0.25 + 1 + 0.25) / 4 = 0.385
      assertEquals(0.385, mse, 1e-9);
      assertEquals(mse, p.nuisanceLoss().getFloat(), 1e-6);
      assertEquals(ce + 0.3 * mse + 0.125, p.total().getFloat(), 1e-5);
    }
  }
}
