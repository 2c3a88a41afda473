package io.uatr.models.spec;

/** Gate (router) kinds, selected by {@code model.gate}. */
public enum GateType implements Keyed {
  /** Dense softmax over all experts with a temperature, optional gate dropout in training. */
  SOFTMAX("softmax"),
  /** Shazeer et al. noisy top-k: softmax over the k largest noisy logits, zero elsewhere. */
  NOISY_TOP_K("noisy_top_k"),
  /** Hard top-1 (CMoE / Switch): the arg-max expert weighted by its softmax probability. */
  TOP1("top1");

  private final String key;

  GateType(String key) {
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }
}
