package io.uatr.experiments.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.config.ConfigException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A resume with another device, thread count or library version is refused, naming it. */
class ResumeCheckTest {

  static Map<String, Object> prov(int threads, String java) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("device", "cpu()");
    m.put("intra_op_threads", threads);
    m.put("interop_threads", 1);
    m.put("djl_version", "0.36.0");
    m.put("engine", "PyTorch");
    m.put("engine_version", "2.7.1");
    m.put("java_version", java);
    m.put("os", "Linux amd64");
    m.put("cpu", "x");
    return m;
  }

  @Test
  void refusesOtherThreadCountsAndWarnsOnlyAboutTheJvm(@TempDir Path dir) throws Exception {
    RunFiles.writeJson(dir.resolve("provenance.json"), prov(2, "17.0.15"));
    assertDoesNotThrow(() -> ResumeCheck.check(dir, prov(2, "17.0.15")));
    assertDoesNotThrow(() -> ResumeCheck.check(dir, prov(2, "21.0.1")), "a warning only");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ResumeCheck.check(dir, prov(1, "17.0.15")));
    assertTrue(e.getMessage().contains("intra_op_threads was 2, is 1"), e.getMessage());
    assertTrue(e.getMessage().contains("provenance.json"), e.getMessage());
    Map<String, Object> other = prov(2, "17.0.15");
    other.put("engine_version", "2.5.1");
    other.put("device", "gpu(0)");
    String msg =
        assertThrows(ConfigException.class, () -> ResumeCheck.check(dir, other)).getMessage();
    assertTrue(msg.contains("device was cpu(), is gpu(0)") && msg.contains("engine_version"), msg);
  }

  @Test
  void aRunWithoutProvenanceResumes(@TempDir Path dir) {
    assertDoesNotThrow(() -> ResumeCheck.check(dir, prov(4, "17")));
  }
}
