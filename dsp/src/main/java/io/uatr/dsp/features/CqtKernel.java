package io.uatr.dsp.features;

import io.uatr.dsp.spectral.Windows;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The sparse spectral kernels of the constant-Q transform (Brown and Puckette's method): the DFT of
 * each bin's time-domain atom, conjugated and divided by the FFT length, so that by Parseval {@code
 * C[k] = sum_j S[j] K_k[j]} for the DFT {@code S} of a frame. Entries below {@code sparsity} times
 * the kernel's peak magnitude are dropped. Immutable and thread-safe.
 */
public final class CqtKernel {
  private final int fftLength;
  private final int[][] index; // index into the packed half spectrum [0, L/2]
  private final float[][] re;
  private final float[][] im;
  private final int[] split; // first entry of each kernel that belongs to bins above L/2

  private CqtKernel(int fftLength, int[][] index, float[][] re, float[][] im, int[] split) {
    this.split = split;
    this.fftLength = fftLength;
    this.index = index;
    this.re = re;
    this.im = im;
  }

  /**
   * Builds the kernels for a sample rate.
   *
   * @param sampleRate sampling rate in Hz
   * @param config CQT settings (validated against the sample rate)
   * @return the kernels
   */
  public static CqtKernel create(double sampleRate, CqtConfig config) {
    config.validateFor(sampleRate);
    double[] freqs = config.frequencies();
    int[] lengths = config.lengths(sampleRate);
    int maxLen = 0;
    for (int n : lengths) {
      maxLen = Math.max(maxLen, n);
    }
    int fftLength = Math.max(2, Integer.highestOneBit(maxLen - 1) << 1);
    if (fftLength < maxLen) {
      fftLength <<= 1;
    }
    int half = fftLength / 2;
    DoubleFFT_1D fft = new DoubleFFT_1D(fftLength);
    int n = config.nBins();
    int[][] index = new int[n][];
    float[][] re = new float[n][];
    float[][] im = new float[n][];
    int[] split = new int[n];
    double[] a = new double[2 * fftLength];
    for (int k = 0; k < n; k++) {
      java.util.Arrays.fill(a, 0.0);
      int len = lengths[k];
      float[] w = Windows.get(config.window(), len, true);
      double sum = 0;
      for (float v : w) {
        sum += v;
      }
      int centre = len / 2;
      int origin = half - centre;
      for (int m = 0; m < len; m++) {
        double phase = 2 * Math.PI * freqs[k] * (m - centre) / sampleRate;
        double amp = w[m] / sum;
        a[2 * (origin + m)] = amp * Math.cos(phase);
        a[2 * (origin + m) + 1] = amp * Math.sin(phase);
      }
      fft.complexForward(a);
      double peak = 0;
      for (int j = 0; j < fftLength; j++) {
        peak = Math.max(peak, Math.hypot(a[2 * j], a[2 * j + 1]));
      }
      double floor = config.sparsity() * peak;
      int count = 0;
      for (int j = 0; j < fftLength; j++) {
        double mag = Math.hypot(a[2 * j], a[2 * j + 1]);
        if (mag > 0 && mag >= floor) {
          count++;
        }
      }
      index[k] = new int[count];
      re[k] = new float[count];
      im[k] = new float[count];
      // K = conj(A) / L. Entries j <= L/2 first; then j > L/2, where the real frame has
      // S[j] = conj(S[L-j]), so their sum is conj(sum S[L-j] conj(K[j])): store L-j and conj(K).
      int c = 0;
      for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
          split[k] = c;
        }
        for (int j = pass == 0 ? 0 : half + 1; j < (pass == 0 ? half + 1 : fftLength); j++) {
          double mag = Math.hypot(a[2 * j], a[2 * j + 1]);
          if (mag > 0 && mag >= floor) {
            double kr = a[2 * j] / fftLength;
            double ki = -a[2 * j + 1] / fftLength;
            index[k][c] = pass == 0 ? j : fftLength - j;
            re[k][c] = (float) kr;
            im[k][c] = (float) (pass == 0 ? ki : -ki);
            c++;
          }
        }
      }
    }
    return new CqtKernel(fftLength, index, re, im, split);
  }

  /** FFT length L of a frame: the next power of two at or above the longest filter. */
  public int fftLength() {
    return fftLength;
  }

  /** Number of bins (kernels). */
  public int bins() {
    return index.length;
  }

  /** Total stored kernel entries (the sparse size). */
  public int nonZeros() {
    int n = 0;
    for (int[] i : index) {
      n += i.length;
    }
    return n;
  }

  /**
   * Applies the kernels to one frame's half spectrum.
   *
   * @param spectrum [2*(L/2+1)] interleaved re/im of the frame's DFT, bins 0 to L/2
   * @param out [n_bins] |C|
   */
  public void magnitude(float[] spectrum, float[] out) {
    for (int k = 0; k < index.length; k++) {
      int[] idx = index[k];
      float[] kr = re[k];
      float[] ki = im[k];
      double lowRe = 0;
      double lowIm = 0;
      int e = 0;
      for (int end = split[k]; e < end; e++) {
        int j = idx[e];
        float sr = spectrum[2 * j];
        float si = spectrum[2 * j + 1];
        lowRe += sr * kr[e] - si * ki[e];
        lowIm += sr * ki[e] + si * kr[e];
      }
      double upRe = 0;
      double upIm = 0;
      for (; e < idx.length; e++) {
        int j = idx[e];
        float sr = spectrum[2 * j];
        float si = spectrum[2 * j + 1];
        upRe += sr * kr[e] - si * ki[e];
        upIm += sr * ki[e] + si * kr[e];
      }
      double accRe = lowRe + upRe;
      double accIm = lowIm - upIm;
      out[k] = (float) Math.hypot(accRe, accIm);
    }
  }
}
