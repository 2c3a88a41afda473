package io.uatr.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Global average pooling [B][C][H][W] -&gt; [B][C], computed as an average pool whose kernel is the
 * whole H x W plane.
 *
 * <p>Why not {@code Pool.globalAvgPool2d}: on PyTorch that becomes a mean over the last two axes,
 * whose backward expands the gradient with zero strides; the element-wise backward ops that follow
 * (division, ReLU, batch-norm) then produce channels-last gradients, and every convolution backward
 * converts them back with a full copy ({@code aten::contiguous}). The average-pool backward writes
 * a contiguous gradient instead. Forward values are the same.
 */
public final class GlobalAvgPool extends AbstractBlock {

  private static final byte VERSION = 1;

  /** Creates the (parameter-free) block. */
  public GlobalAvgPool() {
    super(VERSION);
  }

  /** Returns the mean over H and W of [B][C][H][W] as [B][C]. */
  public static NDArray pool(NDArray x) {
    Shape s = x.getShape();
    Shape plane = new Shape(s.get(2), s.get(3));
    NDArray pooled = Pool.avgPool2d(x, plane, plane, new Shape(0, 0), false, true);
    return pooled.reshape(s.get(0), s.get(1));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(pool(inputs.head()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1))};
  }
}
