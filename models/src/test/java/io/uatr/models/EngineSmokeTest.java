package io.uatr.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** Confirms that the PyTorch engine loads offline and computes. */
class EngineSmokeTest {

  @Test
  void engineLoadsOfflineAndAdds() {
    assertEquals("true", System.getProperty("ai.djl.offline"));
    assertEquals("PyTorch", Engine.getInstance().getEngineName());
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a = manager.create(new float[] {1f, 2f, 3f});
      assertArrayEquals(new float[] {2f, 4f, 6f}, a.add(a).toFloatArray());
    }
  }
}
