package io.uatr.dsp.filter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Zeros, poles and gain of a digital filter to second-order sections, with the pole-zero pairing of
 * SciPy's {@code zpk2sos(..., pairing='nearest')}: the pole closest to the unit circle is taken
 * first and paired with its nearest zero; sections are filled from the last to the first, so the
 * poles closest to the unit circle end up in the last sections; the gain goes into the first
 * section. Design-time only.
 */
final class ZpkToSos {

  /** SciPy's relative tolerance for deciding that a root is real: 100 * machine epsilon. */
  private static final double TOL = 100 * Math.ulp(1.0);

  private ZpkToSos() {}

  static double[][] convert(List<Complex> zeros, List<Complex> poles, double k) {
    List<Complex> z = new ArrayList<>(zeros);
    List<Complex> p = new ArrayList<>(poles);
    while (z.size() < p.size()) {
      z.add(Complex.ZERO);
    }
    while (p.size() < z.size()) {
      p.add(Complex.ZERO);
    }
    int nSections = (p.size() + 1) / 2;
    if (p.size() % 2 == 1) {
      p.add(Complex.ZERO);
      z.add(Complex.ZERO);
    }
    z = cplxReal(z);
    p = cplxReal(p);

    double[][] sos = new double[nSections][];
    for (int si = nSections - 1; si >= 0; si--) {
      Complex p1 = p.remove(idxWorst(p));
      if (p1.isReal() && countReal(p) == 0) {
        Complex z1 = z.remove(nearest(z, p1, Which.REAL));
        sos[si] = section(List.of(z1, Complex.ZERO), List.of(p1, Complex.ZERO));
      } else if (p.size() + 1 == z.size()
          && !p1.isReal()
          && countReal(p) == 1
          && countReal(z) == 1) {
        Complex z1 = z.remove(nearest(z, p1, Which.COMPLEX));
        sos[si] = section(List.of(z1, z1.conj()), List.of(p1, p1.conj()));
      } else {
        Complex p2;
        if (p1.isReal()) {
          List<Integer> realIdx = new ArrayList<>();
          for (int i = 0; i < p.size(); i++) {
            if (p.get(i).isReal()) {
              realIdx.add(i);
            }
          }
          List<Complex> reals = new ArrayList<>();
          for (int i : realIdx) {
            reals.add(p.get(i));
          }
          p2 = p.remove((int) realIdx.get(idxWorst(reals)));
        } else {
          p2 = p1.conj();
        }
        if (!z.isEmpty()) {
          Complex z1 = z.remove(nearest(z, p1, Which.ANY));
          if (!z1.isReal()) {
            sos[si] = section(List.of(z1, z1.conj()), List.of(p1, p2));
          } else if (!z.isEmpty()) {
            Complex z2 = z.remove(nearest(z, p1, Which.REAL));
            sos[si] = section(List.of(z1, z2), List.of(p1, p2));
          } else {
            sos[si] = section(List.of(z1), List.of(p1, p2));
          }
        } else {
          sos[si] = section(List.of(), List.of(p1, p2));
        }
      }
    }
    for (int i = 0; i < 3; i++) {
      sos[0][i] *= k;
    }
    return sos;
  }

  private enum Which {
    REAL,
    COMPLEX,
    ANY
  }

  private static int countReal(List<Complex> xs) {
    int c = 0;
    for (Complex x : xs) {
      if (x.isReal()) {
        c++;
      }
    }
    return c;
  }

  /** Index of the root closest to the unit circle (first one on ties, like argmin). */
  private static int idxWorst(List<Complex> xs) {
    int best = -1;
    double bestD = Double.POSITIVE_INFINITY;
    for (int i = 0; i < xs.size(); i++) {
      double d = Math.abs(1 - xs.get(i).abs());
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  private static int nearest(List<Complex> from, Complex to, Which which) {
    int best = -1;
    double bestD = Double.POSITIVE_INFINITY;
    for (int i = 0; i < from.size(); i++) {
      Complex c = from.get(i);
      if ((which == Which.REAL && !c.isReal()) || (which == Which.COMPLEX && c.isReal())) {
        continue;
      }
      double d = c.minus(to).abs();
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    if (best < 0) {
      throw new IllegalStateException("no " + which + " root left to pair with " + to);
    }
    return best;
  }

  /**
   * Splits roots into complex roots with positive imaginary part (conjugate pairs merged, sorted by
   * real part then |imag|) followed by the real roots sorted by value (SciPy's {@code _cplxreal}).
   */
  static List<Complex> cplxReal(List<Complex> roots) {
    Comparator<Complex> byReIm =
        Comparator.<Complex>comparingDouble(Complex::re).thenComparingDouble(c -> Math.abs(c.im()));
    List<Complex> sorted = new ArrayList<>(roots);
    sorted.sort(byReIm);
    List<Complex> reals = new ArrayList<>();
    List<Complex> pos = new ArrayList<>();
    List<Complex> neg = new ArrayList<>();
    for (Complex c : sorted) {
      if (Math.abs(c.im()) <= TOL * c.abs()) {
        reals.add(Complex.real(c.re()));
      } else if (c.im() > 0) {
        pos.add(c);
      } else {
        neg.add(c);
      }
    }
    if (pos.size() != neg.size()) {
      throw new IllegalArgumentException("complex root without a conjugate among " + roots);
    }
    sortRunsByImag(pos);
    sortRunsByImag(neg);
    List<Complex> out = new ArrayList<>(pos.size() + reals.size());
    for (int i = 0; i < pos.size(); i++) {
      Complex zp = pos.get(i);
      Complex zn = neg.get(i);
      if (zp.minus(zn.conj()).abs() > TOL * zn.abs()) {
        throw new IllegalArgumentException("complex root without a conjugate: " + zp);
      }
      out.add(zp.plus(zn.conj()).times(0.5));
    }
    out.addAll(reals);
    return out;
  }

  /** Within runs of (nearly) equal real part, sorts by |imag| (stable). */
  private static void sortRunsByImag(List<Complex> xs) {
    // Runs are defined on the positive-imaginary list in SciPy; for conjugate lists the real parts
    // coincide, so the same runs result.
    int start = 0;
    while (start < xs.size()) {
      int stop = start + 1;
      while (stop < xs.size()
          && xs.get(stop).re() - xs.get(stop - 1).re() <= TOL * xs.get(stop - 1).abs()) {
        stop++;
      }
      xs.subList(start, stop).sort(Comparator.comparingDouble(c -> Math.abs(c.im())));
      start = stop;
    }
  }

  /** One section from up to two zeros and two poles, right-aligned like SciPy's. */
  private static double[] section(List<Complex> zs, List<Complex> ps) {
    double[] sos = new double[6];
    double[] b = poly(zs);
    double[] a = poly(ps);
    System.arraycopy(b, 0, sos, 3 - b.length, b.length);
    System.arraycopy(a, 0, sos, 6 - a.length, a.length);
    return sos;
  }

  /** Real monic polynomial coefficients (highest power first) of one or two roots. */
  private static double[] poly(List<Complex> roots) {
    if (roots.isEmpty()) {
      return new double[] {1.0};
    }
    if (roots.size() == 1) {
      return new double[] {1.0, -roots.get(0).re()};
    }
    Complex r1 = roots.get(0);
    Complex r2 = roots.get(1);
    Complex sum = r2.negate().plus(r1.negate());
    Complex prod = r1.times(r2);
    return new double[] {1.0, sum.re(), prod.re()};
  }
}
