package io.uatr.experiments.data;

import io.uatr.datasets.Recording;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recording conditions as standardised nuisance features for a model's shallow nuisance tower and
 * nuisance heads: {@code range} (m), {@code depth} (channel depth, m) and {@code wind} (as given,
 * km/h for the synthetic corpus), read from a {@link Recording}'s metadata.
 *
 * <p>Metadata keys: range is {@code range_m} (synthetic ground truth) when numeric, else {@code
 * range} (ShipsEar's distance column), where a distance class "a-b" counts as its midpoint (a+b)/2
 * and "&gt;a" or "&lt;a" as a; depth is {@code channel_depth}; wind is {@code wind}. A value that
 * is missing or not a number is NaN.
 *
 * <p>Standardisation: each feature's mean and population standard deviation are taken over the
 * training recordings (one value per recording, whatever its number of segments) with a known
 * value; a value becomes (v - mean) / std, and a missing value becomes 0, the training mean. A
 * feature with fewer than two known training values or zero spread is 0 everywhere.
 *
 * @param mean [3] training means, in {@link #NAMES} order
 * @param std [3] training standard deviations (0 where the feature is unusable)
 */
public record NuisanceFeatures(double[] mean, double[] std) {

  private static final Logger LOG = LoggerFactory.getLogger(NuisanceFeatures.class);

  /** Feature names, in vector order. */
  public static final List<String> NAMES = List.of("range", "depth", "wind");

  private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

  /** Validates the array lengths. */
  public NuisanceFeatures {
    if (mean.length != NAMES.size() || std.length != NAMES.size()) {
      throw new IllegalArgumentException(
          "mean and std must have "
              + NAMES.size()
              + " entries, had "
              + mean.length
              + ", "
              + std.length);
    }
    mean = mean.clone();
    std = std.clone();
  }

  /**
   * Fits the standardisation on the training recordings.
   *
   * @param train the training recordings
   * @return the fitted standardisation
   */
  public static NuisanceFeatures fit(List<Recording> train) {
    int n = NAMES.size();
    double[] mean = new double[n];
    double[] std = new double[n];
    for (int k = 0; k < n; k++) {
      double sum = 0;
      int count = 0;
      for (Recording r : train) {
        double v = raw(r, NAMES.get(k));
        if (!Double.isNaN(v)) {
          sum += v;
          count++;
        }
      }
      double m = count == 0 ? 0 : sum / count;
      double ss = 0;
      for (Recording r : train) {
        double v = raw(r, NAMES.get(k));
        if (!Double.isNaN(v)) {
          ss += (v - m) * (v - m);
        }
      }
      mean[k] = m;
      std[k] = count < 2 ? 0 : Math.sqrt(ss / count);
      if (!(std[k] > 0)) {
        std[k] = 0;
        LOG.info("nuisance feature {}: no spread in the training metadata, set to 0", NAMES.get(k));
      }
    }
    return new NuisanceFeatures(mean, std);
  }

  /**
   * Standardised features of one recording.
   *
   * @param r the recording
   * @return [3] values in {@link #NAMES} order, finite (missing values are 0)
   */
  public float[] apply(Recording r) {
    float[] out = new float[NAMES.size()];
    for (int k = 0; k < out.length; k++) {
      double v = raw(r, NAMES.get(k));
      out[k] = Double.isNaN(v) || std[k] == 0 ? 0f : (float) ((v - mean[k]) / std[k]);
    }
    return out;
  }

  /**
   * The raw value of a nuisance feature.
   *
   * @param r the recording
   * @param name one of {@link #NAMES}
   * @return the value (m for range and depth), or NaN when unknown
   */
  public static double raw(Recording r, String name) {
    return switch (name) {
      case "range" -> {
        double v = number(r.metadata().get("range_m"));
        yield Double.isNaN(v) ? number(r.metadata().get("range")) : v;
      }
      case "depth" -> number(r.metadata().get("channel_depth"));
      case "wind" -> number(r.metadata().get("wind"));
      default -> throw new IllegalArgumentException("unknown nuisance feature '" + name + "'");
    };
  }

  /**
   * Parses a metadata value: a number, a class "a-b" (its midpoint) or "&gt;a" / "&lt;a" (a);
   * anything else (null, "N.A.", text) is NaN.
   *
   * @param s the value or null
   * @return the number or NaN
   */
  public static double number(String s) {
    if (s == null) {
      return Double.NaN;
    }
    String t = s.trim().toLowerCase(Locale.ROOT).replace(" ", "");
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      // not a plain number
    }
    Matcher m = NUMBER.matcher(t);
    if (t.matches("\\d+(\\.\\d+)?-\\d+(\\.\\d+)?")) {
      m.find();
      double a = Double.parseDouble(m.group());
      m.find();
      return (a + Double.parseDouble(m.group())) / 2;
    }
    if (t.matches("[<>]=?\\d+(\\.\\d+)?") && m.find()) {
      return Double.parseDouble(m.group());
    }
    return Double.NaN;
  }
}
