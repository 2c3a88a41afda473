package io.uatr.experiments.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.uatr.experiments.config.SafeYaml;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;

/** Atomic JSON, CSV, YAML and text writers for run directories. */
public final class RunFiles {
  /** Shared JSON mapper (indented output; NaN written as the string "NaN"). */
  public static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private static final CsvMapper CSV = new CsvMapper();

  private RunFiles() {}

  /** Writes text atomically (temporary file, then rename). */
  public static void writeText(Path file, String text) throws IOException {
    Path abs = file.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".part");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Appends text to a file by rewriting it atomically (the file must exist). */
  public static void appendText(Path file, String text) throws IOException {
    writeText(file, Files.readString(file, StandardCharsets.UTF_8) + text);
  }

  /** Writes a value as indented JSON, atomically. */
  public static void writeJson(Path file, Object value) throws IOException {
    writeText(file, JSON.writeValueAsString(value) + "\n");
  }

  /** Reads a JSON object as a map. */
  public static Map<String, Object> readJson(Path file) throws IOException {
    return JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
  }

  /** Writes a YAML document (block style), atomically. */
  public static void writeYaml(Path file, Object tree) throws IOException {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    o.setSplitLines(false);
    writeText(file, SafeYaml.dumper(o).dump(tree));
  }

  /**
   * Writes rows as RFC 4180 CSV, atomically.
   *
   * @param file target
   * @param header column names
   * @param rows rows of the same width as the header
   */
  public static void writeCsv(Path file, List<String> header, List<List<String>> rows)
      throws IOException {
    StringWriter w = new StringWriter();
    try (SequenceWriter sw =
        CSV.writerFor(String[].class).with(CsvSchema.emptySchema()).writeValues(w)) {
      sw.write(header.toArray(new String[0]));
      for (List<String> r : rows) {
        sw.write(r.toArray(new String[0]));
      }
    }
    writeText(file, w.toString());
  }

  /**
   * Reads a CSV written by {@link #writeCsv}, header included.
   *
   * @param file the file
   * @return rows as lists of strings, the header first
   */
  public static List<List<String>> readCsv(Path file) throws IOException {
    List<List<String>> out = new ArrayList<>();
    try (var it =
        CSV.readerFor(String[].class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY)
            .<String[]>readValues(file.toFile())) {
      while (it.hasNext()) {
        out.add(List.of(it.next()));
      }
    }
    return out;
  }

  /** Formats a number for tables: 4 decimals, "NaN" for NaN. */
  public static String num(double v) {
    return Double.isNaN(v) ? "NaN" : String.format(java.util.Locale.ROOT, "%.4f", v);
  }
}
