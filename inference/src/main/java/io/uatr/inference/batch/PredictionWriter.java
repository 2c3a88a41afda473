package io.uatr.inference.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Appends prediction rows to a CSV (with header) or JSONL file. Each input's rows are written with
 * one write and flushed, so a killed run leaves at most one incomplete last line; {@link #open}
 * with {@code resume} drops that line and the rows of any input without its file row, and reports
 * the inputs already done. Thread-safe.
 */
public final class PredictionWriter implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CsvMapper CSV = new CsvMapper();

  private final Path file;
  private final OutputFormat format;
  private final List<String> names;
  private final ObjectWriter writer;
  private final OutputStream out;
  private final Set<String> done;
  private final Set<String> failed;

  private PredictionWriter(
      Path file,
      OutputFormat format,
      List<String> names,
      OutputStream out,
      Set<String> done,
      Set<String> failed) {
    this.file = file;
    this.format = format;
    this.names = names;
    this.out = out;
    this.done = done;
    this.failed = failed;
    this.writer = format == OutputFormat.CSV ? CSV.writer(schema(names, false)) : JSON.writer();
  }

  /**
   * Opens the output.
   *
   * @param file output path (created with any missing parent directories, or replaced; kept and
   *     cleaned when resuming)
   * @param format CSV or JSONL
   * @param rows the row layout
   * @param resume keep the inputs already in the file (see the class comment)
   * @return the writer
   * @throws IOException if the existing output cannot be read or has other columns
   */
  public static PredictionWriter open(
      Path file, OutputFormat format, PredictionRows rows, boolean resume) throws IOException {
    List<String> names = rows.names();
    Set<String> done = new LinkedHashSet<>();
    Set<String> failed = new LinkedHashSet<>();
    List<Map<String, Object>> keep = new ArrayList<>();
    if (resume && Files.exists(file)) {
      List<Map<String, Object>> previous = read(file, format, names);
      for (Map<String, Object> r : previous) {
        if (PredictionRows.FILE.equals(r.get("row"))) {
          done.add(String.valueOf(r.get("path")));
          if (PredictionRows.ERROR.equals(r.get("status"))) {
            failed.add(String.valueOf(r.get("path")));
          }
        }
      }
      for (Map<String, Object> r : previous) {
        if (done.contains(String.valueOf(r.get("path")))) {
          keep.add(r);
        }
      }
    }
    Path abs = file.toAbsolutePath();
    if (abs.getParent() != null) {
      Files.createDirectories(abs.getParent());
    }
    Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + UUID.randomUUID());
    try (OutputStream o = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
      if (format == OutputFormat.CSV) {
        Map<String, Object> head = new LinkedHashMap<>();
        names.forEach(n -> head.put(n, n));
        o.write(CSV.writer(schema(names, false)).writeValueAsBytes(head));
        if (!keep.isEmpty()) {
          o.write(CSV.writer(schema(names, false)).writeValueAsBytes(keep));
        }
      } else {
        for (Map<String, Object> r : keep) {
          o.write(JSON.writeValueAsBytes(r));
          o.write('\n');
        }
      }
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    OutputStream out = Files.newOutputStream(abs, StandardOpenOption.APPEND);
    return new PredictionWriter(file, format, names, out, done, failed);
  }

  /** Returns the paths whose file row was already in the output when resuming. */
  public Set<String> alreadyDone() {
    return Set.copyOf(done);
  }

  /** Returns the paths whose file row in the resumed output has status error. */
  public Set<String> alreadyFailed() {
    return Set.copyOf(failed);
  }

  /**
   * Writes one input's rows in one write and flushes.
   *
   * @param rows rows keyed by column name
   * @throws IOException on a write error
   */
  public synchronized void write(List<Map<String, Object>> rows) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> r : rows) {
      if (format == OutputFormat.CSV) {
        sb.append(writer.writeValueAsString(r));
      } else {
        sb.append(writer.writeValueAsString(r)).append('\n');
      }
    }
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Closes the file. */
  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  /**
   * Reads every complete row of an output file (an incomplete last line is ignored).
   *
   * @param file the output
   * @param format its format
   * @param names the expected columns (CSV header must match)
   * @return rows keyed by column name (CSV values as text)
   * @throws IOException if the file cannot be read or has other columns
   */
  public static List<Map<String, Object>> read(Path file, OutputFormat format, List<String> names)
      throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int cut = text.lastIndexOf('\n');
    text = cut < 0 ? "" : text.substring(0, cut + 1);
    List<Map<String, Object>> rows = new ArrayList<>();
    if (text.isEmpty()) {
      return rows;
    }
    if (format == OutputFormat.JSONL) {
      int line = 0;
      for (String s : text.split("\n")) {
        line++;
        if (s.isBlank()) {
          continue;
        }
        try {
          @SuppressWarnings("unchecked")
          Map<String, Object> m = JSON.readValue(s, LinkedHashMap.class);
          if (!new ArrayList<>(m.keySet()).equals(names)) {
            throw new IOException(
                file
                    + ":"
                    + line
                    + ": existing output has keys "
                    + m.keySet()
                    + ", this bundle writes "
                    + names);
          }
          rows.add(m);
        } catch (JsonProcessingException e) {
          throw new IOException(
              file + ":" + line + ": not a JSON object: " + e.getOriginalMessage());
        }
      }
      return rows;
    }
    CsvSchema header = CsvSchema.emptySchema().withHeader();
    try (MappingIterator<Map<String, Object>> it =
        CSV.readerFor(Map.class).with(header).readValues(text)) {
      CsvSchema got = (CsvSchema) it.getParserSchema();
      List<String> cols = new ArrayList<>();
      got.forEach(c -> cols.add(c.getName()));
      if (!cols.equals(names)) {
        throw new IOException(
            file + ": existing output has columns " + cols + ", this bundle writes " + names);
      }
      while (it.hasNext()) {
        Map<String, Object> m = new LinkedHashMap<>(it.next());
        m.replaceAll((k, v) -> "".equals(v) ? null : v);
        rows.add(m);
      }
    }
    return rows;
  }

  private static CsvSchema schema(List<String> names, boolean header) {
    CsvSchema.Builder b = CsvSchema.builder();
    for (String n : names) {
      b.addColumn(n);
    }
    return b.build().withUseHeader(header).withNullValue("");
  }
}
