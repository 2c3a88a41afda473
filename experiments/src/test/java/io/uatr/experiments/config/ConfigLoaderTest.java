package io.uatr.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void extendsDeepMergesAndSetOverrides() throws Exception {
    write("base/features.yaml", "features:\n  type: logmel\n  n_mels: 128\n  hop_length: 512\n");
    Path top = write("exp.yaml", "extends: base/features.yaml\nseed: 3\nfeatures:\n  n_mels: 64\n");
    ConfigSource s = ConfigLoader.load(top, List.of("features.hop_length=256", "model.type=m3"));
    ConfigReader f = s.section("features");
    assertEquals("logmel", f.getString("type", null));
    assertEquals(64, f.getInt("n_mels", 0));
    assertEquals(256, f.getInt("hop_length", 0));
    assertEquals(3, s.root().getInt("seed", 0));
    assertEquals("m3", s.section("model").getString("type", null));
    assertEquals("file " + top + ", line 4", s.originOf("features.n_mels"));
    assertTrue(s.originOf("features.type").endsWith("features.yaml, line 2"));
    assertEquals("--set features.hop_length=256", s.originOf("features.hop_length"));
  }

  @Test
  void errorsNameKeyFileAndLine() throws Exception {
    Path f = write("a.yaml", "features:\n  type: logmel\n  n_melz: 64\n");
    ConfigSource s = ConfigLoader.load(f, List.of());
    ConfigReader r = s.section("features");
    r.getString("type", null);
    ConfigException e = assertThrows(ConfigException.class, r::rejectUnknown);
    String msg = s.describe(e);
    assertTrue(msg.startsWith("features.n_melz: unknown key"), msg);
    assertTrue(msg.endsWith("a.yaml, line 3)"), msg);
  }

  @Test
  void duplicateKeysCyclesAndSyntaxErrorsAreReported() throws Exception {
    Path dup = write("dup.yaml", "features:\n  n_mels: 1\n  n_mels: 2\n");
    ConfigException d =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(dup, List.of()));
    assertTrue(d.getMessage().contains("n_mels"), d.getMessage());
    Path a = write("c1.yaml", "extends: c2.yaml\n");
    write("c2.yaml", "extends: c1.yaml\n");
    ConfigException c = assertThrows(ConfigException.class, () -> ConfigLoader.load(a, List.of()));
    assertTrue(c.getMessage().contains("cycle"), c.getMessage());
    Path bad = write("bad.yaml", "features: [1, 2\n");
    ConfigException b =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(bad, List.of()));
    assertTrue(b.getMessage().contains("bad.yaml, line"), b.getMessage());
    ConfigException m =
        assertThrows(
            ConfigException.class, () -> ConfigLoader.load(dir.resolve("nope.yaml"), List.of()));
    assertTrue(m.getMessage().contains("not found"), m.getMessage());
  }

  @Test
  void setValuesAreTyped() {
    ConfigSource s =
        ConfigLoader.load(
            null, List.of("a.n=5", "a.x=0.25", "a.b=true", "a.s=hello", "a.l=[1, 2]", "a.z=null"));
    Map<String, Object> a = s.section("a").asMap();
    assertEquals(5, a.get("n"));
    assertEquals(0.25, a.get("x"));
    assertEquals(true, a.get("b"));
    assertEquals("hello", a.get("s"));
    assertEquals(List.of(1, 2), a.get("l"));
    assertEquals(null, a.get("z"));
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of("oops")));
    assertTrue(e.getMessage().contains("key.path=value"));
  }
}
