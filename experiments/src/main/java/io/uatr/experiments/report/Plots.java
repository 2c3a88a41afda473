package io.uatr.experiments.report;

import io.uatr.training.EpochMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/** PNG plots of a run (XChart, headless). */
public final class Plots {
  private Plots() {}

  /**
   * Training curves: loss (train, validation) and accuracy (train, validation) over epochs.
   *
   * @param title title prefix
   * @param history one row per epoch
   * @param out PNG file
   * @throws IOException when writing fails
   */
  public static void trainingCurves(String title, List<EpochMetrics> history, Path out)
      throws IOException {
    double[] ep = history.stream().mapToDouble(EpochMetrics::epoch).toArray();
    XYChart loss = xy(title + ": loss", "epoch", "loss");
    add(loss, "train", ep, history.stream().mapToDouble(EpochMetrics::trainLoss).toArray());
    add(
        loss,
        "validation (class)",
        ep,
        history.stream().mapToDouble(EpochMetrics::valLoss).toArray());
    XYChart acc = xy(title + ": accuracy", "epoch", "accuracy");
    add(acc, "train", ep, history.stream().mapToDouble(EpochMetrics::trainAccuracy).toArray());
    add(acc, "validation", ep, history.stream().mapToDouble(EpochMetrics::valAccuracy).toArray());
    save(List.of(loss, acc), 1, 2, out);
  }

  /**
   * Gate entropy over epochs, one line per task.
   *
   * @param title title
   * @param epochs [n] epochs
   * @param entropyByTask task name to [n] mean normalised gate entropy
   * @param out PNG file
   * @throws IOException when writing fails
   */
  public static void gateEntropy(
      String title, double[] epochs, Map<String, double[]> entropyByTask, Path out)
      throws IOException {
    XYChart c = xy(title, "epoch", "mean normalised gate entropy H/log E");
    c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    for (Map.Entry<String, double[]> e : entropyByTask.entrySet()) {
      add(c, e.getKey(), epochs, e.getValue());
    }
    save(List.of(c), 1, 1, out);
  }

  /**
   * Confusion matrix heat map, true classes as rows from top to bottom.
   *
   * @param title title
   * @param classes class names
   * @param confusion [C][C] counts, rows true, columns predicted
   * @param out PNG file
   * @throws IOException when writing fails
   */
  public static void confusion(String title, List<String> classes, long[][] confusion, Path out)
      throws IOException {
    double[][] v = new double[confusion.length][];
    for (int i = 0; i < v.length; i++) {
      v[i] = new double[confusion[i].length];
      for (int j = 0; j < v[i].length; j++) {
        v[i][j] = confusion[i][j];
      }
    }
    heat(title, "predicted", "true", classes, classes, v, out);
  }

  /**
   * Class x expert mean gate weight heat map with each expert's share of the hard assignments (the
   * arg-max expert of each segment): in the expert axis labels and as a last row under the classes.
   *
   * @param title title
   * @param classes class names (rows)
   * @param classByExpert [C][E] mean gate weight (NaN rows are drawn as 0)
   * @param hardCounts [E] segments whose largest gate weight is expert i
   * @param out PNG file
   * @throws IOException when writing fails
   */
  public static void classByExpert(
      String title, List<String> classes, double[][] classByExpert, long[] hardCounts, Path out)
      throws IOException {
    double[] share = HardAssignments.shares(hardCounts);
    List<String> experts = new ArrayList<>();
    for (int e = 0; e < classByExpert[0].length; e++) {
      experts.add(
          Double.isNaN(share[e])
              ? "expert " + e
              : String.format(
                  java.util.Locale.ROOT, "expert %d (%.0f %% hard)", e, 100 * share[e]));
    }
    List<String> rows = new ArrayList<>(classes);
    rows.add(HARD_ROW);
    double[][] values = java.util.Arrays.copyOf(classByExpert, classByExpert.length + 1);
    values[classByExpert.length] = share;
    heat(title, "expert", "true class", experts, rows, values, out);
  }

  /** Label of the class x expert heat map's last row: each expert's share of hard assignments. */
  public static final String HARD_ROW = "(share of hard assignments)";

