package io.uatr.training;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.List;

/**
 * Per-epoch metrics as CSV (snake_case header, one row per epoch), written atomically. The wall
 * time ({@link EpochMetrics#seconds()}) is left out, so that the file is bit-identical between
 * reruns of the same configuration; rows read back have {@code seconds} 0.
 */
public final class MetricsCsv {

  private static final CsvMapper MAPPER = mapper();
  private static final CsvSchema SCHEMA = schema();

  private MetricsCsv() {}

  private static CsvMapper mapper() {
    CsvMapper m = new CsvMapper();
    m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    m.configure(JsonGenerator.Feature.IGNORE_UNKNOWN, true); // seconds: not a column
    return m;
  }

  /** Columns in record-component order, snake_case, without the wall time. */
  private static CsvSchema schema() {
    CsvSchema.Builder b = CsvSchema.builder();
    for (RecordComponent rc : EpochMetrics.class.getRecordComponents()) {
      if (rc.getName().equals("seconds")) {
        continue;
      }
      b.addColumn(
          PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(rc.getName()),
          CsvSchema.ColumnType.NUMBER);
    }
    return b.build().withHeader();
  }

  /** Returns the CSV text of {@code rows}. */
  public static String format(List<EpochMetrics> rows) throws IOException {
    return MAPPER.writer(SCHEMA).writeValueAsString(rows);
  }

  /** Writes {@code rows} to {@code file} atomically. */
  public static void write(Path file, List<EpochMetrics> rows) throws IOException {
    AtomicFiles.write(file, MAPPER.writer(SCHEMA).writeValueAsBytes(rows));
  }

  /** Reads rows written by {@link #write}. */
  public static List<EpochMetrics> read(Path file) throws IOException {
    try (MappingIterator<EpochMetrics> it =
        MAPPER.readerFor(EpochMetrics.class).with(SCHEMA).readValues(file.toFile())) {
      return it.readAll();
    }
  }
}
