package io.uatr.dsp.filter;

/** Minimal immutable complex number for filter design (not used in signal loops). */
record Complex(double re, double im) {

  static final Complex ZERO = new Complex(0, 0);
  static final Complex ONE = new Complex(1, 0);

  static Complex real(double re) {
    return new Complex(re, 0);
  }

  Complex plus(Complex o) {
    return new Complex(re + o.re, im + o.im);
  }

  Complex minus(Complex o) {
    return new Complex(re - o.re, im - o.im);
  }

  Complex times(Complex o) {
    return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
  }

  Complex times(double s) {
    return new Complex(re * s, im * s);
  }

  Complex div(Complex o) {
    // Smith's algorithm, robust against overflow.
    if (Math.abs(o.re) >= Math.abs(o.im)) {
      double r = o.im / o.re;
      double d = o.re + o.im * r;
      return new Complex((re + im * r) / d, (im - re * r) / d);
    }
    double r = o.re / o.im;
    double d = o.re * r + o.im;
    return new Complex((re * r + im) / d, (im * r - re) / d);
  }

  Complex conj() {
    return new Complex(re, -im);
  }

  Complex negate() {
    return new Complex(-re, -im);
  }

  double abs() {
    return Math.hypot(re, im);
  }

  /** Principal square root (branch cut on the negative real axis, as C99 csqrt). */
  Complex sqrt() {
    if (re == 0 && im == 0) {
      return new Complex(0, im);
    }
    double m = abs();
    double a = Math.sqrt((m + Math.abs(re)) / 2);
    if (re >= 0) {
      return new Complex(a, im / (2 * a));
    }
    return new Complex(Math.abs(im) / (2 * a), Math.copySign(a, im));
  }

  boolean isReal() {
    return im == 0;
  }
}
