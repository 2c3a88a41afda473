package io.uatr.training.augment;

import io.uatr.training.AugmentConfig;
import io.uatr.training.FeatureSegment;
import io.uatr.training.WaveformFeatures;
import java.util.SplittableRandom;

/**
 * Waveform augmentation of a training segment: a gain in dB and white Gaussian noise at an SNR
 * relative to the segment's own mean power, applied to the audio before the features are
 * recomputed. The random draws of segment {@code index} in epoch {@code epoch} come from a stream
 * seeded with (seed, epoch, index) only, so the features of an epoch do not depend on batch order,
 * threads or resume.
 */
public final class WaveformAugment {

  private WaveformAugment() {}

  /**
   * Scales audio in place by 10^(gain_db / 20).
   *
   * @param x [samples] audio, modified
   * @param gainDb gain in dB
   */
  public static void gain(float[] x, double gainDb) {
    double g = Math.pow(10, gainDb / 20);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (x[i] * g);
    }
  }

  /**
   * Adds white Gaussian noise in place with variance mean(x^2) / 10^(snr_db / 10).
   *
   * @param x [samples] audio, modified
   * @param snrDb signal-to-noise ratio in dB relative to the segment's mean power
   * @param rng random source
   * @return the noise standard deviation used (0 for silent audio)
   */
  public static double addNoise(float[] x, double snrDb, SplittableRandom rng) {
    double p = 0;
    for (float v : x) {
      p += (double) v * v;
    }
    p = x.length == 0 ? 0 : p / x.length;
    double sigma = Math.sqrt(p / Math.pow(10, snrDb / 10));
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (x[i] + sigma * rng.nextGaussian());
    }
    return sigma;
  }

  /**
   * Augments a copy of the audio: gain uniform in [wave_gain_db_min, wave_gain_db_max], then with
   * probability wave_noise_prob noise at an SNR uniform in [wave_snr_db_min, wave_snr_db_max]
   * (relative to the audio after the gain).
   *
   * @param x [samples] audio (not modified)
   * @param c augmentation settings
   * @param rng random source
   * @return the augmented [samples] audio
   */
  public static float[] augment(float[] x, AugmentConfig c, SplittableRandom rng) {
    float[] y = x.clone();
    double g = uniform(c.waveGainDbMin(), c.waveGainDbMax(), rng);
    if (g != 0) {
      gain(y, g);
    }
    if (c.waveNoiseProb() > 0 && rng.nextDouble() < c.waveNoiseProb()) {
      addNoise(y, uniform(c.waveSnrDbMin(), c.waveSnrDbMax(), rng), rng);
    }
    return y;
  }

  /**
   * Features of a training segment for one epoch, recomputed from its augmented audio.
   *
   * @param s a segment whose features are {@link WaveformFeatures}
   * @param c augmentation settings
   * @param seed the run's seed
   * @param epoch epoch number (1-based)
   * @param index the segment's index in its segment set
   * @return [bins][frames] features
   * @throws IllegalArgumentException when the segment keeps no audio
   */
  public static float[][] features(
      FeatureSegment s, AugmentConfig c, long seed, int epoch, int index) {
    if (!(s.features() instanceof WaveformFeatures w)) {
      throw new IllegalArgumentException(
          "training.augment.wave_*: the segment of "
              + s.recordingId()
              + " keeps no audio, so waveform augmentation cannot be applied");
    }
    return w.compute(augment(w.waveform(), c, rng(seed, epoch, index)));
  }

  /** The random stream of segment {@code index} in epoch {@code epoch}. */
  static SplittableRandom rng(long seed, int epoch, int index) {
    long a = new SplittableRandom(seed ^ 0x5741564541554749L).nextLong();
    long b = new SplittableRandom(a + 0x9E3779B97F4A7C15L * (epoch + 1L)).nextLong();
    return new SplittableRandom(b + 0xC2B2AE3D27D4EB4FL * (index + 1L));
  }

  private static double uniform(double lo, double hi, SplittableRandom rng) {
    return lo == hi ? lo : lo + (hi - lo) * rng.nextDouble();
  }
}
