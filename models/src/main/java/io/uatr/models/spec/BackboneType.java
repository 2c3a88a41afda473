package io.uatr.models.spec;

/** Backbone architectures on a one-channel spectrogram [batch][1][bins][frames]. */
public enum BackboneType implements Keyed {
  /**
   * Small CNN: stem conv3x3 1-&gt;w + BN + ReLU, then two stages conv3x3 stride 2 + BN + ReLU to 2w
   * and 4w channels; pooled embedding 4w.
   */
  SMALL_CNN("small_cnn", 2),
  /**
   * ResNet-18 with one input channel: conv1 7x7 stride 2 + BN + ReLU + max-pool 3x3 stride 2, four
   * stages of two basic residual blocks with w, 2w, 4w, 8w channels; pooled embedding 8w (512 at
   * w=64).
   */
  RESNET18("resnet18", 4);

  private final String key;
  private final int stages;

  BackboneType(String key, int stages) {
    this.key = key;
    this.stages = stages;
  }

  @Override
  public String key() {
    return key;
  }

  /** Returns the number of stages after the stem. */
  public int stages() {
    return stages;
  }
}
