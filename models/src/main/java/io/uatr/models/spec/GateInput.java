package io.uatr.models.spec;

/** What the gates see, selected by {@code model.gate_input}. */
public enum GateInput implements Keyed {
  /** The globally average-pooled output of the shared stem, [batch][stemChannels]. */
  STEM("stem"),
  /** The globally average-pooled output of the shared trunk, [batch][trunkChannels]. */
  TRUNK("trunk");

  private final String key;

  GateInput(String key) {
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }
}
