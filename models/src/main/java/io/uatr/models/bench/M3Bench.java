package io.uatr.models.bench;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.uatr.models.ModelFactory;
import io.uatr.models.spec.BackboneType;
import io.uatr.models.spec.ExpertPlacement;
import io.uatr.models.spec.GateInput;
import io.uatr.models.spec.GateType;
import io.uatr.models.spec.ModelSpec;
import io.uatr.models.spec.ModelType;
import io.uatr.models.spec.SizeHead;

/**
 * The {@code m3-bench} network: input [32][1][64][256]; stem conv3x3 1-&gt;16 (stride 1, pad 1, no
 * bias) + BN + ReLU; 4 experts, each conv3x3 16-&gt;32 stride 2 + BN + ReLU, conv3x3 32-&gt;64
 * stride 2 + BN + ReLU, global average pool -&gt; 64; two softmax gates Linear(16-&gt;4) on the
 * globally pooled stem output; class tower Linear(64,64)-ReLU-Linear(64,9); size tower
 * Linear(64,32)-ReLU-Linear(32,4). It is the {@code m3} model of {@link ModelFactory} with the spec
 * below, so the benchmark measures the real model code.
 */
public final class M3Bench {

  /** Batch input shape [32][1][64][256]. */
  public static final Shape INPUT = new Shape(32, 1, 64, 256);

  /** Number of classes of the class task. */
  public static final int CLASSES = 9;

  /** Number of size levels of the size task. */
  public static final int SIZE_LEVELS = 4;

  private M3Bench() {}

  /** Returns the spec of the benchmark network. */
  public static ModelSpec spec() {
    return ModelSpec.builder()
        .type(ModelType.M3)
        .backbone(BackboneType.SMALL_CNN)
        .width(16)
        .experts(4)
        .gate(GateType.SOFTMAX)
        .expertPlacement(ExpertPlacement.LAST_STAGES)
        .expertStages(2)
        .gateInput(GateInput.STEM)
        .sizeHead(SizeHead.LEVELS)
        .numClasses(CLASSES)
        .numSizeLevels(SIZE_LEVELS)
        .classTowerHidden(64)
        .sizeTowerHidden(32)
        .build();
  }

  /**
   * Builds the (uninitialised) benchmark block; outputs as in {@link io.uatr.models.ModelOutputs}.
   */
  public static Block build() {
    return ModelFactory.build(spec());
  }
}
