package io.uatr.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import io.uatr.models.spec.GateType;
import io.uatr.models.spec.ModelSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The task loss alone (no auxiliary loss) sends gradients into the gates' parameters. */
class GradientTest {

  @ParameterizedTest
  @EnumSource(GateType.class)
  void gradientsReachTheGates(GateType gate) {
    Engine.getInstance().setRandomSeed(7);
    ModelSpec spec =
        ModelSpec.builder().width(4).experts(3).gate(gate).topK(2).numClasses(5).build();
    try (NDManager m = NDManager.newBaseManager()) {
      Block block = TestNets.initialised(m, spec);
      NDArray x = TestNets.input(m);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDList out = TestNets.forward(m, block, new NDList(x), true);
        NDArray classTarget = m.randomNormal(ModelOutputs.classLogits(out).getShape());
        NDArray sizeTarget = m.randomNormal(ModelOutputs.size(out).getShape());
        NDArray loss =
            ModelOutputs.classLogits(out)
                .mul(classTarget)
                .sum()
                .add(ModelOutputs.size(out).mul(sizeTarget).sum());
        gc.backward(loss);
      }
      int gateWeights = 0;
      for (Pair<String, Parameter> p : block.getParameters()) {
        if (p.getKey().contains("gate") && p.getValue().getType() == Parameter.Type.WEIGHT) {
          gateWeights++;
          float maxAbs = p.getValue().getArray().getGradient().abs().max().getFloat();
          assertTrue(maxAbs > 0, gate + ": zero gradient at " + p.getKey());
        }
      }
      int expected = gate == GateType.NOISY_TOP_K ? 4 : 2; // router (+ noise) per task gate
      assertTrue(gateWeights == expected, "gate weights seen: " + gateWeights);
    }
  }
}
