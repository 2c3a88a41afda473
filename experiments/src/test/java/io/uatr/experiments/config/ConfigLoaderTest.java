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

  @Test
  void setTakesFlowMappingsAndListsThatReplaceTheSubtree() throws Exception {
    Path f =
        write(
            "sizes.yaml",
            "dataset:\n  path: /data\n  sizes:\n    Cargo: 3\n    Tug: 4\n  classes: [Cargo]\n");
    ConfigSource s =
        ConfigLoader.load(
            f,
            List.of(
                "dataset.sizes={Passengership: 1, Tanker: 2}",
                "dataset.classes=[Passengership, Tanker]",
                "model.widths=[8, 16, {a: 1}]"));
    ConfigReader d = s.section("dataset");
    assertEquals(Map.of("Passengership", 1, "Tanker", 2), d.section("sizes").asMap());
    assertEquals(List.of("Passengership", "Tanker"), d.getList("classes", null));
    assertEquals(List.of(8, 16, Map.of("a", 1)), s.section("model").getList("widths", null));
    assertEquals("/data", d.getString("path", null), "the rest of the section is kept");
    assertEquals(
        "--set dataset.sizes={Passengership: 1, Tanker: 2}", s.originOf("dataset.sizes.Tanker"));
    assertEquals(null, s.origins().get("dataset.sizes.Cargo"), "the old subtree is gone");
    // the loaders see a real mapping: this was "dataset.sizes: must be a mapping"
    io.uatr.datasets.DeepShipConfig c = io.uatr.datasets.DeepShipConfig.fromConfig(d);
    assertEquals(Map.of("Passengership", 1, "Tanker", 2), c.sizes());
    // a later --set of one key still merges into the mapping set before it
    ConfigSource t =
        ConfigLoader.load(f, List.of("dataset.sizes={Tanker: 2}", "dataset.sizes.Cargo=0"));
    assertEquals(Map.of("Tanker", 2, "Cargo", 0), t.section("dataset").section("sizes").asMap());
    ConfigException bad =
        assertThrows(
            ConfigException.class, () -> ConfigLoader.load(f, List.of("dataset.sizes={a: 1")));
    assertTrue(
        bad.getMessage().startsWith("dataset.sizes: --set dataset.sizes={a: 1"), bad.getMessage());
    ConfigException dup =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.load(f, List.of("dataset.sizes={a: 1, a: 2}")));
    assertTrue(dup.getMessage().contains("dataset.sizes"), dup.getMessage());
  }

  @Test
  void classTagsAreRefusedInFilesAndSetValues() throws Exception {
    Path global =
        write("global.yaml", "features:\n  type: logmel\n  n_mels: !!java.io.File /etc/passwd\n");
    ConfigException g =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(global, List.of()));
    assertTrue(g.getMessage().contains("global.yaml, line 3"), g.getMessage());
    assertTrue(g.getMessage().contains("java.io.File"), g.getMessage());
    Path gadget =
        write(
            "gadget.yaml",
            "model: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
                + " [[!!java.net.URL [\"http://localhost/\"]]]]\n");
    ConfigException sm =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(gadget, List.of()));
    assertTrue(sm.getMessage().contains("ScriptEngineManager"), sm.getMessage());
    Path local = write("local.yaml", "features:\n  window: !thing hann\n");
    ConfigException l =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(local, List.of()));
    assertTrue(l.getMessage().startsWith("features.window: the YAML tag !thing"), l.getMessage());
    assertTrue(l.getMessage().contains("local.yaml, line 2"), l.getMessage());
    ConfigException set =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.load(null, List.of("dataset.root=!!java.io.File /etc")));
    assertTrue(set.getMessage().startsWith("dataset.root: --set dataset.root="), set.getMessage());
    assertTrue(set.getMessage().contains("java.io.File"), set.getMessage());
    ConfigException setLocal =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.load(null, List.of("dataset.sizes={a: !thing 1}")));
    assertTrue(
        setLocal.getMessage().startsWith("dataset.sizes.a: the YAML tag"), setLocal.getMessage());
    // plain values with core tags still load
    Path plain = write("plain.yaml", "features:\n  n_mels: !!int 64\n  type: !!str 123\n");
    ConfigReader f = ConfigLoader.load(plain, List.of()).section("features");
    assertEquals(64, f.getInt("n_mels", 0));
    assertEquals("123", f.getString("type", null));
  }

  @Test
  void aliasBombsAreRefused() throws Exception {
    StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      y.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        y.append(i == 0 ? "" : ", ").append('*').append(prev);
      }
      y.append("]\n");
      prev = c;
    }
    Path bomb = write("laughs.yaml", y.toString());
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(bomb, List.of()));
    assertTrue(e.getMessage().contains("laughs.yaml"), e.getMessage());
  }
}
