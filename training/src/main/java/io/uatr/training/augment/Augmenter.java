package io.uatr.training.augment;

import io.uatr.training.AugmentConfig;
import io.uatr.training.Batch;
import java.util.SplittableRandom;

/**
 * Applies an {@link AugmentConfig} to a training batch in place, drawing from a given random
 * source: per segment a uniform gain in [-gain_db, gain_db], additive noise (with probability
 * noise_prob), SpecAugment masks; then per batch CutMix with probability cutmix_prob, otherwise
 * mixup with probability mixup_prob. Mixing pairs each segment with the segment at a random
 * permutation of the batch and uses one lambda for the whole batch; class and size targets are
 * mixed with the kept share (for CutMix the box's area share), and so are the nuisance features
 * (the nuisance tower is linear, so its output mixes like the class targets).
 */
public final class Augmenter {

  private final AugmentConfig c;
  private final SpecAugment specAugment;

  /** Configures the augmenter. */
  public Augmenter(AugmentConfig c) {
    this.c = c;
    this.specAugment = new SpecAugment(c.timeMasks(), c.timeWidth(), c.freqMasks(), c.freqWidth());
  }

  /**
   * Augments {@code b} in place.
   *
   * @param b the batch; its x, classTarget, sizeTarget and sizeValue rows are replaced
   * @param rng random source (the epoch's stream)
   */
  public void apply(Batch b, SplittableRandom rng) {
    boolean db = c.featureScale().equals("db");
    for (float[][] m : b.x()) {
      if (c.gainDb() > 0) {
        GainNoise.gain(m, (2 * rng.nextDouble() - 1) * c.gainDb(), db);
      }
      if (c.noiseProb() > 0 && rng.nextDouble() < c.noiseProb()) {
        GainNoise.addNoise(m, c.noiseSnrDb(), rng);
      }
      if ((c.timeMasks() > 0 && c.timeWidth() > 0) || (c.freqMasks() > 0 && c.freqWidth() > 0)) {
        specAugment.apply(m, rng);
      }
    }
    boolean cutmix = c.cutmixProb() > 0 && rng.nextDouble() < c.cutmixProb();
    boolean mixup = !cutmix && c.mixupProb() > 0 && rng.nextDouble() < c.mixupProb();
    if (!cutmix && !mixup) {
      return;
    }
    int n = b.size();
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    float[][][] x = b.x();
    float[][][] x0 = x.clone();
    float[][] ct0 = b.classTarget().clone();
    float[][] st0 = b.sizeTarget() == null ? null : b.sizeTarget().clone();
    float[] sv0 = b.sizeValue() == null ? null : b.sizeValue().clone();
    float[][] nu0 = b.nuisance().clone();
    double lambda;
    if (cutmix) {
      int bins = x[0].length;
      int frames = x[0][0].length;
      Mixing.Box box = Mixing.cutBox(bins, frames, Mixing.beta(c.cutmixAlpha(), rng), rng);
      lambda = Mixing.keptShare(box, bins, frames);
      for (int i = 0; i < n; i++) {
        x[i] = Mixing.cutmix(x0[i], x0[perm[i]], box);
      }
    } else {
      lambda = Mixing.beta(c.mixupAlpha(), rng);
      for (int i = 0; i < n; i++) {
        x[i] = Mixing.mixup(x0[i], x0[perm[i]], lambda);
      }
    }
    for (int i = 0; i < n; i++) {
      b.classTarget()[i] = Mixing.mixLabels(ct0[i], ct0[perm[i]], lambda);
      if (st0 != null) {
        b.sizeTarget()[i] = Mixing.mixLabels(st0[i], st0[perm[i]], lambda);
      }
      b.nuisance()[i] = Mixing.mixLabels(nu0[i], nu0[perm[i]], lambda);
      if (sv0 != null) {
        b.sizeValue()[i] = (float) (lambda * sv0[i] + (1 - lambda) * sv0[perm[i]]);
      }
    }
  }
}
