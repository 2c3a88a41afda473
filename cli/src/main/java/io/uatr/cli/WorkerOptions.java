package io.uatr.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --threads} and {@code --batch-size} options of {@code predict} and {@code bench
 * predict}, and the engine threading they imply.
 */
final class WorkerOptions {
  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      description = "Files predicted in parallel (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "4",
      description = "Segments per forward pass (default ${DEFAULT-VALUE}).")
  int batchSize;

  /**
   * Checks the values and, with several file threads, gives each forward pass an equal share of the
   * cores (set before the engine starts; an explicit -Dai.djl.pytorch.num_threads wins).
   *
   * @throws UsageError naming the bad option
   */
  void validateAndConfigureEngine() {
    if (threads < 1) {
      throw new UsageError("--threads must be >= 1, was " + threads);
    }
    if (batchSize < 1) {
      throw new UsageError("--batch-size must be >= 1, was " + batchSize);
    }
    if (System.getProperty("ai.djl.pytorch.num_threads") == null && threads > 1) {
      int cores = Runtime.getRuntime().availableProcessors();
      System.setProperty(
          "ai.djl.pytorch.num_threads", String.valueOf(Math.max(1, cores / threads)));
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
  }
}
