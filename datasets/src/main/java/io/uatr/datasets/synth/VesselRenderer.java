package io.uatr.datasets.synth;

import java.util.random.RandomGenerator;

/**
 * Renders the pressure a hydrophone receives from one vessel passing by (pure static): broadband
 * JOMOPANS-ECHO noise shaped per block by the propagation loss at the block's range (spreading,
 * absorption, Lloyd's mirror), multiplied by the cavitation modulation m(t) = (1 + beta sum_n a_n
 * cos(n phi + theta_n)) / rms, plus machinery tonals. Modulation and tonals are evaluated at the
 * emission time tau = t - R(t)/c, which gives propagation delay and Doppler shift.
 */
public final class VesselRenderer {
  /** Samples per geometry step (range, emission time and tonal gains are updated this often). */
  static final int STEP = 64;

  /** FFT block length of the broadband synthesis. */
  public static final int BLOCK = 4096;

  private VesselRenderer() {}

  /**
   * Renders the received pressure.
   *
   * @param v the vessel
   * @param g its pass
   * @param p propagation environment
   * @param sampleRate sample rate in Hz
   * @param samples output length
   * @param rng random source (consumed in a fixed order)
   * @return [samples] received pressure in uPa
   */
  public static double[] render(
      VesselParams v,
      PassGeometry g,
      Propagation p,
      double sampleRate,
      int samples,
      RandomGenerator rng) {
    int steps = samples / STEP + 2;
    double[] tau = new double[steps];
    double[] range = new double[steps];
    for (int j = 0; j < steps; j++) {
      double t = j * (double) STEP / sampleRate;
      double r = g.rangeAt(t);
      double te = t - p.directRange(r, v.sourceDepthM()) / p.soundSpeed();
      r = g.rangeAt(te);
      te = t - p.directRange(r, v.sourceDepthM()) / p.soundSpeed();
      tau[j] = te;
      range[j] = g.rangeAt(te);
    }
    double[] sourcePsd = new double[VesselRenderer.BLOCK / 2 + 1];
    double[] gain = new double[sourcePsd.length];
    boolean[] init = {false};
    double[] out =
        ShapedNoise.synthesize(
            samples,
            sampleRate,
            BLOCK,
            (t, freqs, psd) -> {
              if (!init[0]) {
                for (int k = 1; k < freqs.length; k++) {
                  sourcePsd[k] = Math.pow(10, v.sourcePsdDb(freqs[k]) / 10);
                }
                init[0] = true;
              }
              int j = Math.min(steps - 1, Math.max(0, (int) Math.round(t * sampleRate / STEP)));
              p.powerGain(freqs, range[j], v.sourceDepthM(), gain);
              for (int k = 0; k < freqs.length; k++) {
                psd[k] = sourcePsd[k] * gain[k];
              }
            },
            rng);
    applyModulation(v, tau, out);
    for (Tonal tone : v.tonals()) {
      addTonal(tone, v, p, tau, range, sampleRate, out, rng);
    }
    return out;
  }

  /**
   * Shaft rotation phase at emission time: phi = 2 pi f_s (tau + jitter integral), with a slow
   * shaft-rate wander of relative amplitude {@code shaftJitter} at 0.05 and 0.13 Hz.
   */
  static double shaftPhase(VesselParams v, double t) {
    double j = v.shaftJitter();
    double w1 = 2 * Math.PI * 0.05;
    double w2 = 2 * Math.PI * 0.13;
    double wander = j * (Math.sin(w1 * t) / w1 + 0.5 * Math.sin(w2 * t + 1) / w2);
    return 2 * Math.PI * v.shaftHz() * (t + wander);
  }

  /** Points per shaft revolution of the tabulated modulation waveform. */
  private static final int TABLE = 8192;

