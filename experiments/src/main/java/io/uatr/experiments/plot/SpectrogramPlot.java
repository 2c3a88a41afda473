package io.uatr.experiments.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Renders a [rows][cols] spectrogram-like matrix as a PNG heat map (viridis) with a time axis in
 * seconds, a labelled row axis (for example frequency in Hz) and a colour bar. Low rows are drawn
 * at the bottom. Wide matrices are averaged down to the image width, so a matrix of any length
 * plots in bounded memory when given through {@link MatrixSource}.
 */
public final class SpectrogramPlot {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 520;
  private static final int LEFT = 80;
  private static final int RIGHT = 110;
  private static final int TOP = 36;
  private static final int BOTTOM = 56;

  /** Random access to the values being plotted. */
  @FunctionalInterface
  public interface MatrixSource {
    /**
     * Value at a row and column.
     *
     * @param row row index
     * @param col column index
     * @return the value
     */
    float get(int row, long col);
  }

  /**
   * What to draw.
   *
   * @param title the title
   * @param rows number of rows
   * @param cols number of columns
   * @param rowValues [rows] value of each row on its axis (for example centre frequency)
   * @param rowLabel row axis label, for example "frequency (Hz)"
   * @param colSeconds spacing of the columns: seconds for a time axis, else in the unit of {@code
   *     colLabel}
   * @param valueLabel colour bar label, for example "dB"
   * @param colStart position of column 0 on its axis (0 for time)
   * @param colLabel column axis label, for example "time (s)" or "modulation frequency (Hz)"
   */
  public record Spec(
      String title,
      int rows,
      long cols,
      double[] rowValues,
      String rowLabel,
      double colSeconds,
      String valueLabel,
      double colStart,
      String colLabel) {

    /** A spectrogram whose columns are time from 0 ("time (s)"). */
    public Spec(
        String title,
        int rows,
        long cols,
        double[] rowValues,
        String rowLabel,
        double colSeconds,
        String valueLabel) {
      this(title, rows, cols, rowValues, rowLabel, colSeconds, valueLabel, 0, "time (s)");
    }
  }

  private SpectrogramPlot() {}

