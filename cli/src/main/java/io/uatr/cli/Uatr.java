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
      FeaturesCommand.class,
      DatasetCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      ExperimentCommand.class,
      PredictCommand.class,
      BenchCommand.class,
      CollabCommand.class
    })
public final class Uatr implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = "--no-progress",
      description = "Log progress lines instead of drawing progress bars.",
      scope = CommandLine.ScopeType.INHERIT)
  void noProgress(boolean off) {
    if (off) {
      Progress.disable();
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /** Builds the command line with every subcommand registered. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Uatr());
    cl.setExecutionExceptionHandler(new ErrorHandler());
    return cl;
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
