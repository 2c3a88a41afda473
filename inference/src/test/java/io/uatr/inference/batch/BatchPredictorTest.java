package io.uatr.inference.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPredictorTest {
  @TempDir static Path dir;
  static Recognizer rec;
  static PredictionRows layout;
  static Map<String, String> corpus;
  static Path corpusDir;

  @BeforeAll
  static void setUp() throws IOException {
    rec = Recognizer.load(TestBundles.write(dir.resolve("bundle"), 7));
    layout = new PredictionRows(rec.classNames());
    corpusDir = dir.resolve("corpus");
    corpus = TestCorpus.build(corpusDir);
  }

  @AfterAll
  static void tearDown() {
    rec.close();
  }

  private static BatchPredictor.Summary run(
      Path out, OutputFormat f, boolean resume, int threads, boolean segments) throws IOException {
    List<Path> inputs = InputPaths.expand(List.of(corpusDir));
    try (PredictionWriter w = PredictionWriter.open(out, f, layout, resume)) {
      return BatchPredictor.run(
          rec, inputs, w, layout, PredictOptions.defaults(), segments, threads, null);
    }
  }

  private static Map<String, Map<String, Object>> fileRows(Path out, OutputFormat f)
      throws IOException {
    Map<String, Map<String, Object>> m = new HashMap<>();
    for (Map<String, Object> r : PredictionWriter.read(out, f, layout.names())) {
      if ("file".equals(r.get("row"))) {
        Map<String, Object> prev =
            m.put(Path.of((String) r.get("path")).getFileName().toString(), r);
        assertNull(prev, "each file exactly once: " + r.get("path"));
      }
    }
    return m;
  }

  @Test
  void badFilesGetOneErrorRowGoodOnesMatchTheJavaApi() throws IOException {
    for (OutputFormat f : OutputFormat.values()) {
      Path out = dir.resolve("out." + f);
      BatchPredictor.Summary s = run(out, f, false, 2, true);
      assertEquals(corpus.size(), s.total());
      assertEquals(7, s.failed());
      assertEquals(6, s.ok());
      Map<String, Map<String, Object>> rows = fileRows(out, f);
      assertEquals(corpus.keySet(), rows.keySet());
      for (Map.Entry<String, String> e : corpus.entrySet()) {
        Map<String, Object> r = rows.get(e.getKey());
        assertEquals(e.getValue(), r.get("status"), e.getKey() + ": " + r.get("error"));
        if (e.getValue().equals("error")) {
          assertNotNull(r.get("error"), e.getKey());
          assertNull(r.get("predicted_class"));
          continue;
        }
        RecordingPrediction p = rec.predict(corpusDir.resolve(e.getKey()));
        for (int c = 0; c < p.classNames().size(); c++) {
          Object v = r.get(PredictionRows.probColumn(p.classNames().get(c)));
          assertEquals(p.classProbabilities()[c], Float.parseFloat(v.toString()), 0f, e.getKey());
        }
        assertEquals(p.predictedClass(), r.get("predicted_class"));
        assertEquals(p.size().label(), r.get("size"));
        long segs =
            PredictionWriter.read(out, f, layout.names()).stream()
                .filter(x -> "segment".equals(x.get("row")) && x.get("path").equals(r.get("path")))
                .count();
        assertEquals(p.segmentCount(), segs, e.getKey());
      }
      assertTrue(rows.get("truncated.wav").get("warning").toString().contains("truncated"));
      assertTrue(rows.get("folder.wav").get("error").toString().contains("directory"));
      assertTrue(
          rows.get("nan.wav").get("error").toString().toLowerCase().contains("nan"),
          rows.get("nan.wav").get("error").toString());
    }
  }

  @Test
  void resumeAfterAKillEndsWithEveryFileExactlyOnce() throws IOException {
    for (OutputFormat f : OutputFormat.values()) {
      Path full = dir.resolve("full." + f);
      run(full, f, false, 1, true);
      List<String> lines = Files.readAllLines(full, StandardCharsets.UTF_8);
      // a killed run: the first rows of several files, then half a line
      int keep = lines.size() / 2;
      String partial =
          String.join("\n", lines.subList(0, keep))
              + "\n"
              + lines.get(keep).substring(0, lines.get(keep).length() / 2);
      Path out = dir.resolve("killed." + f);
      Files.writeString(
          out, partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
      int before = fileRows(out, f).size();
      BatchPredictor.Summary s = run(out, f, true, 2, true);
      assertEquals(before, s.skipped());
      assertEquals(corpus.size() - before, s.ok() + s.failed());
      Map<String, Map<String, Object>> a = fileRows(full, f);
      Map<String, Map<String, Object>> b = fileRows(out, f);
      assertEquals(a, b);
      assertEquals(sortedRows(full, f), sortedRows(out, f));
      BatchPredictor.Summary again = run(out, f, true, 2, true);
      assertEquals(corpus.size(), again.skipped());
      assertEquals(sortedRows(full, f), sortedRows(out, f));
    }
  }

  @Test
  void outputInADirectoryThatDoesNotExistYetIsCreated() throws IOException {
    Path out = dir.resolve("not/there/yet/out.csv");
    BatchPredictor.Summary s = run(out, OutputFormat.CSV, false, 1, false);
    assertEquals(corpus.size(), s.total());
    assertEquals(corpus.keySet(), fileRows(out, OutputFormat.CSV).keySet());
  }

  @Test
  void resumeRefusesAnOutputWithOtherColumns() throws IOException {
    Path out = dir.resolve("other.csv");
    Files.writeString(out, "path,status\nx.wav,ok\n");
    assertThrows(
        IOException.class, () -> PredictionWriter.open(out, OutputFormat.CSV, layout, true));
  }

  @Test
  void inputsExpandFromDirectoriesAndListFiles() throws IOException {
    Path list = dir.resolve("list.txt");
    Files.writeString(
        list,
        "# recordings\ncorpus/good_f32.wav\n\n"
            + corpusDir.resolve("text.wav")
            + "\ncorpus/good_f32.wav\n");
    List<Path> got = InputPaths.expand(List.of(list, corpusDir.resolve("nan.wav")));
    assertEquals(
        List.of(
            corpusDir.resolve("good_f32.wav"),
            corpusDir.resolve("text.wav"),
            corpusDir.resolve("nan.wav")),
        got);
    List<Path> all = InputPaths.expand(List.of(corpusDir));
    assertEquals(corpus.size(), all.size());
    assertTrue(all.contains(corpusDir.resolve("folder.wav")));
    Files.writeString(list, "missing/dir\n");
    assertThrows(java.nio.file.NoSuchFileException.class, () -> InputPaths.expand(List.of(list)));
  }

  /** Two good recordings and three that make the poisoned extractor throw an Error. */
  private static Map<String, String> poisonCorpus(Path d) throws IOException {
    Files.createDirectories(d);
    Map<String, String> want = new java.util.TreeMap<>();
    for (int i = 0; i < 2; i++) {
      TestAudio.wav(
          d.resolve("good" + i + ".wav"),
          TestAudio.signal(3, TestFeatures.SR, 150 + 90 * i, i),
          TestFeatures.SR,
          SampleFormat.FLOAT32);
      want.put("good" + i + ".wav", null);
    }
    float[][] poison = {
      {PoisonFeatures.STACK_OVERFLOW}, {PoisonFeatures.OUT_OF_MEMORY}, {PoisonFeatures.ASSERTION}
    };
    String[] reason = {
      "StackOverflowError",
      "OutOfMemoryError: Java heap space",
      "AssertionError: poisoned extractor"
    };
    for (int k = 0; k < poison.length; k++) {
      float[] x = new float[2 * TestFeatures.SR];
      java.util.Arrays.fill(x, poison[k][0]);
      TestAudio.wav(d.resolve("poison" + k + ".wav"), x, TestFeatures.SR, SampleFormat.FLOAT32);
      want.put("poison" + k + ".wav", reason[k]);
    }
    return want;
  }

  @Test
  void anErrorInsideAWorkerGivesThatInputAnErrorRowAndTheBatchGoesOn() throws IOException {
    Path d = dir.resolve("poison-corpus");
    Map<String, String> want = poisonCorpus(d);
    Path bundle = PoisonFeatures.poison(TestBundles.write(dir.resolve("poison-bundle"), 7));
    try (Recognizer poisoned = Recognizer.load(bundle)) {
      for (int threads : new int[] {1, 2}) {
        Path out = dir.resolve("poison-" + threads + ".csv");
        BatchPredictor.Summary s;
        try (PredictionWriter w = PredictionWriter.open(out, OutputFormat.CSV, layout, false)) {
          s =
              BatchPredictor.run(
                  poisoned,
                  InputPaths.expand(List.of(d)),
                  w,
                  layout,
                  PredictOptions.defaults(),
                  false,
                  threads,
                  null);
        }
        assertEquals(5, s.total());
        assertEquals(3, s.failed());
        assertEquals(2, s.ok());
        Map<String, Map<String, Object>> rows = fileRows(out, OutputFormat.CSV);
        assertEquals(want.keySet(), rows.keySet(), "exactly one row per input");
        for (Map.Entry<String, String> e : want.entrySet()) {
          Map<String, Object> r = rows.get(e.getKey());
          if (e.getValue() == null) {
            assertEquals("ok", r.get("status"), e.getKey() + ": " + r.get("error"));
            // the same weights without the poison predict the same
            RecordingPrediction p = rec.predict(d.resolve(e.getKey()));
            assertEquals(p.predictedClass(), r.get("predicted_class"));
          } else {
            assertEquals("error", r.get("status"), e.getKey());
            assertEquals(e.getValue(), r.get("error"), e.getKey());
          }
        }
      }
    }
  }

  @Test
  void aWorkerThatDiesStillLeavesOneRowForEveryInput() throws IOException {
    Path d = dir.resolve("poison-corpus-2");
    Map<String, String> want = poisonCorpus(d);
    Path out = dir.resolve("dying.csv");
    java.util.concurrent.atomic.AtomicBoolean thrown =
        new java.util.concurrent.atomic.AtomicBoolean();
    BatchPredictor.Summary s;
    try (PredictionWriter w = PredictionWriter.open(out, OutputFormat.CSV, layout, false)) {
      s =
          BatchPredictor.run(
              rec,
              InputPaths.expand(List.of(d)),
              w,
              layout,
              PredictOptions.defaults(),
              false,
              1,
              (done, todo, audioS) -> {
                if (thrown.compareAndSet(false, true)) {
                  throw new AssertionError("listener broke");
                }
              });
    }
    Map<String, Map<String, Object>> rows = fileRows(out, OutputFormat.CSV);
    assertEquals(want.keySet(), rows.keySet(), "exactly one row per input");
    assertEquals("ok", rows.get("good0.wav").get("status"), "written before the worker died");
    for (String name : want.keySet()) {
      if (!name.equals("good0.wav")) {
        assertEquals("error", rows.get(name).get("status"), name);
        assertEquals(
            "not predicted: the worker failed: AssertionError: listener broke",
            rows.get(name).get("error"));
      }
    }
    assertEquals(4, s.failed());
    assertEquals(1, s.ok());
  }

  @Test
  void anUnreadableDirectoryBecomesAnErrorRowAndTheWalkGoesOn() throws IOException {
    Path root = Files.createDirectories(dir.resolve("walk"));
    Path a = Files.createDirectories(root.resolve("a"));
    Path z = Files.createDirectories(root.resolve("z"));
    Files.copy(corpusDir.resolve("good_f32.wav"), a.resolve("x.wav"));
    Files.copy(corpusDir.resolve("good_f32.wav"), z.resolve("y.wav"));
    // a directory that leads back to its ancestor: reading it is a real IOException
    // (FileSystemLoopException), for root too
    Path loop =
        Files.createSymbolicLink(Files.createDirectories(root.resolve("m")).resolve("back"), root);
    Path locked = Files.createDirectories(root.resolve("n-locked"));
    Files.copy(corpusDir.resolve("good_f32.wav"), locked.resolve("w.wav"));
    locked.toFile().setReadable(false, false);
    locked.toFile().setExecutable(false, false);
    boolean lockedReadable = Files.isReadable(locked); // true for root, who reads anything
    try {
      InputPaths.Scan scan = InputPaths.scan(List.of(root));
      List<Path> expected = new ArrayList<>(List.of(a.resolve("x.wav"), loop));
      if (lockedReadable) {
        expected.add(locked.resolve("w.wav"));
      } else {
        expected.add(locked);
      }
      expected.add(z.resolve("y.wav"));
      assertEquals(expected, scan.paths(), "sorted, the walk went on past the failures");
      assertEquals(
          loop + ": cannot read directory (symbolic link loop)", scan.unreadable().get(loop));
      if (!lockedReadable) {
        assertEquals(
            locked + ": cannot read directory (permission denied)", scan.unreadable().get(locked));
      }
      Path out = dir.resolve("walk.csv");
      BatchPredictor.Summary s;
      try (PredictionWriter w = PredictionWriter.open(out, OutputFormat.CSV, layout, false)) {
        s =
            BatchPredictor.run(
                rec,
                scan.paths(),
                scan.unreadable(),
                w,
                layout,
                PredictOptions.defaults(),
                false,
                2,
                null);
      }
      assertEquals(scan.unreadable().size(), s.failed());
      assertEquals(scan.paths().size() - scan.unreadable().size(), s.ok());
      Map<String, Object> row = null;
      for (Map<String, Object> r : PredictionWriter.read(out, OutputFormat.CSV, layout.names())) {
        if (r.get("path").equals(loop.toString())) {
          assertNull(row, "one row");
          row = r;
        }
      }
      assertNotNull(row);
      assertEquals("error", row.get("status"));
      assertEquals(scan.unreadable().get(loop), row.get("error"));
    } finally {
      locked.toFile().setReadable(true, false);
      locked.toFile().setExecutable(true, false);
    }
  }

  private static List<String> sortedRows(Path out, OutputFormat f) throws IOException {
    List<String> l = new ArrayList<>();
    for (Map<String, Object> r : PredictionWriter.read(out, f, layout.names())) {
      l.add(
          r.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(",")));
    }
    l.sort(null);
    return l;
  }
}