  /**
   * Renders and writes the PNG atomically.
   *
   * @param spec labels and sizes
   * @param source the values
   * @param out the PNG file
   * @throws IOException when writing fails
   */
  public static void write(Spec spec, MatrixSource source, Path out) throws IOException {
    BufferedImage img = render(spec, source);
    Path abs = out.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".part");
    try {
      ImageIO.write(img, "png", tmp.toFile());
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Renders the image.
   *
   * @param spec labels and sizes
   * @param source the values
   * @return the image, {@value #WIDTH} x {@value #HEIGHT} pixels
   */
  public static BufferedImage render(Spec spec, MatrixSource source) {
    int pw = WIDTH - LEFT - RIGHT;
    int ph = HEIGHT - TOP - BOTTOM;
    float[][] cells = downsample(spec, source, pw, ph);
    float[] range = robustRange(cells);
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    int ch = cells.length;
    int cw = cells[0].length;
    for (int y = 0; y < ph; y++) {
      int r = (int) ((long) (ph - 1 - y) * ch / ph);
      for (int x = 0; x < pw; x++) {
        int c = (int) ((long) x * cw / pw);
        double t = (cells[r][c] - range[0]) / Math.max(1e-12, range[1] - range[0]);
        img.setRGB(LEFT + x, TOP + y, Viridis.rgb(t));
      }
    }
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(LEFT, TOP, pw, ph);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    drawTimeAxis(g, spec, pw, ph);
    drawRowAxis(g, spec, ph);
    drawColourBar(g, range, spec.valueLabel(), ph);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(spec.title(), LEFT, TOP - 12);
    g.dispose();
    return img;
  }

  private static float[][] downsample(Spec spec, MatrixSource src, int pw, int ph) {
    int outRows = Math.max(1, Math.min(spec.rows(), ph));
    int outCols = (int) Math.max(1, Math.min(spec.cols(), pw));
    float[][] cells = new float[outRows][outCols];
    for (int r = 0; r < outRows; r++) {
      int r0 = (int) ((long) r * spec.rows() / outRows);
      int r1 = Math.max(r0 + 1, (int) ((long) (r + 1) * spec.rows() / outRows));
      for (int c = 0; c < outCols; c++) {
        long c0 = c * spec.cols() / outCols;
        long c1 = Math.max(c0 + 1, (c + 1) * spec.cols() / outCols);
        double sum = 0;
        long n = 0;
        for (int rr = r0; rr < r1; rr++) {
          for (long cc = c0; cc < c1; cc++) {
            float v = src.get(rr, cc);
            if (Float.isFinite(v)) {
              sum += v;
              n++;
            }
          }
        }
        cells[r][c] = n == 0 ? Float.NaN : (float) (sum / n);
      }
    }
    return cells;
  }

  private static float[] robustRange(float[][] cells) {
    float[] all = new float[cells.length * cells[0].length];
    int n = 0;
    for (float[] row : cells) {
      for (float v : row) {
        if (Float.isFinite(v)) {
          all[n++] = v;
        }
      }
    }
    if (n == 0) {
      return new float[] {0, 1};
    }
    Arrays.sort(all, 0, n);
    float lo = all[(int) (0.01 * (n - 1))];
    float hi = all[(int) Math.ceil(0.999 * (n - 1))];
    return hi > lo ? new float[] {lo, hi} : new float[] {lo, lo + 1};
  }

  private static void drawTimeAxis(Graphics2D g, Spec spec, int pw, int ph) {
    double total = spec.cols() * spec.colSeconds();
    double step = Ticks.step(total, 8);
    int y0 = TOP + ph;
    double start = spec.colStart();
    for (double t = Math.ceil(start / step - 1e-9) * step; t <= start + total + 1e-9; t += step) {
      int x = LEFT + (int) Math.round((t - start) / total * pw);
      g.drawLine(x, y0, x, y0 + 5);
      String s = Ticks.format(t);
      g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, y0 + 19);
    }
    String label = spec.colLabel();
    g.drawString(label, LEFT + pw / 2 - g.getFontMetrics().stringWidth(label) / 2, y0 + 40);
  }

  private static void drawRowAxis(Graphics2D g, Spec spec, int ph) {
    int ticks = Math.min(8, spec.rows());
    for (int i = 0; i <= ticks; i++) {
      int row = (int) Math.round((double) i * (spec.rows() - 1) / ticks);
      int y = TOP + ph - (int) Math.round((row + 0.5) * ph / spec.rows());
      g.drawLine(LEFT - 5, y, LEFT, y);
      String s = Ticks.format(spec.rowValues()[row]);
      g.drawString(s, LEFT - 8 - g.getFontMetrics().stringWidth(s), y + 4);
    }
    Graphics2D r = (Graphics2D) g.create();
    r.rotate(-Math.PI / 2);
    String label = spec.rowLabel();
    r.drawString(label, -(TOP + ph / 2) - r.getFontMetrics().stringWidth(label) / 2, 16);
    r.dispose();
  }

  private static void drawColourBar(Graphics2D g, float[] range, String label, int ph) {
    int x0 = WIDTH - RIGHT + 20;
    int w = 16;
    for (int y = 0; y < ph; y++) {
      g.setColor(new Color(Viridis.rgb(1 - (double) y / (ph - 1))));
      g.drawLine(x0, TOP + y, x0 + w, TOP + y);
    }
    g.setColor(Color.BLACK);
    g.drawRect(x0, TOP, w, ph);
    double step = Ticks.step(range[1] - range[0], 6);
    for (double v = Math.ceil(range[0] / step) * step; v <= range[1]; v += step) {
      int y = TOP + ph - (int) Math.round((v - range[0]) / (range[1] - range[0]) * ph);
      g.drawLine(x0 + w, y, x0 + w + 4, y);
      g.drawString(Ticks.format(v), x0 + w + 7, y + 4);
    }
    g.drawString(label, x0, TOP - 6);
  }
}
