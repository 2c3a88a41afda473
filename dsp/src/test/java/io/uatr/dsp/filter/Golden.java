package io.uatr.dsp.filter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the whitespace-separated golden text files under {@code golden/filters/}. */
final class Golden {

  private Golden() {}

  /** Rows of numbers; lines starting with '#' are skipped. */
  static double[][] matrix(String name) {
    String path = "/golden/filters/" + name;
    try (InputStream in = Golden.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<double[]> rows = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        line = line.trim();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\\s+");
        double[] row = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
          row[i] = Double.parseDouble(parts[i]);
        }
        rows.add(row);
      }
      return rows.toArray(new double[0][]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of cases.txt, split on whitespace (comments skipped). */
  static List<String[]> cases() {
    String path = "/golden/filters/cases.txt";
    try (InputStream in = Golden.class.getResourceAsStream(path)) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String[]> out = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.trim().split("\\s+"));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ButterworthSpec spec(String[] c) {
    FilterType type =
        switch (c[1]) {
          case "lowpass" -> FilterType.LOW_PASS;
          case "highpass" -> FilterType.HIGH_PASS;
          case "bandpass" -> FilterType.BAND_PASS;
          case "bandstop" -> FilterType.BAND_STOP;
          default -> throw new IllegalArgumentException(c[1]);
        };
    return new ButterworthSpec(
        type,
        Integer.parseInt(c[2]),
        Double.parseDouble(c[3]),
        Double.parseDouble(c[4]),
        Double.parseDouble(c[5]));
  }

  /** The shared float32 input signal. */
  static float[] input() {
    double[][] m = matrix("input.txt");
    float[] x = new float[m.length];
    for (int i = 0; i < m.length; i++) {
      x[i] = (float) m[i][0];
    }
    return x;
  }
}
