package io.uatr.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * n experts of one architecture, each a separate block initialised independently. Each expert maps
 * the same input to [B][D]; the layer returns them stacked: [B][n][D]. Every expert is computed for
 * every example (sparse gates zero the weights of the others; nothing is skipped at this size).
 */
public final class ExpertLayer extends AbstractBlock {

  private static final byte VERSION = 1;

  private final List<Block> experts = new ArrayList<>();

  /**
   * Creates the layer.
   *
   * @param count number of experts (&gt;= 1)
   * @param factory creates a new expert block on each call; each must map the input to [B][D]
   */
  public ExpertLayer(int count, Supplier<Block> factory) {
    super(VERSION);
    if (count < 1) {
      throw new IllegalArgumentException("experts must be >= 1, was " + count);
    }
    for (int i = 0; i < count; i++) {
      experts.add(addChildBlock("expert" + i, factory.get()));
    }
  }

  /** Returns the number of experts. */
  public int size() {
    return experts.size();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList outs = new NDList(experts.size());
    for (Block expert : experts) {
      outs.add(expert.forward(ps, inputs, training, params).head());
    }
    return new NDList(NDArrays.stack(outs, 1));
  }

  /**
   * Mixes stacked expert outputs with gate weights: out[b][d] = sum_i w[b][i] x[b][i][d].
   *
   * @param stacked [B][E][D]
   * @param weights [B][E]
   * @return [B][D]
   */
  public static NDArray mix(NDArray stacked, NDArray weights) {
    return weights.expandDims(1).matMul(stacked).squeeze(1);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape one = experts.get(0).getOutputShapes(inputShapes)[0];
    return new Shape[] {new Shape(one.get(0), experts.size(), one.get(1))};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (Block expert : experts) {
      expert.initialize(manager, dataType, inputShapes);
    }
  }
}
