package io.uatr.cli;

import io.uatr.inference.batch.InputPaths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --model} and {@code --input} options of {@code predict} and {@code bench predict}. */
final class BundleInputs {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "BUNDLE",
      description = "Model bundle directory or .zip.")
  Path model;

  @Option(
      names = "--input",
      required = true,
      arity = "1..*",
      paramLabel = "PATH",
      description = "WAV files, directories (searched recursively) or text files listing paths.")
  List<Path> inputs = new ArrayList<>();

  /** The recordings the inputs name, in order (see {@link InputPaths#expand}). */
  List<Path> files() throws IOException {
    return InputPaths.expand(inputs);
  }

  /**
   * The recordings and the unreadable directories below the inputs (see {@link InputPaths#scan}).
   */
  InputPaths.Scan scan() throws IOException {
    return InputPaths.scan(inputs);
  }
}
