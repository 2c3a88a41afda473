package io.uatr.models.spec;

/** The model variants selected by {@code model.type}. */
public enum ModelType implements Keyed {
  /** One task (class), shared backbone, no experts. */
  SINGLE_TASK("single_task"),
  /** Shared trunk and two task towers (class, size), no experts. */
  SHARED_BOTTOM("shared_bottom"),
  /** One-gate mixture of experts: a single gate shared by the tasks. */
  OMOE("omoe"),
  /** Multi-task, multi-gate, multi-expert: one gate per task (MMoE). */
  M3("m3"),
  /** Progressive layered extraction (one CGC level): task-specific plus shared experts. */
  PLE("ple"),
  /** Single task (class) with hard top-1 routed experts (CMoE). */
  CMOE("cmoe"),
  /**
   * DEMONet: experts on the spectrogram, gates (class, and size when size_head is not none) that
   * read the segment's DEMON spectra, optionally denoised by a cross-temporal VAE.
   */
  DEMONET("demonet");

  private final String key;

  ModelType(String key) {
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }

  /** Returns true if this variant has an expert layer and gates. */
  public boolean hasExperts() {
    return this != SINGLE_TASK && this != SHARED_BOTTOM;
  }

  /**
   * Returns true if this variant trains the size task besides the class task by default ({@code
   * demonet} may also run without it, {@code size_head: none}).
   */
  public boolean isMultiTask() {
    return this != SINGLE_TASK && this != CMOE;
  }
}
