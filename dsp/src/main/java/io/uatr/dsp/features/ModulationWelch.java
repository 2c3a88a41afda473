package io.uatr.dsp.features;

import io.uatr.dsp.spectral.WindowType;
import io.uatr.dsp.spectral.Windows;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Streaming Welch modulation spectrum of {@code bands} band-energy sequences: frames are pushed one
 * at a time; each Welch window of {@link ModSpecLayout#windowFrames()} frames (hop {@link
 * ModSpecLayout#hopFrames()}) is transformed as soon as its last frame arrives, its mean removed,
 * weighted by a periodic Hann window and zero-padded to {@link ModSpecLayout#fftLength()}; the
 * powers of the kept bins are summed. Memory: a [bands][window] ring, a [bands][modBins] sum and
 * one FFT buffer; nothing is allocated per frame. Not thread-safe.
 */
final class ModulationWelch {
  private static final double EPS = Double.MIN_NORMAL;

  private final ModSpecLayout layout;
  private final float[][] ring;
  private final double[][] power;
  private final double[] energy;
  private final double[] hann;
  private final double[] work;
  private final DoubleFFT_1D fft;
  private final double scale;
  private long frames;
  private long nextStart;
  private int windows;

  ModulationWelch(ModSpecLayout layout, int bands) {
    this.layout = layout;
    int w = layout.windowFrames();
    this.ring = new float[bands][w];
    this.power = new double[bands][layout.modBins()];
    this.energy = new double[bands];
    float[] h = Windows.get(WindowType.HANN, w, true);
    this.hann = new double[w];
    double sum = 0;
    for (int i = 0; i < w; i++) {
      hann[i] = h[i];
      sum += h[i];
    }
    this.scale = 1.0 / (sum * sum);
    this.work = new double[layout.fftLength()];
    this.fft = new DoubleFFT_1D(layout.fftLength());
  }

  /**
   * Adds frame {@code frames()} of the band energies.
   *
   * @param e [bands] linear band energies
   */
  void accept(float[] e) {
    int w = layout.windowFrames();
    int slot = (int) (frames % w);
    for (int b = 0; b < ring.length; b++) {
      ring[b][slot] = e[b];
      energy[b] += e[b];
    }
    frames++;
    if (frames == nextStart + w) {
      transform(nextStart, w);
      nextStart += layout.hopFrames();
    }
  }

  private void transform(long start, int valid) {
    int w = layout.windowFrames();
    int first = layout.firstBin();
    int half = layout.fftLength() / 2;
    int offset = (int) (start % w);
    for (int b = 0; b < ring.length; b++) {
      float[] r = ring[b];
      double mean = 0;
      for (int i = 0; i < valid; i++) {
        double v = r[(offset + i) % w];
        work[i] = v;
        mean += v;
      }
      mean /= Math.max(1, valid);
      for (int i = 0; i < valid; i++) {
        work[i] = (work[i] - mean) * hann[i];
      }
      java.util.Arrays.fill(work, valid, work.length, 0.0);
      fft.realForward(work);
      double[] p = power[b];
      for (int j = 0; j < p.length; j++) {
        int k = first + j;
        if (k == half) {
          p[j] += work[1] * work[1];
        } else if (k == 0) {
          p[j] += work[0] * work[0];
        } else {
          double re = work[2 * k];
          double im = work[2 * k + 1];
          p[j] += re * re + im * im;
        }
      }
    }
    windows++;
  }

  /**
   * Ends the sequence (a sequence shorter than one window becomes one zero-padded window) and
   * writes the normalised modulation spectrum.
   *
   * @param out [bands][modBins] receives {@code mean_windows |X[k]|^2 / (sum w)^2 / (mean_t E^2 +
   *     eps)}, linear
   */
  void finish(double[][] out) {
    if (windows == 0) {
      transform(0, (int) frames);
    }
    for (int b = 0; b < power.length; b++) {
      double mu = frames == 0 ? 0 : energy[b] / frames;
      double norm = scale / windows / (mu * mu + EPS);
      for (int j = 0; j < power[b].length; j++) {
        out[b][j] = power[b][j] * norm;
      }
    }
  }
}
