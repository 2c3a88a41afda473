package io.uatr.cli;

import io.uatr.dsp.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Maps exceptions to a one-line message on stderr and the exit codes of {@link ExitCodes}. */
final class ErrorHandler implements IExecutionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
    if (e instanceof UsageError || e instanceof ConfigException) {
      cmd.getErr().println("uatr: error: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (e instanceof io.uatr.datasets.DatasetException) {
      cmd.getErr().println("uatr: error: dataset: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    if (e instanceof io.uatr.training.TrainingDivergedException) {
      cmd.getErr().println("uatr: error: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    if (e instanceof NoSuchFileException n) {
      cmd.getErr().println("uatr: error: file not found: " + n.getFile());
      return ExitCodes.FAILURE;
    }
    if (e instanceof IOException) {
      cmd.getErr().println("uatr: error: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    LOG.error("internal error", e);
    cmd.getErr().println("uatr: internal error: " + e);
    return ExitCodes.FAILURE;
  }
}
