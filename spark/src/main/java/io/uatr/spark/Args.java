package io.uatr.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line arguments of {@link SparkPredict#main}.
 *
 * @param model bundle path
 * @param inputs files, directories or list files
 * @param output output directory
 * @param format parquet or csv
 * @param segments whether to include segment rows
 * @param partitions partitions (0: Spark's default parallelism)
 */
record Args(
    String model,
    List<Path> inputs,
    String output,
    String format,
    boolean segments,
    int partitions) {

  static Args parse(String[] args) {
    String model = null;
    String output = null;
    String format = "parquet";
    boolean segments = false;
    int partitions = 0;
    List<Path> inputs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--model" -> model = value(args, ++i);
        case "--output" -> output = value(args, ++i);
        case "--format" -> format = value(args, ++i);
        case "--segments" -> segments = true;
        case "--partitions" -> partitions = Integer.parseInt(value(args, ++i));
        case "--input" -> {
          while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            inputs.add(Path.of(args[++i]));
          }
        }
        default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
      }
    }
    if (model == null || output == null || inputs.isEmpty()) {
      throw new IllegalArgumentException(
          "usage: --model BUNDLE --input PATH... --output OUT [--format parquet|csv] [--segments]"
              + " [--partitions N]");
    }
    if (!format.equals("parquet") && !format.equals("csv")) {
      throw new IllegalArgumentException("--format must be parquet or csv, was '" + format + "'");
    }
    return new Args(model, inputs, output, format, segments, partitions);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
