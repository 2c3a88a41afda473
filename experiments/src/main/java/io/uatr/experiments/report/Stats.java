package io.uatr.experiments.report;

import java.util.Locale;

/** Mean and sample standard deviation over runs, as papers report them ("87.07 +- 2.43"). */
public final class Stats {
  private Stats() {}

  /** Mean of the finite values (NaN when there are none). */
  public static double mean(double[] v) {
    double s = 0;
    int n = 0;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        s += x;
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  /** Sample standard deviation (n - 1) of the finite values; 0 for one value, NaN for none. */
  public static double std(double[] v) {
    double m = mean(v);
    double s = 0;
    int n = 0;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        s += (x - m) * (x - m);
        n++;
      }
    }
    if (n == 0) {
      return Double.NaN;
    }
    return n == 1 ? 0 : Math.sqrt(s / (n - 1));
  }

  /**
   * Formats fractions as percent "mean +- std" with two decimals ("87.07 +- 2.43"); one value
   * without the spread; "n/a" when there is none.
   */
  public static String percent(double[] v) {
    return meanStd(v, 100, 2);
  }

  /**
   * Formats "mean +- std" (sample std, n - 1) of the finite values times {@code scale}, with the
   * given decimals; one value without the spread; "n/a" when there is none.
   *
   * @param v values (NaN ignored)
   * @param scale factor applied to mean and std (100 for percent, 1 for plain)
   * @param decimals decimals of both numbers
   * @return the text
   */
  public static String meanStd(double[] v, double scale, int decimals) {
    double m = mean(v);
    if (Double.isNaN(m)) {
      return "n/a";
    }
    long n = java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).count();
    String f = "%." + decimals + "f";
    if (n == 1) {
      return String.format(Locale.ROOT, f, scale * m);
    }
    return String.format(Locale.ROOT, f + " +- " + f, scale * m, scale * std(v));
  }
}
