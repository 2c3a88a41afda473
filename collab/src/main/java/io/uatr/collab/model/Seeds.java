package io.uatr.collab.model;

import java.util.SplittableRandom;

/** Seed derivation shared with {@code MultiTaskTrainer} (same formula, so 1 party matches it). */
public final class Seeds {

  private Seeds() {}

  /** Derives an independent 64-bit seed for stream {@code k} of {@code seed}. */
  public static long mix(long seed, long k) {
    return new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (k + 1)).nextLong();
  }

  /** Returns the engine seed of stream {@code k} (non-negative int). */
  public static int engine(long seed, long k) {
    return (int) (mix(seed, k) & 0x7fffffffL);
  }
}
