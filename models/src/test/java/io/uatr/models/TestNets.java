package io.uatr.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.uatr.models.spec.ModelSpec;

/** Helpers shared by the tests: tiny inputs and initialised blocks. */
final class TestNets {

  /** Tiny spectrogram batch shape [2][1][16][32]. */
  static final Shape INPUT = new Shape(2, 1, 16, 32);

  private TestNets() {}

  static Block initialised(NDManager manager, ModelSpec spec) {
    Block block = ModelFactory.build(spec);
    if (spec.nuisanceTowerInputs() > 0) {
      block.initialize(
          manager, DataType.FLOAT32, INPUT, new Shape(INPUT.get(0), spec.nuisanceTowerInputs()));
    } else {
      block.initialize(manager, DataType.FLOAT32, INPUT);
    }
    return block;
  }

  static NDArray input(NDManager manager) {
    return manager.randomNormal(INPUT);
  }

  static NDList forward(NDManager manager, Block block, NDList in, boolean training) {
    return block.forward(new ParameterStore(manager, false), in, training);
  }
}
