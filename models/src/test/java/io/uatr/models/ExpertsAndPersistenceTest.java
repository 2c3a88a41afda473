package io.uatr.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.uatr.models.blocks.ExpertLayer;
import io.uatr.models.spec.ExpertPlacement;
import io.uatr.models.spec.GateType;
import io.uatr.models.spec.ModelSpec;
import io.uatr.models.spec.ModelType;
import io.uatr.models.spec.SizeHead;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Experts start different; saved parameters reload into a block rebuilt from the spec. */
class ExpertsAndPersistenceTest {

  @Test
  void expertsDifferAfterInitialisation() {
    Engine.getInstance().setRandomSeed(5);
    for (ExpertPlacement placement : ExpertPlacement.values()) {
      ModelSpec spec =
          ModelSpec.builder().width(4).experts(3).expertPlacement(placement).expertDim(8).build();
      try (NDManager m = NDManager.newBaseManager()) {
        Block block = TestNets.initialised(m, spec);
        ExpertLayer layer =
            (ExpertLayer)
                block.getChildren().values().stream()
                    .filter(b -> b instanceof ExpertLayer)
                    .findFirst()
                    .orElseThrow();
        NDList in =
            switch (placement) {
              case HEADS -> new NDList(m.randomNormal(new Shape(2, 16)));
              case LAST_STAGES -> new NDList(m.randomNormal(new Shape(2, 8, 16, 32)));
              case BACKBONE -> new NDList(TestNets.input(m));
            };
        NDArray stacked = TestNets.forward(m, layer, in, false).head();
        assertEquals(3, stacked.getShape().get(1));
        for (int i = 0; i < 3; i++) {
          for (int j = i + 1; j < 3; j++) {
            NDArray a = stacked.get(":, {}, :", i);
            NDArray b = stacked.get(":, {}, :", j);
            assertFalse(a.allClose(b, 1e-3, 1e-3, false), placement + " experts " + i + ", " + j);
          }
        }
        // The first weight of every expert differs too.
        List<float[]> firstWeights =
            layer.getChildren().values().stream().map(e -> firstWeight(e).toFloatArray()).toList();
        assertFalse(java.util.Arrays.equals(firstWeights.get(0), firstWeights.get(1)));
      }
    }
  }

  private static NDArray firstWeight(Block block) {
    return block.getParameters().stream()
        .filter(p -> p.getValue().getType() == Parameter.Type.WEIGHT)
        .findFirst()
        .orElseThrow()
        .getValue()
        .getArray();
  }

  @Test
  void saveAndLoadGiveIdenticalOutputs(@TempDir Path dir) throws Exception {
    Engine.getInstance().setRandomSeed(6);
    ModelSpec spec =
        ModelSpec.builder()
            .type(ModelType.PLE)
            .width(4)
            .experts(2)
            .sharedExperts(1)
            .gate(GateType.NOISY_TOP_K)
            .topK(2)
            .sizeHead(SizeHead.REGRESSION)
            .numClasses(5)
            .nuisanceHeads(List.of("range"))
            .nuisanceTowerInputs(2)
            .build();
    try (Model saved = Model.newInstance("m");
        Model loaded = Model.newInstance("m")) {
      NDManager m = saved.getNDManager();
      Block block = TestNets.initialised(m, spec);
      saved.setBlock(block);
      NDArray x = TestNets.input(m);
      // A training pass moves the batch-norm running statistics away from their initial values.
      TestNets.forward(m, block, new NDList(x, m.randomNormal(new Shape(2, 2))), true);
      NDList before = TestNets.forward(m, block, new NDList(x), false);
      saved.save(dir, "m");

      Block rebuilt = ModelFactory.build(ModelSpec.fromMap(spec.toMap()));
      loaded.setBlock(rebuilt);
      loaded.load(dir, "m");
      NDManager lm = loaded.getNDManager();
      NDList after =
          TestNets.forward(
              lm, rebuilt, new NDList(lm.create(x.toFloatArray(), x.getShape())), false);
      assertEquals(before.size(), after.size());
      for (int i = 0; i < before.size(); i++) {
        assertArrayEquals(before.get(i).toFloatArray(), after.get(i).toFloatArray(), "entry " + i);
      }
      // The parameters really changed hands: a fresh block gives different outputs.
      Block fresh = TestNets.initialised(lm, spec);
      NDList other =
          TestNets.forward(lm, fresh, new NDList(lm.create(x.toFloatArray(), x.getShape())), false);
      assertFalse(
          java.util.Arrays.equals(before.get(0).toFloatArray(), other.get(0).toFloatArray()));
      long params = block.getParameters().size();
      assertTrue(params > 20, "parameters " + params);
      for (Pair<String, Parameter> p : block.getParameters()) {
        assertTrue(rebuilt.getParameters().contains(p.getKey()), p.getKey());
      }
    }
  }
}
