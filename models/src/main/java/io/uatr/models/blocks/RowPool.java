package io.uatr.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Pooling over the rows only ({@code model.pooling: rows}): [B][C][H][W] -&gt; mean over H -&gt;
 * [B][C*W], flattened channel-major. Unlike global average pooling it keeps where along the column
 * axis a pattern lies: the modulation frequency of a line in a {@code modspec} input, which is what
 * tells a shaft rate of 1 Hz from one of 5 Hz.
 */
public final class RowPool extends AbstractBlock {

  private static final byte VERSION = 1;

  /** Creates the (parameter-free) block. */
  public RowPool() {
    super(VERSION);
  }

  /** Returns the mean over H of [B][C][H][W], flattened to [B][C*W]. */
  public static NDArray pool(NDArray x) {
    Shape s = x.getShape();
    return x.mean(new int[] {2}).reshape(s.get(0), s.get(1) * s.get(3));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(pool(inputs.head()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), s.get(1) * s.get(3))};
  }
}