  /**
   * Bar chart of a metric per variant with the standard deviation over seeds as error bars.
   *
   * @param title title
   * @param variants variant names
   * @param means [V] means in percent
   * @param stds [V] standard deviations in percent (0 for one seed)
   * @param out PNG file
   * @throws IOException when writing fails
   */
  public static void variantBars(
      String title, List<String> variants, double[] means, double[] stds, Path out)
      throws IOException {
    org.knowm.xchart.CategoryChart c =
        new org.knowm.xchart.CategoryChartBuilder()
            .width(Math.max(520, 140 + 90 * variants.size()))
            .height(420)
            .title(title)
            .xAxisTitle("variant")
            .yAxisTitle("test segment accuracy (%)")
            .build();
    c.getStyler().setLegendVisible(false);
    c.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
    c.getStyler().setXAxisLabelRotation(30);
    List<Double> m = new ArrayList<>();
    List<Double> e = new ArrayList<>();
    for (int i = 0; i < means.length; i++) {
      m.add(Double.isNaN(means[i]) ? 0.0 : means[i]);
      e.add(Double.isNaN(stds[i]) ? 0.0 : stds[i]);
    }
    c.addSeries("accuracy", new ArrayList<>(variants), m, e);
    save(List.of(c), 1, 1, out);
  }

  /**
   * A heat map whose first row is drawn at the top (XChart's y axis runs bottom-up, so the rows are
   * flipped).
   */
  static void heat(
      String title,
      String xLabel,
      String yLabel,
      List<String> cols,
      List<String> rows,
      double[][] values,
      Path out)
      throws IOException {
    // the title is centred over the plot area, right of the row labels
    int labels = rows.stream().mapToInt(String::length).max().orElse(0);
    int w = Math.max(Math.max(520, 120 + 60 * cols.size()), 120 + 8 * title.length() + 7 * labels);
    int h = Math.max(420, 120 + 40 * rows.size());
    HeatMapChart c =
        new HeatMapChartBuilder()
            .width(w)
            .height(h)
            .title(title)
            .xAxisTitle(xLabel)
            .yAxisTitle(yLabel)
            .build();
    c.getStyler().setShowValue(true);
    c.getStyler().setPlotContentSize(1.0);
    c.getStyler().setXAxisLabelRotation(45);
    List<String> yCats = new ArrayList<>(rows);
    java.util.Collections.reverse(yCats);
    List<Number[]> cells = new ArrayList<>();
    int n = rows.size();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < cols.size(); j++) {
        double v = values[i][j];
        cells.add(new Number[] {j, n - 1 - i, Double.isNaN(v) ? 0.0 : round(v)});
      }
    }
    c.addSeries("values", new ArrayList<>(cols), yCats, cells);
    save(List.of(c), 1, 1, out);
  }

  private static double round(double v) {
    return Math.abs(v - Math.rint(v)) < 1e-9 ? Math.rint(v) : Math.round(v * 100) / 100.0;
  }

  private static XYChart xy(String title, String x, String y) {
    XYChart c =
        new XYChartBuilder()
            .width(640)
            .height(420)
            .title(title)
            .xAxisTitle(x)
            .yAxisTitle(y)
            .build();
    c.getStyler().setMarkerSize(5);
    return c;
  }

  private static void add(XYChart c, String name, double[] x, double[] y) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(y[i])) {
        xs.add(x[i]);
        ys.add(y[i]);
      }
    }
    if (!xs.isEmpty()) {
      c.addSeries(name, xs, ys);
    }
  }

  private static <T extends Chart<?, ?>> void save(List<T> charts, int rows, int cols, Path out)
      throws IOException {
    Path abs = out.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    String base = abs.toString().replaceAll("\\.png$", "");
    if (charts.size() == 1) {
      BitmapEncoder.saveBitmap(charts.get(0), base, BitmapEncoder.BitmapFormat.PNG);
    } else {
      BitmapEncoder.saveBitmap(charts, rows, cols, base, BitmapEncoder.BitmapFormat.PNG);
    }
  }
}
