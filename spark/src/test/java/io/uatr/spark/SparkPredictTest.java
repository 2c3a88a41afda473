package io.uatr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.uatr.inference.PredictOptions;
import io.uatr.inference.Recognizer;
import io.uatr.inference.TestBundles;
import io.uatr.inference.TestCorpus;
import io.uatr.inference.batch.BatchPredictor;
import io.uatr.inference.batch.Column;
import io.uatr.inference.batch.InputPaths;
import io.uatr.inference.batch.OutputFormat;
import io.uatr.inference.batch.PredictionRows;
import io.uatr.inference.batch.PredictionWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job in local[2] mode writes exactly the rows of the uatr predict Java path. */
class SparkPredictTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static Path bundle;
  static Map<String, String> corpus;
  static List<String> paths = new ArrayList<>();

  @BeforeAll
  static void setUp() throws IOException {
    bundle = TestBundles.write(dir.resolve("bundle"), 7);
    corpus = TestCorpus.build(dir.resolve("corpus"));
    for (Path p : InputPaths.expand(List.of(dir.resolve("corpus")))) {
      paths.add(p.toString());
    }
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("uatr-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterAll
  static void tearDown() {
    if (spark != null) {
      spark.stop();
    }
  }

  /** Rows of the CLI's Java path (BatchPredictor writing JSONL), keyed by path and row kind. */
  private static Map<String, Map<String, Object>> cliRows() throws IOException {
    Path out = dir.resolve("cli.jsonl");
    try (Recognizer rec = Recognizer.load(bundle)) {
      PredictionRows layout = new PredictionRows(rec.classNames());
      try (PredictionWriter w = PredictionWriter.open(out, OutputFormat.JSONL, layout, false)) {
        BatchPredictor.run(
            rec,
            InputPaths.expand(List.of(dir.resolve("corpus"))),
            w,
            layout,
            PredictOptions.defaults(),
            true,
            1,
            null);
      }
      Map<String, Map<String, Object>> m = new HashMap<>();
      for (Map<String, Object> r : PredictionWriter.read(out, OutputFormat.JSONL, layout.names())) {
        assertNull(m.put(key(r.get("path"), r.get("row"), r.get("segment")), r));
      }
      return m;
    }
  }

  private static String key(Object path, Object row, Object segment) {
    return path + "|" + row + "|" + segment;
  }

  @Test
  void sparkRowsEqualTheCommandLineRows() throws IOException {
    Dataset<Row> df = SparkPredict.predict(spark, bundle.toString(), paths, true, 3);
    List<Row> got = df.collectAsList();
    Map<String, Map<String, Object>> want = cliRows();
    assertEquals(want.size(), got.size());
    PredictionRows layout = new PredictionRows(TestBundles.CLASSES);
    int errors = 0;
    for (Row r : got) {
      Map<String, Object> w = want.get(key(r.getAs("path"), r.getAs("row"), r.getAs("segment")));
      assertNotNull(w, "row " + r);
      for (Column c : layout.columns()) {
        Object a = r.getAs(c.name());
        Object b = w.get(c.name());
        if (b == null || a == null) {
          assertEquals(b, a, c.name() + " of " + r.getAs("path"));
        } else if (c.type() == Column.Type.FLOAT) {
          assertEquals(((Number) b).floatValue(), (Float) a, 0f, c.name());
        } else if (c.type() == Column.Type.DOUBLE) {
          assertEquals(((Number) b).doubleValue(), (Double) a, 0.0, c.name());
        } else if (c.type() == Column.Type.INT) {
          assertEquals(((Number) b).intValue(), (Integer) a, c.name());
        } else {
          assertEquals(b, a, c.name());
        }
      }
      if ("error".equals(r.getAs("status"))) {
        errors++;
      }
    }
    assertEquals(corpus.values().stream().filter("error"::equals).count(), errors);
  }

  @Test
  void writesParquetAndCsvWithTheSameColumns() throws IOException {
    Dataset<Row> df = SparkPredict.predict(spark, bundle.toString(), paths, false, 2);
    String pq = dir.resolve("out.parquet").toString();
    df.write().parquet(pq);
    Dataset<Row> back = spark.read().parquet(pq);
    assertEquals(new PredictionRows(TestBundles.CLASSES).names(), List.of(back.columns()));
    assertEquals(corpus.size(), back.count());
    assertEquals(6, back.filter("status = 'ok'").count());
  }
}
