package io.uatr.models;

import ai.djl.nn.Block;
import io.uatr.models.spec.ModelSpec;

/**
 * Builds model blocks from specs. Loading saved parameters: {@code model.setBlock(build(spec))}
 * then {@code model.load(dir, name)}.
 */
public final class ModelFactory {

  private ModelFactory() {}

  /**
   * Builds the (uninitialised) block for {@code spec}; its forward output is described by {@link
   * ModelOutputs}.
   */
  public static Block build(ModelSpec spec) {
    return new MultiTaskNet(spec);
  }
}
