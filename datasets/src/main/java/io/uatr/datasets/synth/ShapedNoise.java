package io.uatr.datasets.synth;

import java.util.random.RandomGenerator;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Gaussian noise with a prescribed, slowly time-varying one-sided power spectral density, made by
 * frequency-domain synthesis: each block of {@code blockLength} samples is the inverse FFT of
 * independent complex Gaussian bins scaled to the target PSD at the block's centre time, windowed
 * by a flat-top window with sine/cosine tapers of {@code blockLength/8} samples and overlap-added
 * at hop {@code 7/8 blockLength}: the squared tapers of neighbouring blocks sum to one, so the
 * variance is stationary when the PSD is. Pure static.
 */
public final class ShapedNoise {
  private ShapedNoise() {}

  /** Target PSD of one block. */
  @FunctionalInterface
  public interface BlockPsd {
    /**
     * Fills the target PSD for the block centred at {@code timeSeconds}.
     *
     * @param timeSeconds block centre time in s (may lie outside the signal at the ends)
     * @param freqs [blockLength/2+1] bin frequencies in Hz
     * @param psd [blockLength/2+1] output: one-sided PSD in units^2/Hz (DC and Nyquist ignored)
     */
    void fill(double timeSeconds, double[] freqs, double[] psd);
  }

  /**
   * Synthesises noise.
   *
   * @param samples output length in samples
   * @param sampleRate sample rate in Hz
   * @param blockLength even FFT block length in samples (e.g. 4096)
   * @param target the PSD per block
   * @param rng random source (consumed in a fixed order, so output is reproducible)
   * @return [samples] noise whose one-sided PSD follows {@code target}, units = sqrt(psd units *
   *     Hz)
   */
  public static double[] synthesize(
      int samples, double sampleRate, int blockLength, BlockPsd target, RandomGenerator rng) {
    if (blockLength < 4 || (blockLength & 1) != 0) {
      throw new IllegalArgumentException("blockLength must be even and >= 4, was " + blockLength);
    }
    int n = blockLength;
    int taper = Math.max(1, n / 8);
    int hop = n - taper;
    int bins = n / 2 + 1;
    double[] freqs = new double[bins];
    for (int k = 0; k < bins; k++) {
      freqs[k] = k * sampleRate / n;
    }
    double[] window = new double[n];
    for (int i = 0; i < n; i++) {
      if (i < taper) {
        window[i] = Math.sin(0.5 * Math.PI * (i + 0.5) / taper);
      } else if (i >= hop) {
        window[i] = Math.cos(0.5 * Math.PI * (i - hop + 0.5) / taper);
      } else {
        window[i] = 1;
      }
    }
    double[] psd = new double[bins];
    double[] buf = new double[n];
    DoubleFFT_1D fft = new DoubleFFT_1D(n);
    double[] out = new double[samples];
    // Block b covers samples [b*hop - taper, b*hop - taper + n): sample 0 sits at the end of the
    // first block's rising taper, so every output sample has squared windows summing to one.
    double binScale = sampleRate * n / 4.0;
    for (int start = -taper; start < samples; start += hop) {
      target.fill((start + n / 2.0) / sampleRate, freqs, psd);
      buf[0] = 0;
      buf[1] = 0;
      for (int k = 1; k < bins - 1; k++) {
        double sd = Math.sqrt(Math.max(0, psd[k]) * binScale);
        buf[2 * k] = sd * rng.nextGaussian();
        buf[2 * k + 1] = sd * rng.nextGaussian();
      }
      fft.realInverse(buf, true);
      int from = Math.max(0, -start);
      int to = Math.min(n, samples - start);
      for (int i = from; i < to; i++) {
        out[start + i] += window[i] * buf[i];
      }
    }
    return out;
  }
}
