package io.uatr.cli;

import io.uatr.dsp.io.ChannelSelection;
import io.uatr.inference.PredictOptions;
import io.uatr.inference.Recognizer;
import io.uatr.inference.batch.BatchPredictor;
import io.uatr.inference.batch.InputPaths;
import io.uatr.inference.batch.OutputFormat;
import io.uatr.inference.batch.PredictionRows;
import io.uatr.inference.batch.PredictionWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code uatr predict}: streams recordings through a model bundle into a CSV or JSONL file. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Predict recordings with a model bundle: one row per file (and per segment with"
          + " --segments).",
      "Every input gets a row; one that cannot be read or predicted (an unreadable directory"
          + " too) gets status error with the reason.",
      "An existing output is refused unless --resume (continue it) or --overwrite (replace it)"
          + " is given.",
      "Exit code 3 when any input failed (each has an error row with its reason)."
    })
public final class PredictCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(PredictCommand.class);

  @Spec CommandSpec spec;

  @Mixin BundleInputs bundleInputs = new BundleInputs();

  @Mixin WorkerOptions workers = new WorkerOptions();

  @Option(
      names = "--output",
      required = true,
      paramLabel = "OUT",
      description = "Output file (.csv or .jsonl).")
  Path output;

  @Option(
      names = "--format",
      paramLabel = "csv|jsonl",
      description = "Output format (default: from the output's extension, else csv).")
  String format;

  @Option(
      names = "--resume",
      description = "Keep the files already in the output and predict only the others.")
  boolean resume;

  @Option(
      names = "--overwrite",
      description = "Replace an existing output file (without it, or --resume, that is an error).")
  boolean overwrite;

  @Option(names = "--segments", description = "Also write one row per segment.")
  boolean segments;

  @Option(
      names = "--channel",
      paramLabel = "INDEX",
      description = "Use this channel (from 0) of multichannel audio instead of the mix-down.")
  Integer channel;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(err);
    } catch (UsageError | IllegalArgumentException e) {
      err.println("uatr: error: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (NoSuchFileException e) {
      err.println("uatr: error: file not found: " + e.getFile());
      return ExitCodes.FAILURE;
    } catch (IOException | UncheckedIOException e) {
      err.println("uatr: error: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
  }

  private int run(PrintWriter err) throws IOException {
    OutputFormat fmt = outputFormat();
    if (channel != null && channel < 0) {
      throw new UsageError("--channel must be >= 0, was " + channel);
    }
    if (resume && overwrite) {
      throw new UsageError("--resume and --overwrite exclude each other");
    }
    if (!resume && !overwrite && Files.exists(output)) {
      throw new UsageError(
          output
              + ": the output file exists; use --resume to continue it or --overwrite to replace it");
    }
    workers.validateAndConfigureEngine();
    InputPaths.Scan scan = bundleInputs.scan();
    List<Path> files = scan.paths();
    PredictOptions opts =
        PredictOptions.defaults()
            .withBatchSize(workers.batchSize)
            .withChannel(
                channel == null ? ChannelSelection.mixDown() : ChannelSelection.channel(channel));
    try (Recognizer rec = Recognizer.load(bundleInputs.model)) {
      PredictionRows rows = new PredictionRows(rec.classNames());
      BatchPredictor.Summary s;
      Set<String> failedBefore = new HashSet<>();
      try (PredictionWriter w = PredictionWriter.open(output, fmt, rows, resume);
          Progress progress = new Progress("predict", files.size(), "files")) {
        Set<String> given = new HashSet<>();
        files.forEach(f -> given.add(f.toString()));
        for (String f : w.alreadyFailed()) {
          if (given.contains(f)) {
            failedBefore.add(f);
          }
        }
        s =
            BatchPredictor.run(
                rec,
                files,
                scan.unreadable(),
                w,
                rows,
                opts,
                segments,
                workers.threads,
                (done, todo, audioS) -> {
                  progress.setTotal(todo);
                  progress.update(
                      done,
                      String.format(
                          Locale.ROOT,
                          "%.1f x realtime",
                          audioS / Math.max(1e-9, progress.elapsedSeconds())));
                });
      }
      String line =
          String.format(
              Locale.ROOT,
              "uatr: %d file(s): %d ok, %d failed, %d already in the output; %.1f s of audio in"
                  + " %.1f s (%.1f x realtime)",
              s.total(),
              s.ok(),
              s.failed(),
              s.skipped(),
              s.audioSeconds(),
              s.elapsedSeconds(),
              s.realtimeFactor());
      err.println(line);
      LOG.debug(line);
      return s.failed() + failedBefore.size() > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
    }
  }

  private OutputFormat outputFormat() {
    String f = format;
    if (f == null) {
      f = output.toString().toLowerCase(Locale.ROOT).endsWith(".jsonl") ? "jsonl" : "csv";
    }
    return switch (f.toLowerCase(Locale.ROOT)) {
      case "csv" -> OutputFormat.CSV;
      case "jsonl" -> OutputFormat.JSONL;
      default -> throw new UsageError("--format must be csv or jsonl, was '" + format + "'");
    };
  }
}
