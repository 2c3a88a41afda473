package io.uatr.models.blocks;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/** Small factories for the standard layer groups used by the backbones, experts and towers. */
public final class Layers {

  private Layers() {}

  /**
   * Returns a square convolution without bias: [B][Cin][H][W] -&gt; [B][filters][H'][W'], H' =
   * floor((H + 2 pad - kernel) / stride) + 1.
   */
  public static Block conv(int filters, int kernel, int stride, int pad) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(pad, pad))
        .optBias(false)
        .build();
  }

  /** Returns batch normalisation over the channel axis 1 of [B][C][H][W]. */
  public static Block batchNorm() {
    return BatchNorm.builder().build();
  }

  /** Returns conv (no bias) + batch-norm + ReLU: [B][Cin][H][W] -&gt; [B][filters][H'][W']. */
  public static SequentialBlock convBnRelu(int filters, int kernel, int stride, int pad) {
    return new SequentialBlock()
        .add(conv(filters, kernel, stride, pad))
        .add(batchNorm())
        .add(Activation.reluBlock());
  }

  /**
   * Returns a tower: Linear(hidden) + ReLU + Linear(out) when hidden &gt; 0, else Linear(out);
   * [B][in] -&gt; [B][out].
   */
  public static Block tower(int hidden, int out) {
    SequentialBlock block = new SequentialBlock();
    if (hidden > 0) {
      block.add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock());
    }
    return block.add(Linear.builder().setUnits(out).build());
  }

  /** Returns Linear(out) + ReLU: [B][in] -&gt; [B][out]. */
  public static Block denseRelu(int out) {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(out).build())
        .add(Activation.reluBlock());
  }

  /** Returns Linear(out): [B][in] -&gt; [B][out]. */
  public static Block linear(int out) {
    return Linear.builder().setUnits(out).build();
  }
}
