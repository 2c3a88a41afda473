package io.uatr.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PhysicsTest {
  static final double FS = 52734;

  static final Propagation FREE = new Propagation(1500, 20, 10, 0, false, false);

  static VesselParams noTonals(VesselParams v, double beta) {
    return new VesselParams(
        v.label(),
        v.category(),
        v.lengthM(),
        v.speedKn(),
        v.shaftHz(),
        v.blades(),
        v.cylinders(),
        v.gearRatio(),
        v.sourceDepthM(),
        beta,
        v.harmonicAmps(),
        v.harmonicPhases(),
        v.shaftJitter(),
        List.of());
  }

  @Test
  void shapedNoiseHasTheTargetPsd() {
    double p0 = 4.0;
    double[] x =
        ShapedNoise.synthesize(
            1 << 18,
            FS,
            4096,
            (t, f, psd) -> {
              for (int k = 0; k < f.length; k++) {
                psd[k] = f[k] < 5000 ? p0 : p0 / 100;
              }
            },
            new SplittableRandom(1));
    double[] psd = Spectral.welch(x, 0, x.length, FS, 2048);
    assertEquals(10 * Math.log10(p0), Spectral.bandMeanDb(psd, FS, 2048, 500, 4500), 0.3);
    assertEquals(10 * Math.log10(p0 / 100), Spectral.bandMeanDb(psd, FS, 2048, 6000, 20000), 0.3);
  }

  @Test
  void broadbandFollowsJomopansInLevelAndSlope() {
    VesselParams v =
        noTonals(VesselParams.draw(ClassPrior.of("Passengers"), new SplittableRandom(3), 0), 0.5);
    // Stationary source at 1 m without surface or absorption: received PSD = source PSD.
    PassGeometry g = new PassGeometry(1e-3, 0, 0);
    Propagation p = new Propagation(1500, 20, v.sourceDepthM(), 0, false, false);
    double[] x = VesselRenderer.render(v, g, p, FS, 1 << 19, new SplittableRandom(4));
    int nfft = 8192;
    double[] psd = Spectral.welch(x, 0, x.length, FS, nfft);
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    double sx = 0;
    double sy = 0;
    int n = 0;
    for (double lo = 250; lo < 20000; lo *= 2) {
      double hi = lo * 2;
      double model = 0;
      int m = 0;
      for (int k = 1; k < psd.length; k++) {
        double f = k * FS / nfft;
        if (f >= lo && f < hi) {
          model += Math.pow(10, v.sourcePsdDb(f) / 10);
          m++;
        }
      }
      double modelDb = 10 * Math.log10(model / m);
      double measured = Spectral.bandMeanDb(psd, FS, nfft, lo, hi);
      assertEquals(modelDb, measured, 1.0, "octave band " + lo + " Hz");
      if (lo >= 500) {
        double lx = Math.log10(Math.sqrt(lo * hi));
        sx += lx;
        sy += measured;
        sxx += lx * lx;
        sxy += lx * measured;
        syy += measured * measured;
        n++;
      }
    }
    double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    // Above f1 = 480 kn / Vc (about 50 Hz here) JOMOPANS falls at 20 dB per decade.
    double formulaSlope = v.sourcePsdDb(10000) - v.sourcePsdDb(1000);
    assertTrue(formulaSlope < -19 && formulaSlope > -21, "formula slope " + formulaSlope);
    assertEquals(formulaSlope, slope, 1.0, "measured slope dB/decade");
  }

  @Test
  void receivedLevelFallsWithRangeAsThePropagationModelSays() {
    VesselParams v =
        noTonals(VesselParams.draw(ClassPrior.of("Fishboat"), new SplittableRandom(5), 0), 0);
    Propagation p = new Propagation(1500, 15, 8, 0.05, true, true);
    double speed = 5;
    PassGeometry g = new PassGeometry(20, 2, speed);
    int n = (int) (32 * FS);
    double[] x = VesselRenderer.render(v, g, p, FS, n, new SplittableRandom(6));
    double prev = Double.POSITIVE_INFINITY;
    for (double t = 2; t <= 30; t += 7) {
      int from = (int) ((t - 1) * FS);
      int to = (int) ((t + 1) * FS);
      from = Math.max(0, from);
      double[] psd = Spectral.welch(x, from, to, FS, 4096);
      double level = Spectral.bandMeanDb(psd, FS, 4096, 2000, 8000);
      double r = g.rangeAt(t);
      double model = 0;
      int m = 0;
      for (double f = 2000; f < 8000; f += 10) {
        model += Math.pow(10, v.sourcePsdDb(f) / 10) * p.powerGain(f, r, v.sourceDepthM());
        m++;
      }
      double expected = 10 * Math.log10(model / m);
      assertTrue(level < prev, "level must fall with range at t=" + t);
      prev = level;
      // Received band level = source level - spreading - absorption + Lloyd's mirror, within 1 dB.
      assertEquals(expected, level, 1.0, "range " + r + " m");
    }
  }

  @Test
  void dopplerShiftsATonalUpApproachingAndDownReceding() {
    VesselParams base =
        noTonals(VesselParams.draw(ClassPrior.of("Motorboat"), new SplittableRandom(7), 0), 0);
    Tonal tone = new Tonal(1000, 190, 0, 0, "test");
    VesselParams v =
        new VesselParams(
            base.label(),
            base.category(),
            base.lengthM(),
            0.01,
            base.shaftHz(),
            base.blades(),
            base.cylinders(),
            base.gearRatio(),
            base.sourceDepthM(),
            0,
            base.harmonicAmps(),
            base.harmonicPhases(),
            0,
            List.of(tone));
    double speed = 15;
    PassGeometry g = new PassGeometry(10, 10, speed);
    int n = 1 << 20;
    double[] x = VesselRenderer.render(v, g, FREE, FS, n, new SplittableRandom(8));
    double up = peakHz(x, 0, 1 << 18);
    double down = peakHz(x, n - (1 << 18), n);
    // Radial speed is close to the full speed far from CPA (range > 80 m at these times).
    assertEquals(1000 / (1 - 0.99 * speed / 1500), up, 1.0);
    assertEquals(1000 / (1 + 0.99 * speed / 1500), down, 1.0);
  }

  private static double peakHz(double[] x, int from, int to) {
    int nfft = 1 << 18;
    double[] psd = Spectral.welch(x, from, to, FS, nfft);
    int best = 1;
    for (int k = 1; k < psd.length; k++) {
      if (psd[k] > psd[best]) {
        best = k;
      }
    }
    // parabolic interpolation on log power
    double a = Math.log(psd[best - 1]);
    double b = Math.log(psd[best]);
    double c = Math.log(psd[best + 1]);
    double d = 0.5 * (a - c) / (a - 2 * b + c);
    return (best + d) * FS / nfft;
  }

  @Test
  void lloydMirrorMatchesTheTwoPathSum() {
    Propagation p = new Propagation(1500, 30, 10, 0, true, false);
    double ds = 3;
    for (double r : new double[] {20, 80}) {
      for (double f : new double[] {30, 300, 1234}) {
        double k = 2 * Math.PI * f / 1500;
        double r1 = Math.hypot(r, 10 - ds);
        double r2 = Math.hypot(r, 10 + ds);
        double re = Math.cos(k * r1) / r1 - Math.cos(k * r2) / r2;
        double im = Math.sin(k * r1) / r1 - Math.sin(k * r2) / r2;
        double twoPath = (re * re + im * im) * r1 * r1;
        double expected = twoPath * Math.pow(10, -p.spreadingLossDb(r1) / 10);
        assertEquals(expected, p.powerGain(f, r, ds), 1e-9 * expected + 1e-15);
      }
    }
    // Low frequencies are cancelled by the surface dipole, higher ones are not.
    assertTrue(p.powerGain(10, 50, ds) < 0.05 * p.powerGain(700, 50, ds));
  }
}
