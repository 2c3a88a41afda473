package io.uatr.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.uatr.models.blocks.ChannelsLast;
import io.uatr.models.blocks.GlobalAvgPool;
import org.junit.jupiter.api.Test;

/** The layout blocks change no values: checked against plain Java loops. */
class LayoutBlocksTest {

  @Test
  void channelsLastKeepsShapeAndValues() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(new Shape(2, 3, 4, 5));
      NDArray y = ChannelsLast.convert(x);
      assertEquals(x.getShape(), y.getShape());
      assertArrayEquals(x.toFloatArray(), y.toFloatArray());
      // Element [1][2][3][4] is still found at the same index.
      assertEquals(x.getFloat(1, 2, 3, 4), y.getFloat(1, 2, 3, 4));
    }
  }

  @Test
  void globalAveragePoolIsThePlaneMean() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(new Shape(2, 3, 4, 5));
      float[] v = x.toFloatArray();
      float[] expected = new float[2 * 3];
      for (int b = 0; b < 2; b++) {
        for (int c = 0; c < 3; c++) {
          double sum = 0;
          for (int i = 0; i < 20; i++) {
            sum += v[(b * 3 + c) * 20 + i];
          }
          expected[b * 3 + c] = (float) (sum / 20);
        }
      }
      assertEquals(new Shape(2, 3), GlobalAvgPool.pool(x).getShape());
      assertArrayEquals(expected, GlobalAvgPool.pool(x).toFloatArray(), 1e-6f);
      assertArrayEquals(
          expected, GlobalAvgPool.pool(ChannelsLast.convert(x)).toFloatArray(), 1e-6f);
    }
  }
}
