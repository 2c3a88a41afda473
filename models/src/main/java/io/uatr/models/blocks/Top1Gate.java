package io.uatr.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Hard top-1 gate (CMoE, Switch): p = softmax(Linear(x) / T); the weight of the arg-max expert is
 * its probability p_max, every other weight is 0. Multiplying by p_max (rather than 1) lets the
 * router learn from the task loss, the usual differentiable variant of CMoE's router. [B][in] -&gt;
 * [B][E] with exactly one non-zero per row.
 */
public final class Top1Gate extends Gate {

  private static final byte VERSION = 1;

  private final Block router;

  /**
   * Creates the gate.
   *
   * @param experts number of experts E
   * @param temperature softmax temperature (&gt; 0)
   */
  public Top1Gate(int experts, float temperature) {
    super(VERSION, experts, temperature);
    router = addChildBlock("router", Layers.linear(experts));
  }

  @Override
  public int topK() {
    return 1;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray logits =
        withWarmupNoise(
            Scalars.div(router.forward(ps, inputs, training, params).head(), temperature()),
            training);
    NDArray probs = logits.softmax(1);
    NDArray oneHot = logits.argMax(1).oneHot(experts(), DataType.FLOAT32);
    return new NDList(probs.mul(oneHot), logits);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    router.initialize(manager, dataType, inputShapes);
  }
}
