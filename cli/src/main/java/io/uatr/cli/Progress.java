package io.uatr.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A progress display for long work: a one-line bar redrawn with carriage returns on a terminal, or
 * a log line every few seconds otherwise (so CI logs stay readable).
 */
public final class Progress implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
  private static volatile boolean enabled = true;
  private final String task;
  private double total;
  private final String unit;
  private final boolean terminal;
  private final PrintStream err = System.err;
  private final long start = System.nanoTime();
  private long lastDraw = start;
  private double done;
  private String detail = "";

  /**
   * Starts a display.
   *
   * @param task what is being done
   * @param total the amount of work (0 when unknown)
   * @param unit unit of the amount, for example "s audio"
   */
  public Progress(String task, double total, String unit) {
    this.task = task;
    this.total = total;
    this.unit = unit;
    this.terminal = System.console() != null;
  }

  /** Turns all progress displays off ({@code --no-progress}). */
  public static void disable() {
    enabled = false;
  }

  /** Whether progress displays are on (off after {@code --no-progress}). */
  public static boolean isEnabled() {
    return enabled;
  }

  /**
   * Changes the total once it is known (for example the inputs left after a resume).
   *
   * @param total the amount of work, 0 when unknown
   */
  public synchronized void setTotal(double total) {
    this.total = total;
  }

  /** Seconds since the display started. */
  public double elapsedSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * Sets the amount done and redraws at most a few times a second.
   *
   * @param amount work done so far, in the display's unit
   */
  public synchronized void update(double amount) {
    update(amount, "");
  }

  /**
   * Sets the amount done with a detail appended to the line (for example "12.3 x realtime").
   *
   * @param amount work done so far, in the display's unit
   * @param detail extra text, may be empty
   */
  public synchronized void update(double amount, String detail) {
    done = amount;
    this.detail = detail.isEmpty() ? "" : ", " + detail;
    long now = System.nanoTime();
    long interval = terminal ? 200_000_000L : 5_000_000_000L;
    if (enabled && now - lastDraw >= interval) {
      lastDraw = now;
      draw(false);
    }
  }

  private void draw(boolean last) {
    double el = elapsedSeconds();
    double rate = el > 0 ? done / el : 0;
    String line;
    if (total > 0) {
      double f = Math.min(1, done / total);
      int w = 30;
      int fill = (int) Math.round(f * w);
      line =
          String.format(
              Locale.ROOT,
              "%s [%s%s] %5.1f%% %.1f/%.1f %s, %.2f %s/s%s",
              task,
              "=".repeat(fill),
              " ".repeat(w - fill),
              100 * f,
              done,
              total,
              unit,
              rate,
              unit,
              detail);
    } else {
      line =
          String.format(
              Locale.ROOT, "%s %.1f %s, %.2f %s/s%s", task, done, unit, rate, unit, detail);
    }
    if (terminal) {
      err.print("\r" + line + (last ? "\n" : ""));
      err.flush();
    } else {
      LOG.info(line);
    }
  }

  @Override
  public synchronized void close() {
    if (enabled && (terminal || elapsedSeconds() > 5)) {
      draw(true);
    }
  }
}
