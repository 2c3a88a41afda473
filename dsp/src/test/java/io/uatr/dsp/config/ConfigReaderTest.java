package io.uatr.dsp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

  @Test
  void readsTypedValuesWithDefaults() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n_mels", 64);
    m.put("fmax", "8000.5");
    m.put("htk", true);
    m.put("top_db", "none");
    ConfigReader r = new ConfigReader(m, "features");
    assertEquals(64, r.getInt("n_mels", 128));
    assertEquals(512, r.getInt("hop_length", 512));
    assertEquals(8000.5, r.getDouble("fmax", 0), 0);
    assertEquals(true, r.getBoolean("htk", false));
    assertNull(r.getDoubleOrNull("top_db"));
    r.rejectUnknown();
  }

  @Test
  void errorsNameTheFullKeyPath() {
    ConfigReader r = new ConfigReader(Map.of("n_mels", "many", "hop", 3), "features");
    ConfigException e = assertThrows(ConfigException.class, () -> r.getInt("n_mels", 128));
    assertEquals("features.n_mels", e.keyPath());
    assertEquals("features.n_mels: must be a number, was 'many'", e.getMessage());
    ConfigException u = assertThrows(ConfigException.class, r::rejectUnknown);
    assertEquals("features.hop", u.keyPath());
    ConfigReader frac = new ConfigReader(Map.of("n", 2.5), "");
    assertEquals("n", assertThrows(ConfigException.class, () -> frac.getInt("n", 1)).keyPath());
  }

  @Test
  void sectionsNest() {
    ConfigReader r =
        new ConfigReader(Map.of("model", Map.of("experts", List.of(1, 2))), "").section("model");
    assertEquals(List.of(1, 2), r.getList("experts", List.of()));
    ConfigReader bad = new ConfigReader(Map.of("model", 3), "");
    assertEquals(
        "model", assertThrows(ConfigException.class, () -> bad.section("model")).keyPath());
  }
}
