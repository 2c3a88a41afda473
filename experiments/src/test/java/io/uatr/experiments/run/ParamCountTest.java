package io.uatr.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import org.junit.jupiter.api.Test;

class ParamCountTest {
  @Test
  void countsWeightsBiasesAndBatchNormScaleButNotRunningStatistics() {
    try (Model model = Model.newInstance("p")) {
      SequentialBlock b =
          new SequentialBlock()
              .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build())
              .add(BatchNorm.builder().build())
              .add(Blocks.batchFlattenBlock())
              .add(Linear.builder().setUnits(5).build());
      model.setBlock(b);
      b.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 2, 6, 6));
      // conv 4 x 2 x 3 x 3 + 4 = 76; batch norm gamma + beta 2 x 4 = 8 (running mean and
      // variance not trainable); output 4 x 4 x 4 = 64 features -> linear 64 x 5 + 5 = 325
      assertEquals(76 + 8 + 325, ParamCount.trainable(b));
      b.getChildren().get(0).getValue().freezeParameters(true);
      assertEquals(8 + 325, ParamCount.trainable(b), "frozen parameters are not trainable");
    }
  }
}
