package io.uatr.spark;

import io.uatr.inference.Recognizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;

/**
 * One {@link Recognizer} per executor JVM and bundle, loaded on first use and shared by the
 * executor's tasks (a recognizer is thread-safe; each task uses its own session). Closed when the
 * JVM exits.
 */
final class ExecutorRecognizers {
  private static final Map<String, Recognizer> LOADED = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LOADED.values().forEach(Recognizer::close)));
  }

  private ExecutorRecognizers() {}

  /**
   * Returns the executor's recognizer for a bundle.
   *
   * @param bundle a bundle path visible to the executors, or the file name of a bundle shipped with
   *     {@code spark-submit --files} (resolved with {@link SparkFiles#get})
   * @return the shared recognizer
   */
  static Recognizer get(String bundle) {
    return LOADED.computeIfAbsent(bundle, ExecutorRecognizers::load);
  }

  private static Recognizer load(String bundle) {
    Path p = Path.of(bundle);
    if (!Files.exists(p)) {
      Path shipped = Path.of(SparkFiles.get(p.getFileName().toString()));
      if (Files.exists(shipped)) {
        p = shipped;
      }
    }
    try {
      return Recognizer.load(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
