package io.uatr.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.config.ConfigReader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training process killed with SIGKILL in the middle of epoch 2 resumes from the epoch-1
 * checkpoint and ends with the same metrics as an uninterrupted run.
 */
class KillResumeTest {

  static TrainingConfig config() {
    Map<String, Object> m = new HashMap<>();
    m.put("epochs", 3);
    m.put("batch_size", 8);
    m.put("device", "cpu");
    m.put("optimizer", Map.of("type", "sgd", "lr", 0.05, "momentum", 0.9, "nesterov", true));
    m.put("schedule", Map.of("type", "step", "step_epochs", 1, "gamma", 0.5));
    m.put("augment", Map.of("cutmix_prob", 0.5, "gain_db", 3));
    m.put("balanced_sampling", true);
    return TrainingConfig.fromConfig(new ConfigReader(m, "training"));
  }

  static SegmentSet data() {
    return TinyData.make(3, 4, 3, 1, 8);
  }

  @Test
  void resumesAfterKillNine(@TempDir Path tmp) throws Exception {
    Path killed = tmp.resolve("killed");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    for (String p :
        List.of(
            "ai.djl.offline", "ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads")) {
      if (System.getProperty(p) != null) {
        cmd.add("-D" + p + "=" + System.getProperty(p));
      }
    }
    cmd.add(KillTarget.class.getName());
    cmd.add(killed.toString());
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
        if (line.equals("STALL")) {
          child.destroyForcibly(); // SIGKILL on Linux
          break;
        }
      }
    } finally {
      child.destroyForcibly();
      assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    }
    assertTrue(lines.contains("EPOCH 1") && lines.contains("STALL"), String.join("\n", lines));
    assertEquals(137, child.exitValue(), "killed by SIGKILL");
    assertEquals(1, Checkpoints.list(killed).size());
    assertEquals(1, MetricsCsv.read(killed.resolve(MultiTaskTrainer.METRICS_FILE)).size());

    List<EpochMetrics> resumed;
    try (MultiTaskTrainer t = new MultiTaskTrainer(TinyData.spec(3), config(), 42, killed)) {
      TrainingResult r = t.fit(data());
      assertEquals(1, r.resumedFromEpoch());
      resumed = r.history().stream().map(EpochMetrics::withoutTime).toList();
    }
    List<EpochMetrics> whole;
    try (MultiTaskTrainer t =
        new MultiTaskTrainer(TinyData.spec(3), config(), 42, tmp.resolve("whole"))) {
      whole = t.fit(data()).history().stream().map(EpochMetrics::withoutTime).toList();
    }
    assertEquals(3, whole.size());
    assertEquals(whole, resumed);
    assertTrue(
        Files.list(killed.resolve(Checkpoints.DIR))
            .noneMatch(p -> p.getFileName().toString().startsWith(".tmp")));
  }
}
