package io.uatr.models.spec;

/** Where the expert layer sits, selected by {@code model.expert_placement}. */
public enum ExpertPlacement implements Keyed {
  /** Experts are small heads on the shared trunk's pooled embedding (CMoE style). */
  HEADS("heads"),
  /**
   * Experts are the last {@code expert_stages} backbone stages (plus global pooling) after a shared
   * trunk (stem plus the earlier stages).
   */
  LAST_STAGES("last_stages"),
  /**
   * Experts are whole backbones (own stem, all stages, pooling) on the input, MMoE's original form;
   * a shared stem feeds only the gates.
   */
  BACKBONE("backbone");

  private final String key;

  ExpertPlacement(String key) {
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }
}
