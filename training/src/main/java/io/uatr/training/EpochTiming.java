package io.uatr.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wall time per epoch in {@code timing.csv} ({@code epoch,seconds}), kept apart from {@code
 * metrics.csv} so that the metrics are bit-identical between reruns while the timing is not.
 */
final class EpochTiming {

  static final String FILE = "timing.csv";

  private EpochTiming() {}

  /** Writes every row's epoch and wall time, atomically. */
  static void write(Path runDir, List<EpochMetrics> history) throws IOException {
    StringBuilder b = new StringBuilder("epoch,seconds\n");
    for (EpochMetrics m : history) {
      b.append(m.epoch()).append(',').append(String.format(Locale.ROOT, "%.3f", m.seconds()));
      b.append('\n');
    }
    AtomicFiles.write(runDir.resolve(FILE), b.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns the rows of a resumed history with the wall times of the run's {@code timing.csv} (rows
   * without a recorded time keep 0).
   */
  static List<EpochMetrics> restore(Path runDir, List<EpochMetrics> history) throws IOException {
    Path f = runDir.resolve(FILE);
    Map<Integer, Double> seconds = new HashMap<>();
    if (Files.isRegularFile(f)) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        String[] p = line.split(",");
        if (p.length == 2 && p[0].matches("\\d+")) {
          try {
            seconds.put(Integer.parseInt(p[0]), Double.parseDouble(p[1]));
          } catch (NumberFormatException e) {
            // a damaged timing row only loses that epoch's wall time
          }
        }
      }
    }
    List<EpochMetrics> out = new ArrayList<>();
    for (EpochMetrics m : history) {
      out.add(m.withSeconds(seconds.getOrDefault(m.epoch(), 0.0)));
    }
    return out;
  }
}
