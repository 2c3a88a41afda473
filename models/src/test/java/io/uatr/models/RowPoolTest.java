package io.uatr.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.uatr.models.blocks.RowPool;
import io.uatr.models.spec.ExpertPlacement;
import io.uatr.models.spec.ModelSpec;
import io.uatr.models.spec.ModelType;
import io.uatr.models.spec.SizeHead;
import org.junit.jupiter.api.Test;

/** Row pooling keeps the column position; every placement builds with it. */
class RowPoolTest {

  @Test
  void meansOverRowsAndFlattensChannelMajor() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] v = new float[2 * 3 * 4 * 5];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) Math.sin(i * 0.37);
      }
      NDArray x = m.create(v, new Shape(2, 3, 4, 5));
      float[] out = RowPool.pool(x).toFloatArray();
      assertEquals(2 * 3 * 5, out.length);
      float[] naive = new float[out.length];
      for (int b = 0; b < 2; b++) {
        for (int c = 0; c < 3; c++) {
          for (int w = 0; w < 5; w++) {
            double s = 0;
            for (int h = 0; h < 4; h++) {
              s += v[((b * 3 + c) * 4 + h) * 5 + w];
            }
            naive[(b * 3 + c) * 5 + w] = (float) (s / 4);
          }
        }
      }
      assertArrayEquals(naive, out, 1e-6f);
    }
  }

  @Test
  void everyVariantBuildsWithRowPoolingAndSeesTheColumnPosition() {
    Shape in = new Shape(3, 1, 12, 16);
    ModelSpec[] specs = {
      ModelSpec.builder().rowPooling(true).build(),
      ModelSpec.builder().rowPooling(true).expertPlacement(ExpertPlacement.HEADS).build(),
      ModelSpec.builder().rowPooling(true).expertPlacement(ExpertPlacement.BACKBONE).build(),
      ModelSpec.builder()
          .rowPooling(true)
          .type(ModelType.SINGLE_TASK)
          .sizeHead(SizeHead.NONE)
          .build()
    };
    for (ModelSpec spec : specs) {
      try (NDManager m = NDManager.newBaseManager();
          Model model = Model.newInstance("r")) {
        Engine.getInstance().setRandomSeed(1);
        MultiTaskNet net = (MultiTaskNet) ModelFactory.build(spec);
        model.setBlock(net);
        net.initialize(model.getNDManager(), DataType.FLOAT32, in);
        ParameterStore ps = new ParameterStore(model.getNDManager(), false);
        // one bright column at t = 3 against one at t = 12: global pooling of a
        // translation-equivariant net would hardly tell them apart, row pooling does
        NDArray a = m.zeros(in);
        a.set(new ai.djl.ndarray.index.NDIndex(":, :, :, 3"), 1f);
        NDArray b = m.zeros(in);
        b.set(new ai.djl.ndarray.index.NDIndex(":, :, :, 12"), 1f);
        float[] la = ModelOutputs.classLogits(net.forward(ps, new NDList(a), false)).toFloatArray();
        float[] lb = ModelOutputs.classLogits(net.forward(ps, new NDList(b), false)).toFloatArray();
        assertEquals(3L * spec.numClasses(), la.length, spec.toString());
        assertNotEquals(la[0], lb[0], spec.toString());
      }
    }
  }
}
