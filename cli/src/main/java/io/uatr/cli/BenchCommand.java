package io.uatr.cli;

import io.uatr.dsp.features.FeatureBench;
import io.uatr.models.bench.StepTimes;
import io.uatr.models.bench.TrainStepBench;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code uatr bench}: throughput benchmarks whose figures the README reports. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks: 'features' (log-mel x realtime), 'train' (m3-bench step time) and 'predict'"
            + " (batch prediction against the bare forward pass).",
    subcommands = {
      BenchCommand.Features.class,
      BenchCommand.Train.class,
      BenchPredictCommand.class
    })
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "features, train or predict is required");
  }

  /** Log-mel throughput on 52 734 Hz audio, one thread and all threads. */
  @Command(
      name = "features",
      mixinStandardHelpOptions = true,
      description =
          "Log-mel throughput (n_fft 2048, hop 512, 128 mels) on 52 734 Hz noise after warm-up, "
              + "as x realtime for one thread and for --threads threads.")
  static final class Features implements Callable<Integer> {
    @Option(names = "--seconds", description = "Audio seconds per measurement (default 600).")
    double seconds = 600;

    @Option(names = "--threads", description = "Threads for the parallel figure (default: cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
      if (seconds <= 0 || threads < 1) {
        throw new UsageError("--seconds must be > 0 and --threads >= 1");
      }
      System.out.println("spectral kernels: " + io.uatr.dsp.spectral.Simd.describe());
      double one = FeatureBench.logMelRealtimeFactor(seconds, 1);
      System.out.printf(Locale.ROOT, "log-mel, 1 thread:  %.0fx realtime%n", one);
      if (threads > 1) {
        double all = FeatureBench.logMelRealtimeFactor(seconds, threads);
        System.out.printf(Locale.ROOT, "log-mel, %d threads: %.0fx realtime%n", threads, all);
      }
      return ExitCodes.OK;
    }
  }

  /** Training step time of the fixed m3-bench network. */
  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description =
          "Mean training-step time of the m3-bench network (input [32][1][64][256], 4 conv "
              + "experts, two gates, Adam) after 5 warm-up steps.")
  static final class Train implements Callable<Integer> {
    @Option(names = "--model", description = "Benchmark network (only m3-bench).")
    String model = "m3-bench";

    @Option(names = "--threads", description = "Intra-op threads (default 1).")
    int threads = 1;

    @Option(names = "--steps", description = "Timed steps (default 20).")
    int steps = 20;

    @Override
    public Integer call() {
      if (!"m3-bench".equals(model)) {
        throw new UsageError("--model: unknown benchmark network '" + model + "' (m3-bench)");
      }
      if (threads < 1 || steps < 1) {
        throw new UsageError("--threads and --steps must be >= 1");
      }
      StepTimes t = TrainStepBench.measure(threads, steps, 32, TrainStepBench.WARMUP);
      System.out.printf(
          Locale.ROOT,
          "m3-bench, batch 32, %d thread(s): %.1f ms/step (%.1f samples/s), thread CPU %.1f ms/step%n",
          threads,
          t.meanWallMs(),
          32_000 / t.meanWallMs(),
          t.meanCpuMs());
      return ExitCodes.OK;
    }
  }
}
