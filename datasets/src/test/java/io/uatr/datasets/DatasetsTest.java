package io.uatr.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.datasets.synth.SynthConfig;
import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  @TempDir Path tmp;

  static Map<String, Object> synthSection(Path dir, int perClass) {
    Map<String, Object> synth = new LinkedHashMap<>();
    synth.put("recordings_per_class", perClass);
    synth.put("duration_s", List.of(1, 1));
    synth.put("test_fraction", 0.5);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "synth");
    m.put("path", dir.toString());
    m.put("synth", synth);
    return m;
  }

  @Test
  void synthTypeGeneratesOnceThenLoads() throws Exception {
    Path dir = tmp.resolve("synth");
    DatasetSplits a = Datasets.load(new ConfigReader(synthSection(dir, 2), "dataset"));
    assertEquals(18, a.train().size() + a.test().size());
    Path meta = dir.resolve("meta_info.tsv");
    Files.setLastModifiedTime(meta, FileTime.fromMillis(1000));
    DatasetSplits b = Datasets.load(new ConfigReader(synthSection(dir, 2), "dataset"));
    assertEquals(
        1000, Files.getLastModifiedTime(meta).toMillis(), "same settings: not regenerated");
    assertEquals(a.test().size(), b.test().size());
    SynthConfig three =
        SynthConfig.fromConfig(
            new ConfigReader(Map.of("recordings_per_class", 3, "duration_s", List.of(1, 1)), ""));
    assertTrue(Datasets.ensureSynth(three, dir));
    assertFalse(Datasets.ensureSynth(three, dir));
  }

  @Test
  void typeAndDelegatedKeysAreNamed() {
    assertEquals(
        "dataset.type",
        assertThrows(
                ConfigException.class,
                () -> Datasets.load(new ConfigReader(Map.of("type", "wav"), "dataset")))
            .keyPath());
    assertEquals(
        "dataset.path",
        assertThrows(
                ConfigException.class,
                () -> Datasets.load(new ConfigReader(Map.of("type", "shipsear"), "dataset")))
            .keyPath());
    Map<String, Object> bad = synthSection(tmp, 1);
    ((Map<String, Object>) bad.get("synth")).put("seeed", 1);
    assertEquals(
        "dataset.synth.seeed",
        assertThrows(ConfigException.class, () -> Datasets.load(new ConfigReader(bad, "dataset")))
            .keyPath());
  }
}
