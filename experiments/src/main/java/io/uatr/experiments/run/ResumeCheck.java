package io.uatr.experiments.run;

import io.uatr.dsp.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the provenance of a run about to be resumed with the one recorded when it started. A
 * resumed run continues bit for bit only on the same device, thread counts and library versions:
 * when any of {@link #STRICT} differs the resume is refused (a configuration error, exit 2) naming
 * every difference; a difference in {@link #WARN} (the JVM, the operating system, the CPU) is
 * logged as a warning.
 */
public final class ResumeCheck {

  private static final Logger LOG = LoggerFactory.getLogger(ResumeCheck.class);

  /** Provenance keys that must match for a resume. */
  public static final List<String> STRICT =
      List.of(
          "device",
          "intra_op_threads",
          "interop_threads",
          "djl_version",
          "engine",
          "engine_version");

  /** Provenance keys whose difference is only warned about. */
  public static final List<String> WARN = List.of("java_version", "os", "cpu");

  private ResumeCheck() {}

  /**
   * Checks {@code now} against the provenance saved in {@code dir/provenance.json}, if any.
   *
   * @param dir run directory holding a checkpoint to resume
   * @param now the provenance of this process
   * @throws ConfigException naming the provenance file and each strict difference
   * @throws IOException when the saved provenance cannot be read
   */
  public static void check(Path dir, Map<String, Object> now) throws IOException {
    Path f = dir.resolve("provenance.json");
    if (!Files.isRegularFile(f)) {
      return;
    }
    Map<String, Object> then = RunFiles.readJson(f);
    List<String> strict = differences(then, now, STRICT);
    List<String> warn = differences(then, now, WARN);
    if (!warn.isEmpty()) {
      LOG.warn("resuming {} on another machine setup: {}", dir, String.join("; ", warn));
    }
    if (!strict.isEmpty()) {
      throw new ConfigException(
          f.toString(),
          "cannot resume bit for bit: "
              + String.join("; ", strict)
              + " (resume with the same settings, e.g. --set training.threads=N, or start a new"
              + " run directory)");
    }
  }

  static List<String> differences(
      Map<String, Object> then, Map<String, Object> now, List<String> keys) {
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      Object a = then.get(k);
      Object b = now.get(k);
      if (a != null && !Objects.equals(String.valueOf(a), String.valueOf(b))) {
        out.add(k + " was " + a + ", is " + b);
      }
    }
    return out;
  }
}
