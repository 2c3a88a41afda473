package io.uatr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.io.SampleFormat;
import io.uatr.inference.PoisonFeatures;
import io.uatr.inference.PredictOptions;
import io.uatr.inference.Recognizer;
import io.uatr.inference.RecordingPrediction;
import io.uatr.inference.TestAudio;
import io.uatr.inference.TestBundles;
import io.uatr.inference.TestCorpus;
import io.uatr.inference.TestFeatures;
import io.uatr.inference.batch.OutputFormat;
import io.uatr.inference.batch.PredictionRows;
import io.uatr.inference.batch.PredictionWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PredictCommandTest {
  @TempDir static Path dir;
  static Path bundle;
  static Path corpus;
  static Map<String, String> expected;

  @BeforeAll
  static void setUp() throws IOException {
    bundle = TestBundles.write(dir.resolve("bundle"), 7);
    corpus = dir.resolve("corpus");
    expected = TestCorpus.build(corpus);
  }

  private static int run(StringWriter err, String... args) {
    CommandLine cl = Uatr.commandLine();
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private static Map<String, Map<String, Object>> fileRows(
      Path out, OutputFormat f, List<String> cols) throws IOException {
    Map<String, Map<String, Object>> m = new HashMap<>();
    for (Map<String, Object> r : PredictionWriter.read(out, f, cols)) {
      if ("file".equals(r.get("row"))) {
        String name = Path.of((String) r.get("path")).getFileName().toString();
        assertNull(m.put(name, r), "each file exactly once: " + name);
      }
    }
    return m;
  }

  @Test
  void corpusGivesErrorRowsAndExitCode3AndMatchesTheJavaApi() throws IOException {
    for (String fmt : new String[] {"csv", "jsonl"}) {
      Path out = dir.resolve("out." + fmt);
      StringWriter err = new StringWriter();
      int code =
          run(
              err,
              "predict",
              "--model",
              bundle.toString(),
              "--input",
              corpus.toString(),
              "--output",
              out.toString(),
              "--segments",
              "--threads",
              "2",
              "--no-progress");
      assertEquals(ExitCodes.PARTIAL, code, err.toString());
      assertTrue(err.toString().contains("7 failed"), err.toString());
      try (Recognizer rec = Recognizer.load(bundle)) {
        List<String> cols = new PredictionRows(rec.classNames()).names();
        OutputFormat f = fmt.equals("csv") ? OutputFormat.CSV : OutputFormat.JSONL;
        Map<String, Map<String, Object>> rows = fileRows(out, f, cols);
        assertEquals(expected.keySet(), rows.keySet());
        for (Map.Entry<String, String> e : expected.entrySet()) {
          Map<String, Object> r = rows.get(e.getKey());
          assertEquals(e.getValue(), r.get("status"), e.getKey() + " " + r.get("error"));
          if (e.getValue().equals("ok")) {
            RecordingPrediction p = rec.predict(corpus.resolve(e.getKey()));
            for (int c = 0; c < p.classNames().size(); c++) {
              Object v = r.get(PredictionRows.probColumn(p.classNames().get(c)));
              assertEquals(p.classProbabilities()[c], Float.parseFloat(v.toString()), 0f);
            }
          }
        }
      }
    }
  }

  @Test
  void benchPredictReportsRoundsAndTheRatioOverTheCorpus() {
    CliTest.Result r =
        CliTest.run(
            "bench",
            "predict",
            "--model",
            bundle.toString(),
            "--input",
            corpus.toString(),
            "--threads",
            "2",
            "--rounds",
            "2");
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertTrue(
        r.out().contains("round 1: forward ") && r.out().contains("round 2: forward "), r.out());
    long bad = expected.values().stream().filter(v -> !v.equals("ok")).count();
    assertTrue(r.out().contains(expected.size() + " recording(s) (" + bad + " failed)"), r.out());
    assertTrue(r.out().contains("end to end / forward pass: "), r.out());
    CliTest.Result usage =
        CliTest.run(
            "bench", "predict", "--model", bundle.toString(), "--input", "x", "--rounds", "0");
    assertEquals(ExitCodes.USAGE, usage.code(), usage.err());
  }

  @Test
  void goodFilesOnlyExitZeroAndUsageErrorsExitTwo() throws IOException {
    Path out = dir.resolve("good.csv");
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
            "predict",
            "--model",
            bundle.toString(),
            "--input",
            corpus.resolve("good_f32.wav").toString(),
            corpus.resolve("good_u8.wav").toString(),
            "--output",
            out.toString(),
            "--no-progress");
    assertEquals(ExitCodes.OK, code, err.toString());
    assertEquals(3, Files.readAllLines(out).size(), "header and two file rows");
    err = new StringWriter();
    assertEquals(
        ExitCodes.USAGE,
        run(
            err,
            "predict",
            "--model",
            bundle.toString(),
            "--input",
            corpus.toString(),
            "--output",
            dir.resolve("other.csv").toString(),
            "--format",
            "xml"));
    assertTrue(err.toString().contains("--format"), err.toString());
    err = new StringWriter();
    assertEquals(
        ExitCodes.FAILURE,
        run(
            err,
            "predict",
            "--model",
            corpus.toString(),
            "--input",
            corpus.toString(),
            "--output",
            dir.resolve("model-error.csv").toString()));
    assertTrue(err.toString().contains("not a model bundle"), err.toString());
    err = new StringWriter();
    assertEquals(
        ExitCodes.FAILURE,
        run(
            err,
            "predict",
            "--model",
            bundle.toString(),
            "--input",
            dir.resolve("nothing-here").toString(),
            "--output",
            dir.resolve("input-error.csv").toString()));
    assertTrue(err.toString().contains("not found"), err.toString());
  }

  @Test
  void killedRunResumedEndsWithEveryFileExactlyOnce() throws Exception {
    Path many = Files.createDirectories(dir.resolve("many"));
    for (int i = 0; i < 24; i++) {
      TestAudio.wav(
          many.resolve(String.format("r%02d.wav", i)),
          TestAudio.signal(3 + i % 3, TestFeatures.SR, 120 + 17 * i, i),
          TestFeatures.SR,
          SampleFormat.PCM_S16);
    }
    Path out = dir.resolve("killed.csv");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Dai.djl.offline=true",
            "-Dai.djl.pytorch.num_threads=1",
            "-cp",
            System.getProperty("java.class.path"),
            Uatr.class.getName(),
            "predict",
            "--model",
            bundle.toString(),
            "--input",
            many.toString(),
            "--output",
            out.toString(),
            "--segments",
            "--no-progress");
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int seen = 0;
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (Files.exists(out)) {
        seen = (int) Files.readAllLines(out).stream().filter(l -> l.contains(",file,")).count();
        if (seen >= 3) {
          break;
        }
      }
      Thread.sleep(20);
    }
    assertTrue(
        p.isAlive(),
        "child still running when killed: " + Files.readString(dir.resolve("child.log")));
    p.destroyForcibly().waitFor();
    List<String> cols;
    try (Recognizer rec = Recognizer.load(bundle)) {
      cols = new PredictionRows(rec.classNames()).names();
    }
    int before = fileRows(out, OutputFormat.CSV, cols).size();
    assertTrue(before >= 3 && before < 24, "killed after " + before + " files");
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
            "predict",
            "--model",
            bundle.toString(),
            "--input",
            many.toString(),
            "--output",
            out.toString(),
            "--segments",
            "--resume",
            "--threads",
            "2",
            "--no-progress");
    assertEquals(ExitCodes.OK, code, err.toString());
    assertTrue(err.toString().contains(before + " already in the output"), err.toString());
    Map<String, Map<String, Object>> rows = fileRows(out, OutputFormat.CSV, cols);
    assertEquals(24, rows.size());
    Path ref = dir.resolve("uninterrupted.csv");
    assertEquals(
        ExitCodes.OK,
        run(
            new StringWriter(),
            "predict",
            "--model",
            bundle.toString(),
            "--input",
            many.toString(),
            "--output",
            ref.toString(),
            "--segments",
            "--no-progress"));
    assertEquals(fileRows(ref, OutputFormat.CSV, cols), rows);
    assertEquals(sorted(ref, cols), sorted(out, cols));
  }

  private static List<String> sorted(Path out, List<String> cols) throws IOException {
    List<String> l = new ArrayList<>();
    for (Map<String, Object> r : PredictionWriter.read(out, OutputFormat.CSV, cols)) {
      l.add(r.toString());
    }
    l.sort(null);
    return l;
  }

  @Test
  void javaApiOnAnArrayAgreesWithTheCommandOnItsFile() throws IOException {
    float[] x = TestAudio.signal(3.0, TestFeatures.SR, 333, 99);
    Path wav = TestAudio.wav(dir.resolve("one.wav"), x, TestFeatures.SR, SampleFormat.FLOAT32);
    Path out = dir.resolve("one.jsonl");
    assertEquals(
        ExitCodes.OK,
        run(
            new StringWriter(),
            "predict",
            "--model",
            bundle.toString(),
            "--input",
            wav.toString(),
            "--output",
            out.toString(),
            "--no-progress"));
    try (Recognizer rec = Recognizer.load(bundle)) {
      List<String> cols = new PredictionRows(rec.classNames()).names();
      Map<String, Object> row = fileRows(out, OutputFormat.JSONL, cols).get("one.wav");
      float[] p = rec.predict(x, TestFeatures.SR, PredictOptions.defaults()).classProbabilities();
      for (int c = 0; c < p.length; c++) {
        Number v = (Number) row.get(PredictionRows.probColumn(rec.classNames().get(c)));
        assertEquals(p[c], v.floatValue(), 0f);
      }
    }
  }

  @Test
  void anExistingOutputNeedsResumeOrOverwrite() throws IOException {
    Path out = dir.resolve("exists.csv");
    Files.writeString(out, "not a prediction file\n");
    String good = corpus.resolve("good_f32.wav").toString();
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
            "predict",
            "--model",
            bundle.toString(),
            "--input",
            good,
            "--output",
            out.toString());
    assertEquals(ExitCodes.USAGE, code, err.toString());
    assertTrue(
        err.toString()
            .contains(
                out
                    + ": the output file exists; use --resume to continue it or --overwrite to"
                    + " replace it"),
        err.toString());
    assertEquals("not a prediction file\n", Files.readString(out), "left alone");
    err = new StringWriter();
    code =
        run(
            err,
            "predict",
            "--model",
            bundle.toString(),
            "--input",
            good,
            "--output",
            out.toString(),
            "--resume",
            "--overwrite");
    assertEquals(ExitCodes.USAGE, code, err.toString());
    assertTrue(err.toString().contains("--resume and --overwrite"), err.toString());
    err = new StringWriter();
    code =
        run(
            err,
            "predict",
            "--model",
            bundle.toString(),
            "--input",
            good,
            "--output",
            out.toString(),
            "--overwrite",
            "--no-progress");
    assertEquals(ExitCodes.OK, code, err.toString());
    List<String> lines = Files.readAllLines(out);
    assertEquals(2, lines.size(), "header and one file row: " + lines);
    assertTrue(lines.get(1).startsWith("\"" + good + "\",file,"), lines.get(1));
    assertTrue(lines.get(1).contains(",ok,"), lines.get(1));
    code =
        run(
            new StringWriter(),
            "predict",
            "--model",
            bundle.toString(),
            "--input",
            good,
            "--output",
            out.toString(),
            "--resume",
            "--no-progress");
    assertEquals(ExitCodes.OK, code);
    assertEquals(lines, Files.readAllLines(out), "resumed: nothing left to do");
  }

  @Test
  void errorsInWorkersAndUnreadableDirectoriesGiveErrorRowsAndExitCode3() throws IOException {
    Path in = Files.createDirectories(dir.resolve("errors-in"));
    TestAudio.wav(
        in.resolve("a-good.wav"),
        TestAudio.signal(3, TestFeatures.SR, 200, 1),
        TestFeatures.SR,
        SampleFormat.FLOAT32);
    float[] x = new float[2 * TestFeatures.SR];
    java.util.Arrays.fill(x, PoisonFeatures.STACK_OVERFLOW);
    TestAudio.wav(in.resolve("b-overflow.wav"), x, TestFeatures.SR, SampleFormat.FLOAT32);
    java.util.Arrays.fill(x, PoisonFeatures.OUT_OF_MEMORY);
    TestAudio.wav(in.resolve("c-oom.wav"), x, TestFeatures.SR, SampleFormat.FLOAT32);
    Path loop = Files.createSymbolicLink(in.resolve("d-loop"), in);
    Path poisoned = PoisonFeatures.poison(TestBundles.write(dir.resolve("poisoned"), 7));
    Path out = dir.resolve("errors.csv");
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
            "predict",
            "--model",
            poisoned.toString(),
            "--input",
            in.toString(),
            "--output",
            out.toString(),
            "--threads",
            "2",
            "--no-progress");
    assertEquals(ExitCodes.PARTIAL, code, err.toString());
    assertTrue(err.toString().contains("4 file(s): 1 ok, 3 failed"), err.toString());
    List<String> cols;
    try (Recognizer rec = Recognizer.load(bundle)) {
      cols = new PredictionRows(rec.classNames()).names();
    }
    Map<String, Map<String, Object>> rows = fileRows(out, OutputFormat.CSV, cols);
    assertEquals(
        java.util.Set.of("a-good.wav", "b-overflow.wav", "c-oom.wav", "d-loop"), rows.keySet());
    assertEquals("ok", rows.get("a-good.wav").get("status"));
    assertEquals("StackOverflowError", rows.get("b-overflow.wav").get("error"));
    assertEquals("OutOfMemoryError: Java heap space", rows.get("c-oom.wav").get("error"));
    assertEquals("error", rows.get("d-loop").get("status"));
    assertEquals(
        loop + ": cannot read directory (symbolic link loop)", rows.get("d-loop").get("error"));
  }
}
