package io.uatr.models.spec;

/** What the gates see, selected by {@code model.gate_input}. */
public enum GateInput implements Keyed {
  /** The globally average-pooled output of the shared stem, [batch][stemChannels]. */
  STEM("stem"),
  /** The globally average-pooled output of the shared trunk, [batch][trunkChannels]. */
  TRUNK("trunk"),
  /**
   * The input spectrogram averaged over its rows, [batch][frames]: for a {@code modspec} input the
   * band-averaged modulation spectrum of the segment (a DEMON-like summary of its shaft and
   * blade-rate lines), for a log-mel the segment's frame-energy envelope. Unlike the pooled feature
   * maps it keeps where along the column axis the energy lies.
   */
  INPUT_PROFILE("input_profile");

  private final String key;

  GateInput(String key) {
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }
}
