package io.uatr.datasets.synth;

import org.jtransforms.fft.DoubleFFT_1D;

/** Test-side reference spectral estimators (Welch PSD, envelope spectrum). */
final class Spectral {
  private Spectral() {}

  /**
   * Welch one-sided PSD with a periodic Hann window, 50 % overlap, density scaling (as scipy's
   * {@code welch(..., scaling='density')}).
   */
  static double[] welch(double[] x, int from, int to, double fs, int nfft) {
    double[] w = new double[nfft];
    double s2 = 0;
    for (int i = 0; i < nfft; i++) {
      w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / nfft);
      s2 += w[i] * w[i];
    }
    double[] psd = new double[nfft / 2 + 1];
    double[] buf = new double[nfft];
    DoubleFFT_1D fft = new DoubleFFT_1D(nfft);
    int count = 0;
    for (int start = from; start + nfft <= to; start += nfft / 2) {
      double mean = 0;
      for (int i = 0; i < nfft; i++) {
        mean += x[start + i];
      }
      mean /= nfft;
      for (int i = 0; i < nfft; i++) {
        buf[i] = (x[start + i] - mean) * w[i];
      }
      fft.realForward(buf);
      psd[0] += buf[0] * buf[0];
      psd[nfft / 2] += buf[1] * buf[1];
      for (int k = 1; k < nfft / 2; k++) {
        psd[k] += 2 * (buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1]);
      }
      count++;
    }
    for (int k = 0; k < psd.length; k++) {
      psd[k] /= count * fs * s2;
    }
    return psd;
  }

  /** Mean of psd over bins with frequency in [lo, hi), in dB. */
  static double bandMeanDb(double[] psd, double fs, int nfft, double lo, double hi) {
    double sum = 0;
    int n = 0;
    for (int k = 1; k < psd.length; k++) {
      double f = k * fs / nfft;
      if (f >= lo && f < hi) {
        sum += psd[k];
        n++;
      }
    }
    return 10 * Math.log10(sum / n);
  }

  /**
   * Naive envelope (DEMON-like) spectrum: band-pass by zeroing FFT bins outside [lo, hi], square,
   * average blocks of {@code decim} samples, remove the mean, zero-padded FFT magnitude.
   *
   * @return [2][bins]: frequencies in Hz and magnitudes
   */
  static double[][] envelopeSpectrum(double[] x, double fs, double lo, double hi, int decim) {
    int n = x.length;
    double[] a = x.clone();
    DoubleFFT_1D fft = new DoubleFFT_1D(n);
    fft.realForward(a);
    a[0] = 0;
    a[1] = 0;
    for (int k = 1; k < n / 2; k++) {
      double f = k * fs / n;
      if (f < lo || f > hi) {
        a[2 * k] = 0;
        a[2 * k + 1] = 0;
      }
    }
    fft.realInverse(a, true);
    int m = n / decim;
    int nfft = Integer.highestOneBit(m) * 4;
    double[] env = new double[nfft];
    double mean = 0;
    for (int i = 0; i < m; i++) {
      double s = 0;
      for (int q = 0; q < decim; q++) {
        double v = a[i * decim + q];
        s += v * v;
      }
      env[i] = s / decim;
      mean += env[i];
    }
    mean /= m;
    for (int i = 0; i < m; i++) {
      env[i] = (env[i] - mean) * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / m));
    }
    new DoubleFFT_1D(nfft).realForward(env);
    double efs = fs / decim;
    double[][] out = new double[2][nfft / 2];
    for (int k = 1; k < nfft / 2; k++) {
      out[0][k] = k * efs / nfft;
      out[1][k] = Math.hypot(env[2 * k], env[2 * k + 1]);
    }
    return out;
  }
}
