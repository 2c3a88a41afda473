package io.uatr.training.augment;

import java.util.SplittableRandom;

/** Level augmentations on a [bins][frames] feature matrix: gain and additive noise at a set SNR. */
public final class GainNoise {

  private GainNoise() {}

  /**
   * Applies a gain in place.
   *
   * @param x [bins][frames] matrix, modified
   * @param gainDb gain in dB
   * @param dbScale true: the features are levels in dB, so gain_db is added; false: linear
   *     amplitudes, multiplied by 10^(gain_db / 20)
   */
  public static void gain(float[][] x, double gainDb, boolean dbScale) {
    float add = dbScale ? (float) gainDb : 0f;
    float mul = dbScale ? 1f : (float) Math.pow(10, gainDb / 20);
    for (float[] row : x) {
      for (int j = 0; j < row.length; j++) {
        row[j] = row[j] * mul + add;
      }
    }
  }

  /**
   * Adds white Gaussian noise in place at a set SNR in the feature domain: the noise standard
   * deviation is std(x) / 10^(snr_db / 20), where std(x) is the standard deviation of all cells.
   *
   * @param x [bins][frames] matrix, modified
   * @param snrDb signal-to-noise ratio in dB (signal = variation of the features)
   * @param rng random source
   * @return the noise standard deviation used
   */
  public static double addNoise(float[][] x, double snrDb, SplittableRandom rng) {
    double s = 0;
    double s2 = 0;
    long n = 0;
    for (float[] row : x) {
      for (float v : row) {
        s += v;
        s2 += (double) v * v;
      }
      n += row.length;
    }
    double mean = s / n;
    double std = Math.sqrt(Math.max(0, s2 / n - mean * mean));
    double sigma = std / Math.pow(10, snrDb / 20);
    for (float[] row : x) {
      for (int j = 0; j < row.length; j++) {
        row[j] += (float) (sigma * rng.nextGaussian());
      }
    }
    return sigma;
  }
}
