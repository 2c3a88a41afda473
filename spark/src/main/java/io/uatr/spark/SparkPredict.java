package io.uatr.spark;

import io.uatr.inference.PredictOptions;
import io.uatr.inference.Recognizer;
import io.uatr.inference.RecognizerSession;
import io.uatr.inference.batch.Column;
import io.uatr.inference.batch.InputPaths;
import io.uatr.inference.batch.PredictionRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch inference on Apache Spark: the recordings are spread over partitions, each executor loads
 * one {@link Recognizer} for the bundle, and the result has the same columns and values as {@code
 * uatr predict} ({@link PredictionRows}); failed inputs get an error row.
 */
public final class SparkPredict {
  private static final Logger LOG = LoggerFactory.getLogger(SparkPredict.class);

  private SparkPredict() {}

  /**
   * The Spark schema of the prediction rows.
   *
   * @param rows the row layout of the bundle's classes
   * @return one nullable field per column, in order
   */
  public static StructType schema(PredictionRows rows) {
    List<StructField> f = new ArrayList<>();
    for (Column c : rows.columns()) {
      DataType t =
          switch (c.type()) {
            case STRING -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case FLOAT -> DataTypes.FloatType;
            case DOUBLE -> DataTypes.DoubleType;
          };
      f.add(DataTypes.createStructField(c.name(), t, true));
    }
    return DataTypes.createStructType(f);
  }

  /**
   * Predicts recordings.
   *
   * @param spark the session
   * @param bundle bundle path visible to the driver and executors (or shipped with --files)
   * @param recordings recording paths visible to the executors
   * @param segments whether to include segment rows
   * @param partitions number of partitions (&gt;= 1)
   * @return the prediction rows (lazy)
   * @throws IOException when the driver cannot read the bundle
   */
  public static Dataset<Row> predict(
      SparkSession spark, String bundle, List<String> recordings, boolean segments, int partitions)
      throws IOException {
    List<String> classes;
    try (io.uatr.inference.Bundle b = io.uatr.inference.Bundle.load(Path.of(bundle))) {
      classes = b.manifest().classNames();
    }
    PredictionRows layout = new PredictionRows(classes);
    StructType schema = schema(layout);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> rows =
        jsc.parallelize(recordings, Math.max(1, partitions))
            .mapPartitions(it -> predictPartition(bundle, it, segments));
    return spark.createDataFrame(rows, schema);
  }

  private static Iterator<Row> predictPartition(
      String bundle, Iterator<String> paths, boolean segments) {
    Recognizer rec = ExecutorRecognizers.get(bundle);
    PredictionRows layout = new PredictionRows(rec.classNames());
    PredictOptions opts = PredictOptions.defaults().withKeepSegments(segments);
    List<Row> out = new ArrayList<>();
    try (RecognizerSession s = rec.newSession()) {
      while (paths.hasNext()) {
        String p = paths.next();
        List<Map<String, Object>> maps;
        try {
          Path f = Path.of(p);
          if (Files.isDirectory(f)) {
            throw new IOException(p + ": is a directory, not a WAV file");
          }
          if (!Files.exists(f)) {
            throw new IOException(p + ": file not found");
          }
          maps = layout.ok(p, s.predict(f, opts), segments);
        } catch (IOException | RuntimeException e) {
          LOG.warn("{}: {}", p, e.getMessage());
          String m = e.getMessage();
          maps = List.of(layout.error(p, m == null ? e.getClass().getSimpleName() : m));
        }
        for (Map<String, Object> m : maps) {
          out.add(RowFactory.create(m.values().toArray()));
        }
      }
    }
    return out.iterator();
  }

  /**
   * {@code spark-submit --class io.uatr.spark.SparkPredict uatr-spark.jar --model BUNDLE --input
   * PATH... --output OUT [--format parquet|csv] [--segments] [--partitions N]}. Inputs are files,
   * directories or list files as for {@code uatr predict}, expanded on the driver.
   *
   * @param args the arguments
   * @throws IOException when the bundle or inputs cannot be read
   */
  public static void main(String[] args) throws IOException {
    Args a = Args.parse(args);
    List<String> paths = new ArrayList<>();
    for (Path p : InputPaths.expand(a.inputs())) {
      paths.add(p.toString());
    }
    SparkSession spark = SparkSession.builder().appName("uatr predict").getOrCreate();
    try {
      int parts =
          a.partitions() > 0
              ? a.partitions()
              : Math.max(1, spark.sparkContext().defaultParallelism());
      Dataset<Row> df = predict(spark, a.model(), paths, a.segments(), parts);
      if (a.format().equals("csv")) {
        df.write().mode(SaveMode.Overwrite).option("header", "true").csv(a.output());
      } else {
        df.write().mode(SaveMode.Overwrite).parquet(a.output());
      }
      LOG.info("{} recording(s) predicted into {}", paths.size(), a.output());
    } finally {
      spark.stop();
    }
  }
}
