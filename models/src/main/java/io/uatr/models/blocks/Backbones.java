package io.uatr.models.blocks;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import io.uatr.models.spec.BackboneType;
import java.util.ArrayList;
import java.util.List;

/** Creates backbones on a one-channel spectrogram [batch][1][bins][frames]. */
public final class Backbones {

  private Backbones() {}

  /** Creates new blocks of the given backbone with base width {@code width}. */
  public static BackboneParts create(BackboneType type, int width) {
    return switch (type) {
      case SMALL_CNN -> smallCnn(width);
      case RESNET18 -> resnet18(width);
    };
  }

  /**
   * Small CNN: stem conv3x3 1-&gt;w (stride 1, pad 1, no bias) + BN + ReLU; stage 1 conv3x3
   * w-&gt;2w stride 2 + BN + ReLU; stage 2 conv3x3 2w-&gt;4w stride 2 + BN + ReLU. [B][1][F][T]
   * -&gt; [B][4w][ceil(F/4)][ceil(T/4)].
   */
  public static BackboneParts smallCnn(int width) {
    Block stem = Layers.convBnRelu(width, 3, 1, 1);
    List<Block> stages =
        List.of(Layers.convBnRelu(2 * width, 3, 2, 1), Layers.convBnRelu(4 * width, 3, 2, 1));
    return new BackboneParts(stem, stages, width, List.of(2 * width, 4 * width));
  }

  /**
   * ResNet-18 with one input channel: conv1 7x7 stride 2 pad 3 (1-&gt;w, no bias) + BN + ReLU +
   * max-pool 3x3 stride 2 pad 1; four stages of two basic blocks with w, 2w, 4w, 8w channels
   * (stride 1, 2, 2, 2). [B][1][F][T] -&gt; [B][8w][F/32][T/32] (rounded up at each stride).
   */
  public static BackboneParts resnet18(int width) {
    Block stem =
        Layers.convBnRelu(width, 7, 2, 3)
            .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
    List<Block> stages = new ArrayList<>();
    List<Integer> channels = new ArrayList<>();
    int in = width;
    for (int i = 0; i < 4; i++) {
      int out = width << i;
      int stride = i == 0 ? 1 : 2;
      stages.add(
          new SequentialBlock()
              .add(new ResidualBlock(in, out, stride))
              .add(new ResidualBlock(out, out, 1)));
      channels.add(out);
      in = out;
    }
    return new BackboneParts(stem, stages, width, channels);
  }
}
