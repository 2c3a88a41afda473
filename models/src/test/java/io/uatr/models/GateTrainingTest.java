package io.uatr.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.uatr.models.spec.GateInput;
import io.uatr.models.spec.GateTraining;
import io.uatr.models.spec.ModelSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Gate initialisation, warm-up noise, the default balance loss and the coordinate channel. */
class GateTrainingTest {

  static final Shape IN = new Shape(6, 1, 12, 16);

  static float[] classGate(ModelSpec spec, NDArray x, boolean training) {
    try (Model model = Model.newInstance("g")) {
      MultiTaskNet net = (MultiTaskNet) ModelFactory.build(spec);
      model.setBlock(net);
      net.initialize(model.getNDManager(), DataType.FLOAT32, IN);
      NDList out =
          net.forward(new ParameterStore(model.getNDManager(), false), new NDList(x), training);
      return ModelOutputs.gateWeights(out, spec).get(0).toFloatArray();
    }
  }

  @Test
  void zeroInitialisedGatesStartUniform() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(3);
      float[] w = classGate(ModelSpec.builder().build(), m.randomNormal(IN), false);
      for (float v : w) {
        assertEquals(0.25f, v, 1e-7f);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(GateInput.class)
  void theGateOutputVariesWithItsInput(GateInput input) {
    ModelSpec spec = ModelSpec.builder().gateInput(input).gateTraining(GateTraining.LEGACY).build();
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(3);
      NDArray x = m.randomNormal(IN);
      float[] w = classGate(spec, x, false);
      int e = 4;
      double maxDiff = 0;
      for (int b = 1; b < IN.get(0); b++) {
        for (int i = 0; i < e; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(w[b * e + i] - w[i]));
        }
      }
      assertTrue(maxDiff > 1e-4, input + ": gate weights differ between examples: " + maxDiff);
    }
  }

  @Test
  void warmUpNoiseDecaysLinearlyAndOnlyActsInTraining() {
    GateTraining g = new GateTraining(true, 1.0, 4);
    assertEquals(1.0, g.noiseAt(1));
    assertEquals(0.5, g.noiseAt(3));
    assertEquals(0.25, g.noiseAt(4));
    assertEquals(0.0, g.noiseAt(5));
    assertEquals(0.0, new GateTraining(true, 1.0, 0).noiseAt(1));
    try (NDManager m = NDManager.newBaseManager();
        Model model = Model.newInstance("n")) {
      Engine.getInstance().setRandomSeed(3);
      NDArray x = m.randomNormal(IN);
      MultiTaskNet net = (MultiTaskNet) ModelFactory.build(ModelSpec.builder().build());
      model.setBlock(net);
      net.initialize(model.getNDManager(), DataType.FLOAT32, IN);
      net.setGateNoise(2f);
      ParameterStore ps = new ParameterStore(model.getNDManager(), false);
      ModelSpec spec = net.spec();
      float[] train =
          ModelOutputs.gateWeights(net.forward(ps, new NDList(x), true), spec)
              .get(0)
              .toFloatArray();
      float[] eval =
          ModelOutputs.gateWeights(net.forward(ps, new NDList(x), false), spec)
              .get(0)
              .toFloatArray();
      boolean uniformEval = true;
      boolean uniformTrain = true;
      for (int i = 0; i < train.length; i++) {
        uniformEval &= Math.abs(eval[i] - 0.25f) < 1e-7f;
        uniformTrain &= Math.abs(train[i] - 0.25f) < 1e-3f;
      }
      assertTrue(uniformEval, "no noise at inference");
      assertFalse(uniformTrain, "noise in training");
    }
  }

  @Test
  void mixturesGetTheImportanceLossByDefault() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "m3");
    assertEquals(0.1, ModelSpec.fromMap(m).auxLoss().importance());
    m.put("gate", "noisy_top_k");
    assertEquals(0.1, ModelSpec.fromMap(m).auxLoss().load());
    m.put("aux_loss", Map.of("importance", 0));
    assertEquals(0.0, ModelSpec.fromMap(m).auxLoss().importance());
    Map<String, Object> single = new LinkedHashMap<>(Map.of("type", "single_task"));
    single.put("size_head", "none");
    assertEquals(0.0, ModelSpec.fromMap(single).auxLoss().importance());
    ModelSpec s = ModelSpec.fromMap(Map.of("gate_init", "default", "coord_channels", true));
    assertEquals(s, ModelSpec.fromMap(s.toMap()), "round trip");
    assertThrows(IllegalArgumentException.class, () -> ModelSpec.fromMap(Map.of("gate_init", "x")));
    assertThrows(IllegalArgumentException.class, () -> ModelSpec.fromMap(Map.of("gate_noise", -1)));
  }

  @Test
  void theCoordinateChannelHoldsTheColumnPosition() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.zeros(new Shape(2, 1, 3, 5));
      NDArray c = MultiTaskNet.withCoordinates(x);
      assertEquals(new Shape(2, 2, 3, 5), c.getShape());
      float[] row = c.get("1, 1, 2, :").toFloatArray();
      float[] expected = {-1f, -0.5f, 0f, 0.5f, 1f};
      for (int t = 0; t < 5; t++) {
        assertEquals(expected[t], row[t], 1e-6f);
      }
      ModelSpec spec = ModelSpec.builder().coordChannels(true).build();
      Engine.getInstance().setRandomSeed(3);
      // a model with the channel sees the position: the same pattern at another column differs
      float[] w1 =
          classGate(
              spec.toBuilder().gateTraining(GateTraining.LEGACY).build(),
              m.randomNormal(IN),
              false);
      assertEquals(IN.get(0) * 4, w1.length);
    }
  }
}
