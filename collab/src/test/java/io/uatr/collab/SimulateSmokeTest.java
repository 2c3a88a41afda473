package io.uatr.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of configs/experiments/synthetic-collab.yaml on a tiny corpus: three party processes,
 * the three settings, results.csv, report.md with the attack, bundles and audit logs.
 */
class SimulateSmokeTest {

  @Test
  void threeProcessesThreeSettingsAndTheirFiles(@TempDir Path tmp) throws Exception {
    String repo = System.getenv().getOrDefault("UATR_REPO_ROOT", "..");
    Path base =
        Path.of(repo)
            .toAbsolutePath()
            .normalize()
            .resolve("configs/experiments/synthetic-collab.yaml");
    Path out = tmp.resolve("out");
    Path config = tmp.resolve("tiny-collab.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "extends: " + base,
            "seeds: [1]",
            "dataset:",
            "  root: " + tmp.resolve("synth"),
            "  cache_dir: " + tmp.resolve("cache"),
            "  synth: {recordings_per_class: 4, duration_s: [5, 6]}",
            "training: {epochs: 1, batch_size: 8}",
            "output: {dir: " + out + "}",
            ""));
    Simulation.Result r =
        Simulation.run(
            config,
            List.of(),
            new Simulation.Display() {
              @Override
              public void status(String text) {}

              @Override
              public Coordinator.Listener rounds(long seed) {
                return new Coordinator.Listener() {};
              }
            });
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertEquals(String.join(",", ResultRow.HEADER), csv.get(0));
    assertEquals(1 + 9, csv.size(), String.join("\n", csv));
    for (String setting : List.of("centralised", "alone", "collaborative")) {
      assertEquals(3, csv.stream().filter(l -> l.startsWith(setting + ",")).count(), setting);
    }
    for (ResultRow row : r.rows()) {
      assertTrue(row.r().peakHeapBytes() > 0);
      if (row.setting().equals("collaborative")) {
        assertTrue(row.r().parametersHeld() < r.fullParameters(), row.toString());
      } else {
        assertEquals(r.fullParameters(), row.r().parametersHeld(), row.toString());
      }
    }
    String report = Files.readString(out.resolve("report.md"));
    assertTrue(report.contains("SYNTHETIC"));
    assertTrue(report.contains("Reconstruction attack"), report);
    assertEquals(1 + 4, Files.readAllLines(out.resolve("attack.csv")).size());
    Set<String> allowed =
        Set.of(
            "ACTIVATION",
            "EXPERT_OUTPUT",
            "OUTPUT_GRADIENT",
            "ACTIVATION_GRADIENT",
            "GRAD_NORM",
            "UPDATE",
            "WEIGHTS_REQUEST",
            "EXPERT_WEIGHTS",
            "ACK",
            "PEERS",
            "STATUS",
            "RESTORE",
            "ALONE",
            "STEP",
            "COMMIT",
            "FINISH",
            "STOP");
    for (int p = 0; p < 3; p++) {
      Path dir = out.resolve("seed-1").resolve("party-" + p);
      assertTrue(Files.isRegularFile(dir.resolve("model").resolve("bundle.yaml")), "bundle " + p);
      List<String> audit = Files.readAllLines(dir.resolve("audit.csv"));
      assertTrue(audit.size() > 10);
      for (String line : audit.subList(1, audit.size())) {
        String[] f = line.split(",");
        assertTrue(allowed.contains(f[2]), line);
        assertTrue(f[1].equals("coordinator") || f[1].matches("party-[0-2]"), line);
      }
    }
  }
}
