package io.uatr.cli;

import io.uatr.dsp.io.ChannelSelection;
import io.uatr.inference.PredictBench;
import io.uatr.inference.PredictOptions;
import io.uatr.inference.Recognizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code uatr bench predict}: is feature extraction the bottleneck of batch prediction? */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Batch prediction end to end (as 'uatr predict' runs it) against the model's bare forward"
          + " pass over the same number of segments, same threads and batch size.",
      "After one untimed pass of each, the two alternate --rounds times; prints each round and"
          + " the median ratio. The target is a ratio within 1.3.",
      "Every input is predicted 1 + --rounds times: give it a representative sample (a"
          + " directory or a text file listing paths), not a whole archive."
    })
final class BenchPredictCommand implements Callable<Integer> {
  @Mixin BundleInputs bundleInputs = new BundleInputs();

  @Mixin WorkerOptions workers = new WorkerOptions();

  @Option(
      names = "--rounds",
      paramLabel = "N",
      defaultValue = "3",
      description = "Timed rounds (default ${DEFAULT-VALUE}).")
  int rounds;

  @Override
  public Integer call() throws IOException {
    if (rounds < 1) {
      throw new UsageError("--rounds must be >= 1, was " + rounds);
    }
    workers.validateAndConfigureEngine();
    List<Path> files = bundleInputs.files();
    PredictOptions opts =
        PredictOptions.defaults()
            .withBatchSize(workers.batchSize)
            .withChannel(ChannelSelection.mixDown());
    PrintStream out = System.out;
    out.println("spectral kernels: " + io.uatr.dsp.spectral.Simd.describe());
    PredictBench.Result r;
    try (Recognizer rec = Recognizer.load(bundleInputs.model);
        Progress progress =
            new Progress("bench predict", (double) files.size() * (1 + rounds), "files")) {
      r =
          PredictBench.run(
              rec,
              files,
              opts,
              workers.threads,
              rounds,
              (i, round) ->
                  out.printf(
                      Locale.ROOT,
                      "round %d: forward %.2f s (CPU %.2f s), end to end %.2f s (CPU %.2f s):"
                          + " %.2fx%n",
                      i,
                      round.forwardS(),
                      round.forwardCpuS(),
                      round.endToEndS(),
                      round.endToEndCpuS(),
                      round.ratio()),
              (done, todo, audio) -> {
                if (done > files.size()) { // a timed pass: inputs that failed are left out
                  progress.setTotal(files.size() + (double) rounds * todo);
                }
                progress.update(done);
              });
    }
    // after the progress bar has closed, so that its last line does not follow the figures
    out.printf(
        Locale.ROOT,
        "%d recording(s) (%d failed), %.1f s of audio, %d segments, %d thread(s), batch %d%n"
            + "bare forward pass: %.2f s; end to end: %.2f s, %.1fx realtime (medians)%n"
            + "end to end / forward pass: %.2fx (median of %d rounds; target <= 1.3)%n",
        r.recordings(),
        r.failed(),
        r.audioSeconds(),
        r.segments(),
        r.threads(),
        r.batchSize(),
        r.medianForwardS(),
        r.medianEndToEndS(),
        r.realtimeFactor(),
        r.medianRatio(),
        r.rounds().size());
    return ExitCodes.OK;
  }
}
