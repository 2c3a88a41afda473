package io.uatr.models.blocks;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * ResNet basic block: relu(bn(conv3x3(relu(bn(conv3x3_s(x))))) + shortcut(x)); the shortcut is
 * conv1x1 stride s + BN when the stride or channel count changes, else the identity. Input
 * [B][inChannels][H][W], output [B][outChannels][ceil(H/s)][ceil(W/s)].
 */
public final class ResidualBlock extends AbstractBlock {

  private static final byte VERSION = 1;

  private final Block main;
  private final Block shortcut;

  /**
   * Creates a basic block.
   *
   * @param inChannels channels of the input
   * @param outChannels channels of the output
   * @param stride stride of the first convolution and of the shortcut
   */
  public ResidualBlock(int inChannels, int outChannels, int stride) {
    super(VERSION);
    main =
        addChildBlock(
            "main",
            new SequentialBlock()
                .add(Layers.conv(outChannels, 3, stride, 1))
                .add(Layers.batchNorm())
                .add(Activation.reluBlock())
                .add(Layers.conv(outChannels, 3, 1, 1))
                .add(Layers.batchNorm()));
    if (stride != 1 || inChannels != outChannels) {
      shortcut =
          addChildBlock(
              "shortcut",
              new SequentialBlock()
                  .add(Layers.conv(outChannels, 1, stride, 0))
                  .add(Layers.batchNorm()));
    } else {
      shortcut = null;
    }
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList y = main.forward(ps, inputs, training, params);
    NDList s = shortcut == null ? inputs : shortcut.forward(ps, inputs, training, params);
    return new NDList(Activation.relu(y.head().add(s.head())));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return main.getOutputShapes(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    main.initialize(manager, dataType, inputShapes);
    if (shortcut != null) {
      shortcut.initialize(manager, dataType, inputShapes);
    }
  }
}
