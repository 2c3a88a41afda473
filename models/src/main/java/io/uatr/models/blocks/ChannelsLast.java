package io.uatr.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Identity on values that re-lays a [B][C][H][W] array out in channels-last memory order (NHWC
 * storage, still indexed [B][C][H][W]). Shapes and values are unchanged.
 *
 * <p>Why: libtorch 2.x's oneDNN convolutions convert plain NCHW arrays to a blocked layout and back
 * on every call, forward and backward (measured on m3-bench: 36 such reorders per training step,
 * about half of the step). Batch-norm, ReLU, residual additions and convolutions keep the
 * channels-last layout of their input, so one conversion after the stem removes those reorders for
 * every later layer. The conversion costs one copy of the stem output.
 */
public final class ChannelsLast extends AbstractBlock {

  private static final byte VERSION = 1;

  /** Creates the (parameter-free) block. */
  public ChannelsLast() {
    super(VERSION);
  }

  /**
   * Returns {@code x} [B][C][H][W] with channels-last memory order: permute to [B][H][W][C],
   * flatten (which copies into that order), and permute the view back to [B][C][H][W].
   */
  public static NDArray convert(NDArray x) {
    Shape s = x.getShape();
    long b = s.get(0);
    long c = s.get(1);
    long h = s.get(2);
    long w = s.get(3);
    return x.transpose(0, 2, 3, 1).reshape(b, h * w * c).reshape(b, h, w, c).transpose(0, 3, 1, 2);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(convert(inputs.head()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
