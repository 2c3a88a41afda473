package io.uatr.experiments.run;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Where a run came from: code version, library versions, seed, device and data split. */
public final class Provenance {
  private Provenance() {}

  /**
   * Collects the provenance of a run.
   *
   * @param seed the run's seed
   * @param device the training device, e.g. cpu()
   * @param splitHash hash of the data split
   * @param configHash hash of the resolved configuration
   * @return ordered keys and values for provenance.json
   */
  public static Map<String, Object> collect(
      long seed, String device, String splitHash, String configHash) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("git_commit", gitCommit(Path.of("").toAbsolutePath()));
    m.put("java_version", System.getProperty("java.version"));
    m.put("java_vendor", System.getProperty("java.vendor"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    m.put("processors", Runtime.getRuntime().availableProcessors());
    m.put("cpu", cpuModel());
    m.put("djl_version", Engine.getDjlVersion());
    Engine e = Engine.getInstance();
    m.put("engine", e.getEngineName());
    m.put("engine_version", e.getVersion());
    m.put("seed", seed);
    m.put("device", device);
    m.put("intra_op_threads", io.uatr.training.Devices.applyThreads(0));
    m.put("interop_threads", io.uatr.training.Devices.interopThreads());
    m.put("split_hash", splitHash);
    m.put("config_hash", configHash);
    m.put("started", Instant.now().toString());
    return m;
  }

  /** The CPU model name from /proc/cpuinfo, or the architecture where that is not readable. */
  static String cpuModel() {
    try {
      for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }

  /**
   * The git commit of the working directory ({@code git rev-parse HEAD}), with "+dirty" when
   * tracked files differ, or "unknown" outside a repository or without git.
   *
   * @param dir a directory inside the repository
   * @return the commit
   */
  public static String gitCommit(Path dir) {
    String head = git(dir, "rev-parse", "HEAD");
    if (head == null || head.isBlank()) {
      return "unknown";
    }
    String status = git(dir, "status", "--porcelain", "--untracked-files=no");
    return head.trim() + (status != null && !status.isBlank() ? "+dirty" : "");
  }

  private static String git(Path dir, String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "git";
    System.arraycopy(args, 0, cmd, 1, args.length);
    try {
      Process p =
          new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false).start();
      p.getOutputStream().close();
      p.getErrorStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroy();
        return null;
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
