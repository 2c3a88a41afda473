package io.uatr.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.uatr.models.spec.BackboneType;
import io.uatr.models.spec.ExpertPlacement;
import io.uatr.models.spec.GateInput;
import io.uatr.models.spec.GateType;
import io.uatr.models.spec.ModelSpec;
import io.uatr.models.spec.ModelType;
import io.uatr.models.spec.SizeHead;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Output shapes of every model variant, placement and gate on a tiny input. */
class VariantShapesTest {

  static Stream<ModelSpec> specs() {
    List<ModelSpec> specs = new ArrayList<>();
    for (ModelType type : ModelType.values()) {
      for (ExpertPlacement placement : ExpertPlacement.values()) {
        for (GateType gate : GateType.values()) {
          if (type == ModelType.CMOE && gate != GateType.TOP1) {
            continue;
          }
          if (!type.hasExperts()
              && (gate != GateType.SOFTMAX || placement != ExpertPlacement.HEADS)) {
            continue;
          }
          ModelSpec.Builder b =
              ModelSpec.builder()
                  .type(type)
                  .width(4)
                  .experts(3)
                  .sharedExperts(2)
                  .gate(gate)
                  .topK(2)
                  .expertPlacement(placement)
                  .expertDim(8)
                  .numClasses(5)
                  .numSizeLevels(4)
                  .classTowerHidden(8)
                  .sizeTowerHidden(0)
                  .auxLoss(new io.uatr.models.spec.AuxLossWeights(0.1, 0.1, 0.01, 0.001));
          if (!type.isMultiTask()) {
            b.sizeHead(SizeHead.NONE);
          }
          if (placement == ExpertPlacement.HEADS) {
            b.gateInput(GateInput.TRUNK);
          }
          specs.add(b.build());
        }
      }
    }
    return specs.stream();
  }

  @ParameterizedTest
  @MethodSource("specs")
  void outputShapesMatchTheDocumentedOrder(ModelSpec spec) {
    Engine.getInstance().setRandomSeed(1);
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = TestNets.initialised(manager, spec);
      for (boolean training : new boolean[] {false, true}) {
        NDList in = new NDList(TestNets.input(manager));
        if (spec.needsRouterInput()) {
          in =
              ModelInputs.of(
                  in.get(0),
                  null,
                  manager.randomUniform(
                      0f, 1f, new Shape(2, spec.demonet().views(), spec.demonet().bins())));
        }
        NDList out = TestNets.forward(manager, block, in, training);
        Shape[] expected = block.getOutputShapes(new Shape[] {TestNets.INPUT});
        assertEquals(ModelOutputs.count(spec), out.size(), spec.toString());
        assertEquals(expected.length, out.size());
        for (int i = 0; i < out.size(); i++) {
          assertEquals(expected[i], out.get(i).getShape(), "entry " + i + " of " + spec);
        }
        assertEquals(new Shape(2, 5), ModelOutputs.classLogits(out).getShape());
        long sizeWidth = spec.sizeHead() == SizeHead.NONE ? 0 : 4;
        assertEquals(new Shape(2, sizeWidth), ModelOutputs.size(out).getShape());
        List<NDArray> gates = ModelOutputs.gateWeights(out, spec);
        assertEquals(spec.numGateOutputs(), gates.size());
        for (NDArray w : gates) {
          assertEquals(new Shape(2, spec.expertsPerGate()), w.getShape());
          if (spec.gate() == GateType.TOP1) {
            // Top-1 weights: one non-zero per row, the chosen expert's probability.
            assertArrayEquals(new long[] {1, 1}, w.countNonzero(1).toLongArray());
          } else {
            assertArrayEquals(
                new float[] {1f, 1f}, w.sum(new int[] {1}).toFloatArray(), 1e-5f, spec.toString());
          }
        }
        float aux = ModelOutputs.auxLoss(out).getFloat();
        assertTrue(
            Float.isFinite(aux) && (spec.type().hasExperts() ? aux > 0 : aux == 0), "aux " + aux);
      }
    }
  }

  @Test
  void resnet18PoolsTo512AtWidth64() {
    ModelSpec spec =
        ModelSpec.builder()
            .type(ModelType.CMOE)
            .backbone(BackboneType.RESNET18)
            .width(64)
            .experts(2)
            .gate(GateType.TOP1)
            .expertPlacement(ExpertPlacement.HEADS)
            .gateInput(GateInput.TRUNK)
            .sizeHead(SizeHead.NONE)
            .numClasses(9)
            .build();
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = TestNets.initialised(manager, spec);
      // The router of the one gate sees the 512-d pooled trunk embedding.
      Shape routerWeight =
          block.getParameters().stream()
              .filter(p -> p.getKey().contains("gate0") && p.getKey().endsWith("weight"))
              .findFirst()
              .orElseThrow()
              .getValue()
              .getShape();
      assertEquals(new Shape(2, 512), routerWeight);
      NDList out = TestNets.forward(manager, block, new NDList(TestNets.input(manager)), false);
      assertEquals(new Shape(2, 9), out.get(0).getShape());
    }
  }

  @Test
  void nuisanceHeadsAndTower() {
    ModelSpec spec =
        ModelSpec.builder()
            .width(4)
            .experts(2)
            .nuisanceHeads(List.of("range", "depth", "wind"))
            .nuisanceTowerInputs(3)
            .numClasses(5)
            .build();
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = TestNets.initialised(manager, spec);
      NDArray x = TestNets.input(manager);
      NDArray nuisance = manager.randomNormal(new Shape(2, 3));
      NDList train = TestNets.forward(manager, block, new NDList(x, nuisance), true);
      assertEquals(3, ModelOutputs.nuisance(train, spec).size());
      for (NDArray n : ModelOutputs.nuisance(train, spec)) {
        assertEquals(new Shape(2, 1), n.getShape());
      }
      assertThrows(
          IllegalArgumentException.class,
          () -> TestNets.forward(manager, block, new NDList(x), true));
      // Training: logits(n1) - logits(n2) = W_tower (n1 - n2), the tower's linear part.
      NDArray other = manager.randomNormal(new Shape(2, 3));
      NDArray diff =
          ModelOutputs.classLogits(train)
              .sub(
                  ModelOutputs.classLogits(
                      TestNets.forward(manager, block, new NDList(x, other), true)));
      NDArray towerWeight =
          block.getParameters().stream()
              .filter(p -> p.getKey().contains("nuisance_tower") && p.getKey().endsWith("weight"))
              .findFirst()
              .orElseThrow()
              .getValue()
              .getArray();
      NDArray expected = nuisance.sub(other).matMul(towerWeight.transpose());
      assertTrue(diff.allClose(expected, 1e-4, 1e-5, false));
      assertTrue(diff.abs().max().getFloat() > 1e-3);
      // Inference: the tower is left out, so the nuisance features change nothing.
      NDList withFeatures = TestNets.forward(manager, block, new NDList(x, nuisance), false);
      NDList without = TestNets.forward(manager, block, new NDList(x), false);
      assertArrayEquals(
          ModelOutputs.classLogits(without).toFloatArray(),
          ModelOutputs.classLogits(withFeatures).toFloatArray());
    }
  }
}
