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
 * Dense softmax gate: weights = softmax(Linear(x) / T), [B][in] -&gt; [B][E]. In training, gate
 * dropout removes each expert with probability p (independently per example) and renormalises the
 * remaining weights; a row that would lose every expert keeps all of them. At inference there is no
 * dropout.
 */
public final class SoftmaxGate extends Gate {

  private static final byte VERSION = 1;

  private final Block router;
  private final float dropout;

  /**
   * Creates the gate.
   *
   * @param experts number of experts E
   * @param temperature softmax temperature (&gt; 0)
   * @param dropout probability in [0, 1) of dropping an expert in training
   */
  public SoftmaxGate(int experts, float temperature, float dropout) {
    super(VERSION, experts, temperature);
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("gate dropout must be in [0, 1), was " + dropout);
    }
    this.dropout = dropout;
    router = addChildBlock("router", Layers.linear(experts));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray logits =
        withWarmupNoise(
            Scalars.div(router.forward(ps, inputs, training, params).head(), temperature()),
            training);
    NDArray weights = logits.softmax(1);
    if (training && dropout > 0) {
      weights = dropExperts(weights, dropout);
    }
    return new NDList(weights, logits);
  }

  /**
   * Drops each expert with probability p and renormalises: w' = w m / sum(w m), m ~ Bernoulli(1-p)
   * per [B][E] entry; rows with no kept expert keep all. Input and output [B][E].
   */
  public static NDArray dropExperts(NDArray weights, float p) {
    NDManager manager = weights.getManager();
    NDArray keep =
        manager.randomUniform(0f, 1f, weights.getShape()).gte(p).toType(DataType.FLOAT32, false);
    NDArray none = keep.sum(new int[] {1}, true).eq(0).toType(DataType.FLOAT32, false);
    NDArray mask = keep.add(none);
    NDArray kept = weights.mul(mask);
    return kept.div(kept.sum(new int[] {1}, true));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    router.initialize(manager, dataType, inputShapes);
  }
}