  private static void applyModulation(VesselParams v, double[] tau, double[] out) {
    double beta = v.modulationIndex();
    if (beta == 0) {
      return;
    }
    double[] a = v.harmonicAmps();
    double[] th = v.harmonicPhases();
    double ms = 0;
    for (double ak : a) {
      ms += ak * ak / 2;
    }
    double norm = 1 / Math.sqrt(1 + beta * beta * ms);
    // m is periodic in the shaft phase: tabulate one revolution, then interpolate.
    double[] table = new double[TABLE + 1];
    for (int q = 0; q <= TABLE; q++) {
      double phi = 2 * Math.PI * q / TABLE;
      double sum = 0;
      for (int k = 0; k < a.length; k++) {
        sum += a[k] * Math.cos((k + 1) * phi + th[k]);
      }
      table[q] = (1 + beta * sum) * norm;
    }
    double perRad = TABLE / (2 * Math.PI);
    double prev = shaftPhase(v, tau[0]);
    for (int j = 0; j * STEP < out.length; j++) {
      double next = shaftPhase(v, tau[j + 1]);
      int from = j * STEP;
      int to = Math.min(out.length, from + STEP);
      double base = prev % (2 * Math.PI);
      if (base < 0) {
        base += 2 * Math.PI;
      }
      double pos0 = base * perRad;
      double dpos = (next - prev) * perRad / STEP;
      double pos = pos0;
      for (int i = from; i < to; i++) {
        while (pos >= TABLE) {
          pos -= TABLE;
        }
        while (pos < 0) {
          pos += TABLE;
        }
        int q = (int) pos;
        double frac = pos - q;
        out[i] *= table[q] + frac * (table[q + 1] - table[q]);
        pos += dpos;
      }
      prev = next;
    }
  }

  private static void addTonal(
      Tonal tone,
      VesselParams v,
      Propagation p,
      double[] tau,
      double[] range,
      double sampleRate,
      double[] out,
      RandomGenerator rng) {
    double amp0 = Math.sqrt(2 * Math.pow(10, tone.levelDb() / 10));
    double[] wf = new double[3];
    double[] wp = new double[3];
    for (int q = 0; q < 3; q++) {
      wf[q] = 2 * Math.PI * (0.05 + 0.4 * rng.nextDouble());
      wp[q] = 2 * Math.PI * rng.nextDouble();
    }
    double jitterScale = tone.amplitudeJitter() * Math.sqrt(2.0 / 3.0);
    double phase = 2 * Math.PI * rng.nextDouble();
    double dt = STEP / sampleRate;
    double phaseStepSd = Math.sqrt(2 * Math.PI * tone.lineWidthHz() * dt);
    int steps = tau.length - 1;
    double prevAmp = Double.NaN;
    for (int j = 0; j < steps; j++) {
      int from = j * STEP;
      if (from >= out.length) {
        break;
      }
      int to = Math.min(out.length, from + STEP);
      double t = j * dt;
      double eps = 0;
      for (int q = 0; q < 3; q++) {
        eps += Math.sin(wf[q] * t + wp[q]);
      }
      double amp =
          amp0
              * (1 + jitterScale * eps)
              * Math.sqrt(p.powerGain(tone.freqHz(), range[j], v.sourceDepthM()));
      if (Double.isNaN(prevAmp)) {
        prevAmp = amp;
      }
      double inc =
          (2 * Math.PI * tone.freqHz() * (tau[j + 1] - tau[j]) + phaseStepSd * rng.nextGaussian())
              / STEP;
      double zr = Math.cos(phase);
      double zi = Math.sin(phase);
      double wr = Math.cos(inc);
      double wi = Math.sin(inc);
      double da = (amp - prevAmp) / STEP;
      double a = prevAmp;
      for (int i = from; i < to; i++) {
        out[i] += a * zr;
        a += da;
        double r = zr * wr - zi * wi;
        zi = zr * wi + zi * wr;
        zr = r;
      }
      phase += inc * STEP;
      phase %= 2 * Math.PI;
      prevAmp = amp;
    }
  }

  /**
   * Model band power of the broadband noise received at a fixed range (no modulation, no tonals;
   * modulation preserves the mean power).
   *
   * @param v the vessel
   * @param rangeM horizontal range in m
   * @param p propagation
   * @param fLo lower band edge in Hz
   * @param fHi upper band edge in Hz
   * @param sampleRate sample rate giving the integration grid (bins of the synthesis block)
   * @return received band power in dB re 1 uPa^2
   */
  public static double bandPowerDb(
      VesselParams v, double rangeM, Propagation p, double fLo, double fHi, double sampleRate) {
    double df = sampleRate / BLOCK;
    double[] f = new double[BLOCK / 2 - 1];
    for (int k = 1; k < BLOCK / 2; k++) {
      f[k - 1] = k * df;
    }
    double[] gain = new double[f.length];
    p.powerGain(f, rangeM, v.sourceDepthM(), gain);
    double sum = 0;
    for (int k = 0; k < f.length; k++) {
      if (f[k] >= fLo && f[k] <= fHi) {
        sum += Math.pow(10, v.sourcePsdDb(f[k]) / 10) * gain[k] * df;
      }
    }
    return 10 * Math.log10(sum);
  }
}
