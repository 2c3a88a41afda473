package io.uatr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Smoke tests of train, evaluate, experiment and dataset inspect on a tiny synthetic corpus. */
class CliTest {
  @TempDir static Path tmp;
  static Path config;

  record Result(int code, String out, String err) {}

  @BeforeAll
  static void setUp() throws IOException {
    // initialise logging before any test redirects System.out
    org.slf4j.LoggerFactory.getLogger(CliTest.class).debug("setting up");
    String repo = System.getenv().getOrDefault("UATR_REPO_ROOT", "..");
    Path base =
        Path.of(repo).toAbsolutePath().normalize().resolve("configs/datasets/synthetic.yaml");
    config = tmp.resolve("tiny.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "extends: " + base,
            "name: tiny",
            "dataset:",
            "  root: " + tmp.resolve("synth"),
            "  cache_dir: " + tmp.resolve("cache"),
            "  synth: {recordings_per_class: 4, duration_s: [3, 4], sample_rate: 8000}",
            "  segment: {length_s: 1, hop_s: 1}",
            "features: {sr: 4000, n_fft: 256, hop_length: 32, n_mels: 16, fmax: 2000}",
            "model: {type: m3, backbone: small_cnn, width: 4, experts: 2, expert_dim: 8,"
                + " class_tower_hidden: 8, size_tower_hidden: 4}",
            "training: {epochs: 1, batch_size: 16, threads: 1}",
            ""));
  }

  static Result run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      CommandLine cl = Uatr.commandLine();
      cl.setErr(new PrintWriter(err, true));
      int code = cl.execute(args);
      return new Result(code, buf.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void inspectPrintsCountsAsJson() throws IOException {
    Result r = run("dataset", "inspect", "--config", config.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    @SuppressWarnings("unchecked")
    Map<String, Object> m;
    try {
      m = new ObjectMapper().readValue(r.out(), Map.class);
    } catch (IOException e) {
      throw new AssertionError("not one JSON object: " + r.out(), e);
    }
    assertEquals(
        List.of("splits", "leakage", "train_only_classes", "problems"),
        new ArrayList<>(m.keySet()));
    assertEquals(List.of(), m.get("train_only_classes"), "a split that is not by vessel");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> splits = (Map<String, Map<String, Object>>) m.get("splits");
    int recordings = 0;
    for (Map<String, Object> s : splits.values()) {
      @SuppressWarnings("unchecked")
      Map<String, Map<String, Integer>> classes =
          (Map<String, Map<String, Integer>>) s.get("classes");
      assertEquals(9, classes.size());
      int segs = classes.values().stream().mapToInt(c -> c.get("segments")).sum();
      assertEquals(((Number) s.get("segments")).intValue(), segs);
      recordings += ((Number) s.get("recordings")).intValue();
    }
    assertEquals(36, recordings, "9 classes x 4 recordings");
    Result text = run("dataset", "inspect", "--config", config.toString());
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().startsWith("SYNTHETIC train:"), text.out());
    assertTrue(text.out().contains("leakage check: clean"), text.out());
  }

  @Test
  void trainThenEvaluateTheSavedModel() throws IOException {
    Path run = tmp.resolve("run");
    Result t =
        run("train", "--config", config.toString(), "--output", run.toString(), "--no-progress");
    assertEquals(0, t.code(), t.err());
    assertTrue(t.out().startsWith("SYNTHETIC tiny seed 1: test accuracy"), t.out());
    @SuppressWarnings("unchecked")
    Map<String, Object> ev =
        new ObjectMapper().readValue(run.resolve("evaluation.json").toFile(), Map.class);
    double acc = ((Number) ev.get("segment_accuracy")).doubleValue();
    Result e =
        run(
            "evaluate",
            "--model",
            run.resolve("model").toString(),
            "--config",
            config.toString(),
            "--output",
            tmp.resolve("eval").toString());
    assertEquals(0, e.code(), e.err());
    assertTrue(
        e.out().contains(String.format(Locale.ROOT, "segment accuracy   %.2f %%", 100 * acc)),
        e.out());
    assertTrue(Files.isRegularFile(tmp.resolve("eval/confusion.png")));
    Path wav;
    try (var files = Files.list(tmp.resolve("synth"))) {
      wav = files.filter(f -> f.toString().endsWith(".wav")).sorted().findFirst().orElseThrow();
    }
    Result p =
        run(
            "predict",
            "--model",
            run.resolve("model").toString(),
            "--input",
            wav.toString(),
            "--output",
            tmp.resolve("pred.csv").toString());
    assertEquals(0, p.code(), p.err());
    assertTrue(Files.readAllLines(tmp.resolve("pred.csv")).size() > 1, "the bundle predicts");
    Result again = run("train", "--config", config.toString(), "--output", run.toString());
    assertEquals(ExitCodes.USAGE, again.code());
    assertTrue(again.err().contains("--resume"), again.err());
    Result resumed = run("train", "--resume", run.toString(), "--no-progress");
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains(String.format(Locale.ROOT, "%.2f %%", 100 * acc)));
  }

  @Test
  void demonetTrainsEvaluatesAndPredictsARawWav() throws IOException {
    Path run = tmp.resolve("demonet");
    String[] sets = {
      "--set", "model.type=demonet",
      "--set", "model.demonet.pretrain_epochs=2",
      "--set", "features.router.window_seconds=0.5",
      "--set", "features.router.hop_seconds=0.25",
      "--set", "features.router.band_low=200",
      "--set", "features.router.band_high=1800",
      "--set", "features.router.fmax=40"
    };
    List<String> train =
        new ArrayList<>(
            List.of("train", "--config", config.toString(), "--output", run.toString()));
    train.addAll(List.of(sets));
    train.add("--no-progress");
    Result t = run(train.toArray(new String[0]));
    assertEquals(0, t.code(), t.err());
    assertTrue(Files.readString(run.resolve("model/bundle.yaml")).contains("router_features:"));
    List<String> eval =
        new ArrayList<>(
            List.of(
                "evaluate",
                "--model",
                run.resolve("model").toString(),
                "--config",
                config.toString(),
                "--output",
                tmp.resolve("demonet-eval").toString()));
    eval.addAll(List.of(sets));
    Result e = run(eval.toArray(new String[0]));
    assertEquals(0, e.code(), e.err());
    Path wav;
    try (var files = Files.list(tmp.resolve("synth"))) {
      wav = files.filter(f -> f.toString().endsWith(".wav")).sorted().findFirst().orElseThrow();
    }
    Path out = tmp.resolve("demonet-pred.csv");
    Result p =
        run(
            "predict",
            "--model",
            run.resolve("model").toString(),
            "--input",
            wav.toString(),
            "--output",
            out.toString());
    assertEquals(0, p.code(), p.err());
    List<String> rows = Files.readAllLines(out);
    assertTrue(rows.size() > 1 && rows.get(1).contains(",ok,"), String.join("\n", rows));
    Result missing = run("train", "--config", config.toString(), "--set", "model.type=demonet");
    assertEquals(ExitCodes.USAGE, missing.code());
    assertTrue(missing.err().contains("features.router"), missing.err());
  }

  @Test
  void configErrorsExitWithTwoAndNameKeyFileAndLine() throws IOException {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, "extends: " + config + "\ntraining:\n  epochs: 0\n");
    Result r = run("train", "--config", bad.toString());
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("training.epochs"), r.err());
    assertTrue(r.err().contains("bad.yaml, line 3"), r.err());
    Result s = run("experiment", "--config", config.toString(), "--set", "model.gate=nope");
    assertEquals(ExitCodes.USAGE, s.code());
    assertTrue(
        s.err().contains("model.gate") && s.err().contains("--set model.gate=nope"), s.err());
    Result tag =
        run("experiment", "--config", config.toString(), "--set", "model.type=!!java.io.File /etc");
    assertEquals(ExitCodes.USAGE, tag.code(), tag.err());
    assertTrue(
        tag.err().contains("model.type: --set model.type=!!java.io.File /etc: invalid YAML value"),
        tag.err());
  }

  @Test
  void aVariantNamedToEscapeTheOutputDirectoryIsAConfigError() throws IOException {
    Path out = tmp.resolve("suites/escape-test");
    Path suite = tmp.resolve("escape.yaml");
    Files.writeString(
        suite,
        "extends: "
            + config
            + "\noutput:\n  dir: "
            + out
            + "\nsuite:\n  variants:\n    fine: {}\n    ../escape: {}\n");
    Result r = run("experiment", "--config", suite.toString(), "--no-progress");
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertTrue(r.err().contains("suite.variants.../escape: a variant name must match"), r.err());
    assertTrue(r.err().contains("escape.yaml, line 7"), r.err());
    assertTrue(!Files.exists(out.resolveSibling("escape")), "nothing written beside output.dir");
    assertTrue(!Files.exists(out), "nothing run at all");
  }

  @Test
  void collabInitWritesCertificatesAndSimulateRejectsBadKeys() throws IOException {
    Path certs = tmp.resolve("certs");
    Result init = run("collab", "init", "--output", certs.toString(), "--parties", "2");
    assertEquals(0, init.code(), init.err());
    for (String f :
        List.of("ca.pem", "party-0.pem", "party-0.key", "party-1.key", "coordinator.pem")) {
      assertTrue(Files.isRegularFile(certs.resolve(f)), f);
    }
    String repo = System.getenv().getOrDefault("UATR_REPO_ROOT", "..");
    Path collab =
        Path.of(repo)
            .toAbsolutePath()
            .normalize()
            .resolve("configs/experiments/synthetic-collab.yaml");
    Result unknown =
        run("collab", "simulate", "--config", collab.toString(), "--set", "collab.partiez=3");
    assertEquals(ExitCodes.USAGE, unknown.code(), unknown.err());
    assertTrue(unknown.err().contains("collab.partiez"), unknown.err());
    Result dense =
        run(
            "collab",
            "simulate",
            "--config",
            collab.toString(),
            "--set",
            "model.gate=softmax",
            "--set",
            "output.dir=" + tmp.resolve("dense"));
    assertEquals(ExitCodes.USAGE, dense.code(), dense.err());
    assertTrue(dense.err().contains("model.gate") && dense.err().contains("sparse"), dense.err());
  }
}
