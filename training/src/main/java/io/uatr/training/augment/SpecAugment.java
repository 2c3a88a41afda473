package io.uatr.training.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * SpecAugment time and frequency masking (Park et al. 2019) on one [bins][frames] matrix. Each mask
 * has a width drawn uniformly from [0, maxWidth] (clipped to the axis length) and a start drawn
 * uniformly from [0, n - width]; masked cells are set to a fill value.
 */
public final class SpecAugment {

  /**
   * One applied mask.
   *
   * @param time true for a time (frame) mask, false for a frequency (bin) mask
   * @param start first masked frame or bin
   * @param width masked frames or bins (may be 0)
   */
  public record Mask(boolean time, int start, int width) {}

  private final int timeMasks;
  private final int timeWidth;
  private final int freqMasks;
  private final int freqWidth;

  /**
   * Configures the masks.
   *
   * @param timeMasks time masks per matrix
   * @param timeWidth maximum time-mask width in frames
   * @param freqMasks frequency masks per matrix
   * @param freqWidth maximum frequency-mask width in bins
   */
  public SpecAugment(int timeMasks, int timeWidth, int freqMasks, int freqWidth) {
    if (timeMasks < 0 || timeWidth < 0 || freqMasks < 0 || freqWidth < 0) {
      throw new IllegalArgumentException("mask counts and widths must be >= 0");
    }
    this.timeMasks = timeMasks;
    this.timeWidth = timeWidth;
    this.freqMasks = freqMasks;
    this.freqWidth = freqWidth;
  }

  /**
   * Masks {@code x} in place with its mean; see {@link #apply(float[][], int, int, int, int, float,
   * SplittableRandom)}.
   */
  public List<Mask> apply(float[][] x, SplittableRandom rng) {
    return apply(x, timeMasks, timeWidth, freqMasks, freqWidth, mean(x), rng);
  }

  /**
   * Applies the masks in place: first the time masks, then the frequency masks.
   *
   * @param x [bins][frames] matrix, modified
   * @param timeMasks number of time masks
   * @param timeWidth maximum time-mask width in frames
   * @param freqMasks number of frequency masks
   * @param freqWidth maximum frequency-mask width in bins
   * @param fill value written into masked cells
   * @param rng random source
   * @return the masks applied, in order
   */
  public static List<Mask> apply(
      float[][] x,
      int timeMasks,
      int timeWidth,
      int freqMasks,
      int freqWidth,
      float fill,
      SplittableRandom rng) {
    int bins = x.length;
    int frames = x[0].length;
    List<Mask> masks = new ArrayList<>();
    for (int k = 0; k < timeMasks; k++) {
      int w = rng.nextInt(Math.min(timeWidth, frames) + 1);
      int t0 = rng.nextInt(frames - w + 1);
      for (float[] row : x) {
        java.util.Arrays.fill(row, t0, t0 + w, fill);
      }
      masks.add(new Mask(true, t0, w));
    }
    for (int k = 0; k < freqMasks; k++) {
      int w = rng.nextInt(Math.min(freqWidth, bins) + 1);
      int f0 = rng.nextInt(bins - w + 1);
      for (int f = f0; f < f0 + w; f++) {
        java.util.Arrays.fill(x[f], fill);
      }
      masks.add(new Mask(false, f0, w));
    }
    return masks;
  }

  /** Returns the mean of all cells of a [bins][frames] matrix. */
  public static float mean(float[][] x) {
    double s = 0;
    long n = 0;
    for (float[] row : x) {
      for (float v : row) {
        s += v;
      }
      n += row.length;
    }
    return (float) (s / n);
  }
}
