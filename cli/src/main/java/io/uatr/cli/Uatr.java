package io.uatr.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code uatr} command: parses arguments, calls the library modules and sets exit codes. */
@Command(
    name = "uatr",
    mixinStandardHelpOptions = true,
    version = "uatr 0.1.0",
    description = "Underwater acoustic target recognition toolkit.",
    subcommands = {
      DatasetCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      ExperimentCommand.class
    })
public final class Uatr implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /** Builds the command line with every subcommand registered. */
  public static CommandLine commandLine() {
    return new CommandLine(new Uatr()).setExecutionExceptionHandler(new ErrorHandler());
  }

  /**
   * Entry point.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
