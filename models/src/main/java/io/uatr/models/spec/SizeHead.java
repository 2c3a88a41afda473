package io.uatr.models.spec;

/** Form of the size output, selected by {@code model.size_head}. */
public enum SizeHead implements Keyed {
  /** Ordinal size classes: logits [batch][num_size_levels]. */
  LEVELS("levels"),
  /** One regression value: [batch][1]. */
  REGRESSION("regression"),
  /** No size task: the size output is an empty [batch][0] array. */
  NONE("none");

  private final String key;

  SizeHead(String key) {
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }
}
