package io.uatr.dsp.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Digital Butterworth filter design as second-order sections.
 *
 * <p>Method (the same steps as {@code scipy.signal.butter(..., output='sos')}, so the coefficients
 * agree with SciPy's to rounding): analog prototype poles {@code -exp(i*pi*m/(2N))}, {@code m =
 * -N+1, -N+3, ..., N-1}; band edges pre-warped with {@code 4*tan(pi*f/fs)} (bilinear transform at
 * an internal rate of 2); analog frequency transformation (low-pass, high-pass, band-pass or
 * band-stop, the band types using centre {@code sqrt(w1*w2)} and width {@code w2-w1}); bilinear
 * transform; and SciPy's {@code 'nearest'} pole-zero pairing into sections (see {@link ZpkToSos}).
 * The overall gain is carried by the first section.
 */
public final class Butterworth {

  private Butterworth() {}

  /**
   * Designs the filter.
   *
   * @param spec the specification
   * @return second-order sections {@code [spec.sectionCount()][6]}, rows {@code b0 b1 b2 1 a1 a2}
   */
  public static double[][] design(ButterworthSpec spec) {
    int n = spec.order();
    // Analog prototype: no zeros, N poles on the left unit half circle, gain 1.
    List<Complex> poles = new ArrayList<>(n);
    for (int m = -n + 1; m < n; m += 2) {
      double theta = Math.PI * m / (2.0 * n);
      // -exp(i*theta); the middle pole (m = 0) is exactly -1.
      poles.add(new Complex(-Math.cos(theta), -Math.sin(theta)));
    }
    List<Complex> zeros = new ArrayList<>();
    double k = 1.0;

    double fs = spec.sampleRate();
    double w1 = prewarp(spec.lowHz(), fs);
    switch (spec.type()) {
      case LOW_PASS -> {
        poles.replaceAll(p -> p.times(w1));
        k = Math.pow(w1, n);
      }
      case HIGH_PASS -> {
        Complex prod = Complex.ONE;
        for (Complex p : poles) {
          prod = prod.times(p.negate());
        }
        k = Complex.ONE.div(prod).re();
        poles.replaceAll(p -> Complex.real(w1).div(p));
        for (int i = 0; i < n; i++) {
          zeros.add(Complex.ZERO);
        }
      }
      case BAND_PASS -> {
        double w2 = prewarp(spec.highHz(), fs);
        double bw = w2 - w1;
        double wo = Math.sqrt(w1 * w2);
        poles = splitToBand(scaled(poles, bw / 2), wo);
        for (int i = 0; i < n; i++) {
          zeros.add(Complex.ZERO);
        }
        k = Math.pow(bw, n);
      }
      case BAND_STOP -> {
        double w2 = prewarp(spec.highHz(), fs);
        double bw = w2 - w1;
        double wo = Math.sqrt(w1 * w2);
        Complex prod = Complex.ONE;
        for (Complex p : poles) {
          prod = prod.times(p.negate());
        }
        k = Complex.ONE.div(prod).re();
        List<Complex> inverted = new ArrayList<>(n);
        for (Complex p : poles) {
          inverted.add(Complex.real(bw / 2).div(p));
        }
        poles = splitToBand(inverted, wo);
        for (int i = 0; i < n; i++) {
          zeros.add(new Complex(0, wo));
        }
        for (int i = 0; i < n; i++) {
          zeros.add(new Complex(0, -wo));
        }
      }
      default -> throw new IllegalStateException("unknown filter type " + spec.type());
    }
    return bilinearToSos(zeros, poles, k);
  }

  /** Pre-warped analog frequency for edge {@code hz}: {@code 4*tan(pi*hz/fs)} (internal fs 2). */
  static double prewarp(double hz, double fs) {
    double wn = hz / (fs / 2);
    return 4.0 * Math.tan(Math.PI * wn / 2.0);
  }

  private static List<Complex> scaled(List<Complex> ps, double s) {
    List<Complex> out = new ArrayList<>(ps.size());
    for (Complex p : ps) {
      out.add(p.times(s));
    }
    return out;
  }

  /** Moves each base-band root r to the pair {@code r +- sqrt(r^2 - wo^2)}. */
  private static List<Complex> splitToBand(List<Complex> base, double wo) {
    List<Complex> plus = new ArrayList<>(base.size());
    List<Complex> minus = new ArrayList<>(base.size());
    Complex wo2 = Complex.real(wo * wo);
    for (Complex r : base) {
      Complex s = r.times(r).minus(wo2).sqrt();
      plus.add(r.plus(s));
      minus.add(r.minus(s));
    }
    plus.addAll(minus);
    return plus;
  }

  /** Bilinear transform at internal rate 2 (s = 4 (z-1)/(z+1)), then pairing into sections. */
  private static double[][] bilinearToSos(List<Complex> zeros, List<Complex> poles, double k) {
    Complex fs2 = Complex.real(4.0);
    int degree = poles.size() - zeros.size();
    List<Complex> zz = new ArrayList<>(poles.size());
    List<Complex> pz = new ArrayList<>(poles.size());
    Complex numProd = Complex.ONE;
    Complex denProd = Complex.ONE;
    for (Complex z : zeros) {
      zz.add(fs2.plus(z).div(fs2.minus(z)));
      numProd = numProd.times(fs2.minus(z));
    }
    for (Complex p : poles) {
      pz.add(fs2.plus(p).div(fs2.minus(p)));
      denProd = denProd.times(fs2.minus(p));
    }
    for (int i = 0; i < degree; i++) {
      zz.add(Complex.real(-1.0));
    }
    double kz = k * numProd.div(denProd).re();
    return ZpkToSos.convert(zz, pz, kz);
  }
}
