package io.uatr.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code uatr dataset}: dataset tools. */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = "Dataset tools: generate the synthetic corpus, inspect a dataset.",
    subcommands = {SynthCommand.class, InspectCommand.class})
final class DatasetCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a dataset subcommand is required");
  }
}
