package io.uatr.datasets;

import io.uatr.dsp.io.WavInfo;
import io.uatr.dsp.io.WavReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;

/** Shared steps of the collection loaders (package-private helpers). */
final class LoaderSupport {
  private LoaderSupport() {}

  /** WAV files under {@code dir}, sorted, hidden files skipped. */
  static List<Path> wavs(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DatasetException(dir + ": cannot list: " + e.getMessage());
    }
  }

  /** Header of a WAV, or null after adding an UNREADABLE problem. */
  static WavInfo info(Path file, Path root, List<DatasetProblem> problems) {
    try {
      return WavReader.info(file);
    } catch (IOException | RuntimeException e) {
      problems.add(
          new DatasetProblem(
              DatasetProblem.Kind.UNREADABLE,
              relative(root, file),
              String.valueOf(e.getMessage())));
      return null;
    }
  }

  static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  /** Throws on problems under FAIL, else logs them. */
  static void handle(String what, List<DatasetProblem> problems, OnError onError, Logger log) {
    if (problems.isEmpty()) {
      return;
    }
    if (onError == OnError.FAIL) {
      throw new DatasetException(what, problems);
    }
    for (DatasetProblem p : problems) {
      log.warn("Skipped: {}", p);
    }
  }

  /** Builds the result with its leakage report (warned about when not clean). */
  static DatasetSplits finish(
      LabelMap labels,
      SizeMap sizes,
      List<Recording> train,
      List<Recording> test,
      List<DatasetProblem> problems,
      Logger log) {
    Map<String, List<Recording>> parts = new LinkedHashMap<>();
    parts.put("train", train);
    parts.put("test", test);
    LeakageCheck.Report leak = LeakageCheck.check(parts);
    if (!leak.clean()) {
      log.warn("Leakage between train and test: {}", leak);
    }
    log.info(
        "{}: {} train, {} test recordings, {} skipped",
        labels.name(),
        train.size(),
        test.size(),
        problems.size());
    return new DatasetSplits(labels, sizes, train, test, problems, leak);
  }
}
