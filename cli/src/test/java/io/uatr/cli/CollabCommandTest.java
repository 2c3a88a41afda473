package io.uatr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.collab.CertificateAuthority;
import io.uatr.collab.Coordinator;
import io.uatr.collab.PartyProcesses;
import io.uatr.collab.net.AuditLog;
import io.uatr.inference.Recognizer;
import io.uatr.inference.RecordingPrediction;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two sites on 127.0.0.1, each a {@code uatr collab serve} process with {@code collab.data: own}
 * and its own tiny synthetic corpus; {@code uatr collab train} drives them, {@code uatr collab
 * export} has them write their bundles again, and each site's bundle loads and predicts.
 */
class CollabCommandTest {

  private static int run(StringWriter err, String... args) {
    CommandLine cl = Uatr.commandLine();
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void twoServedSitesTrainThenExportBundlesThatPredict(@TempDir Path tmp) throws Exception {
    String repo = System.getenv().getOrDefault("UATR_REPO_ROOT", "..");
    Path base =
        Path.of(repo)
            .toAbsolutePath()
            .normalize()
            .resolve("configs/experiments/synthetic-collab.yaml");
    Path certs = tmp.resolve("certs");
    CertificateAuthority.create(certs, 2, List.of(), Duration.ofDays(1));
    List<String> addresses = new ArrayList<>();
    try (PartyProcesses procs = new PartyProcesses()) {
      for (int p = 0; p < 2; p++) {
        Path site = tmp.resolve("site-" + p);
        Path config = site.resolve("site.yaml");
        Files.createDirectories(site);
        Files.writeString(
            config,
            String.join(
                "\n",
                "extends: " + base,
                "seeds: [1]",
                "dataset:",
                "  root: " + site.resolve("recordings"),
                "  cache_dir: " + site.resolve("cache"),
                "  synth: {seed: " + (10 + p) + ", recordings_per_class: 4, duration_s: [5, 6]}",
                "training: {epochs: 1, batch_size: 8}",
                "collab: {parties: 2, parties_per_type: 1, data: own, attack: false}",
                ""));
        procs.start(
            Uatr.class.getName(),
            List.of(
                "collab",
                "serve",
                "--config",
                config.toString(),
                "--party",
                Integer.toString(p),
                "--dir",
                site.resolve("party").toString(),
                "--certs",
                certs.toString(),
                "--listen",
                "127.0.0.1:0"),
            site.resolve("serve.log"));
      }
      for (int p = 0; p < 2; p++) {
        addresses.add("127.0.0.1:" + procs.port(p, 300));
      }
      String parties = String.join(",", addresses);
      try {
        StringWriter err = new StringWriter();
        Path audit = tmp.resolve("coordinator-audit.csv");
        int code =
            run(
                err,
                "collab",
                "train",
                "--certs",
                certs.toString(),
                "--parties",
                parties,
                "--epochs",
                "1",
                "--audit",
                audit.toString());
        assertEquals(ExitCodes.OK, code, err.toString());
        for (int p = 0; p < 2; p++) {
          Path bundle = tmp.resolve("site-" + p).resolve("party").resolve("model");
          assertTrue(Files.isRegularFile(bundle.resolve("bundle.yaml")), "train wrote " + bundle);
          try (Stream<Path> files = Files.walk(bundle)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
              Files.delete(f); // export must write it again
            }
          }
        }
        code =
            run(
                err,
                "collab",
                "export",
                "--certs",
                certs.toString(),
                "--parties",
                parties,
                "--audit",
                audit.toString());
        assertEquals(ExitCodes.OK, code, err.toString());
        List<String> log = Files.readAllLines(audit);
        for (String type : List.of("PEERS", "STATUS", "STEP", "COMMIT", "FINISH")) {
          assertTrue(log.stream().anyMatch(l -> l.contains("," + type + ",")), type);
        }
        for (int p = 0; p < 2; p++) {
          Path site = tmp.resolve("site-" + p);
          Path wav;
          try (Stream<Path> files = Files.walk(site.resolve("recordings"))) {
            wav = files.filter(f -> f.toString().endsWith(".wav")).sorted().findFirst().get();
          }
          try (Recognizer r = Recognizer.load(site.resolve("party").resolve("model"))) {
            assertEquals(9, r.classNames().size());
            RecordingPrediction pr = r.predict(wav);
            assertTrue(r.classNames().contains(pr.predictedClass()), pr.toString());
            assertTrue(pr.probability() > 0 && pr.probability() <= 1, pr.toString());
          }
        }
      } finally {
        try (AuditLog log = new AuditLog(tmp.resolve("stop-audit.csv"));
            Coordinator c = new Coordinator(certs, addresses, log)) {
          c.stopAll(null);
        }
      }
    }
  }

  @Test
  void badPartiesEntriesAreUsageErrorsNamingTheEntry(@TempDir Path tmp) {
    for (String bad : List.of("127.0.0.1", "127.0.0.1:port")) {
      StringWriter err = new StringWriter();
      int code =
          run(
              err,
              "collab",
              "train",
              "--certs",
              tmp.toString(),
              "--parties",
              "127.0.0.1:7001," + bad,
              "--epochs",
              "1",
              "--audit",
              tmp.resolve("audit.csv").toString());
      assertEquals(ExitCodes.USAGE, code, err.toString());
      assertTrue(err.toString().contains("'" + bad + "'"), err.toString());
      err = new StringWriter();
      code =
          run(
              err,
              "collab",
              "export",
              "--certs",
              tmp.toString(),
              "--parties",
              bad,
              "--audit",
              tmp.resolve("audit.csv").toString());
      assertEquals(ExitCodes.USAGE, code, err.toString());
      assertTrue(err.toString().contains("'" + bad + "'"), err.toString());
    }
    StringWriter err = new StringWriter();
    assertEquals(
        ExitCodes.USAGE,
        run(err, "collab", "train", "--certs", tmp.toString(), "--parties", "h:1"),
        err.toString());
    assertTrue(err.toString().contains("--epochs"), err.toString());
  }
}
