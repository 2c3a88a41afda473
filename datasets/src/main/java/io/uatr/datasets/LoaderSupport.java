package io.uatr.datasets;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
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

  /**
   * Reads {@code on_error} (fail or skip, default fail).
   *
   * @param r the loader's section
   * @return the policy
   */
  static OnError onError(ConfigReader r) {
    String oe = r.getString("on_error", "fail").toUpperCase(Locale.ROOT);
    try {
      return OnError.valueOf(oe);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(r.path("on_error"), "must be fail or skip, was '" + oe + "'");
    }
  }

  /**
   * Reads the {@code sizes} mapping (class label: size level).
   *
   * @param r the loader's section
   * @return label to level, in file order
   */
  static Map<String, Integer> sizes(ConfigReader r) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    ConfigReader s = r.section("sizes");
    for (String k : s.asMap().keySet()) {
      sizes.put(k, s.getInt(k, 0));
    }
    return sizes;
  }

  /**
   * Validates the settings every collection loader shares and copies the size map.
   *
   * @param testFraction fraction of recordings in the test split, in [0, 1)
   * @param onError the error policy, not null
   * @param sizes label to size level (null for none), every level &gt;= 0
   * @return a copy of the size map
   */
  static Map<String, Integer> checkCommon(
      double testFraction, OnError onError, Map<String, Integer> sizes) {
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new IllegalArgumentException("test_fraction must be in [0, 1), was " + testFraction);
    }
    if (onError == null) {
      throw new IllegalArgumentException("on_error must be fail or skip");
    }
    Map<String, Integer> copy = new LinkedHashMap<>(sizes == null ? Map.of() : sizes);
    for (Map.Entry<String, Integer> e : copy.entrySet()) {
      if (e.getValue() < 0) {
        throw new IllegalArgumentException(
            "sizes." + e.getKey() + " must be >= 0, was " + e.getValue());
      }
    }
    return copy;
  }
}
