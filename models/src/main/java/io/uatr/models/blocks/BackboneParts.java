package io.uatr.models.blocks;

import ai.djl.nn.Block;
import java.util.List;

/**
 * A freshly created backbone split into a stem and its stages (each call of {@link
 * Backbones#create} gives new, independently initialisable blocks).
 *
 * @param stem [B][1][bins][frames] -&gt; [B][stemChannels][h][w]
 * @param stages stage i maps [B][c(i-1)][h][w] -&gt; [B][stageChannels[i]][h'][w']
 * @param stemChannels channels of the stem output
 * @param stageChannels channels of each stage's output
 */
public record BackboneParts(
    Block stem, List<Block> stages, int stemChannels, List<Integer> stageChannels) {

  /** Copies the lists. */
  public BackboneParts {
    stages = List.copyOf(stages);
    stageChannels = List.copyOf(stageChannels);
  }

  /** Returns the channels after the first {@code n} stages (the stem's for n = 0). */
  public int channelsAfter(int n) {
    return n == 0 ? stemChannels : stageChannels.get(n - 1);
  }
}
