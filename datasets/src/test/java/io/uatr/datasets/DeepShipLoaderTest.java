package io.uatr.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.config.ConfigReader;
import io.uatr.dsp.io.SampleFormat;
import io.uatr.dsp.io.WavWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeepShipLoaderTest {
  @TempDir Path tmp;

  static DeepShipConfig config(Path root, Map<String, Object> extra) {
    Map<String, Object> m = new LinkedHashMap<>(extra);
    m.put("path", root.toString());
    return DeepShipConfig.fromConfig(new ConfigReader(m, "dataset"));
  }

  @Test
  void readsThePublicSampleWithItsMetafiles() throws IOException {
    Path sample = SharedTestData.deepShipSample();
    DatasetSplits s = DeepShipLoader.load(config(sample, Map.of("seed", 3)));
    assertEquals(List.of("Cargo", "Passengership", "Tanker", "Tug"), s.labels().classes());
    List<Recording> all = new java.util.ArrayList<>(s.train());
    all.addAll(s.test());
    long wavs;
    try (var st = Files.walk(sample)) {
      wavs = st.filter(p -> p.toString().endsWith(".wav")).count();
    }
    assertEquals(wavs, all.size());
    Recording p12 =
        all.stream().filter(r -> r.id().equals("Passengership/12")).findFirst().orElseThrow();
    assertEquals(32000, p12.sampleRate());
    assertEquals(1, p12.classIndex());
    String line12 =
        Files.readAllLines(
                sample.resolve("Passengership/passengership-metafile"), StandardCharsets.ISO_8859_1)
            .stream()
            .filter(l -> l.startsWith("12,"))
            .findFirst()
            .orElseThrow();
    String[] f = line12.split(",");
    assertEquals(f[2].trim(), p12.ship());
    assertEquals(f[1].trim(), p12.metadata().get("ais_type"));
    assertEquals(f[3].trim(), p12.metadata().get("date"));
    assertTrue(s.leakage().clean(), s.leakage().toString());
    assertTrue(!s.test().isEmpty());
  }

  private static void wav(Path p, double seconds) throws IOException {
    Files.createDirectories(p.getParent());
    WavWriter.write(p, new float[(int) (seconds * 100)], 100, 1, SampleFormat.FLOAT32);
  }

  @Test
  void nestedLayoutKeepsRecordingFoldersTogether() throws IOException {
    for (String cls : List.of("Cargo", "Tug")) {
      for (int rec = 1; rec <= 4; rec++) {
        for (String hhmmss : List.of("120000", "120500", "121000")) {
          wav(tmp.resolve(cls + "/" + cls.toLowerCase() + "-rec" + rec + "/" + hhmmss + ".wav"), 1);
        }
      }
    }
    DatasetSplits s =
        DeepShipLoader.load(
            config(tmp, Map.of("test_fraction", 0.25, "sizes", Map.of("Cargo", 3, "Tug", 2))));
    assertEquals(24, s.train().size() + s.test().size());
    s.train().forEach(r -> assertEquals(r.label().equals("Cargo") ? 3 : 2, r.size()));
    assertEquals(6, s.test().size(), "one folder of three files per class");
    Set<String> testGroups = new HashSet<>();
    s.test().forEach(r -> testGroups.add(r.metadata().get(Recording.GROUP)));
    s.train().forEach(r -> assertTrue(!testGroups.contains(r.metadata().get(Recording.GROUP))));
    assertEquals(2, testGroups.size());
  }

  @Test
  void unreadableFilesAreListedOrSkipped() throws IOException {
    wav(tmp.resolve("Tanker/1.wav"), 1);
    wav(tmp.resolve("Tanker/2.wav"), 1);
    Files.write(tmp.resolve("Tanker/3.wav"), new byte[] {'R', 'I', 'F', 'F'});
    Files.write(
        tmp.resolve("Tanker/tanker-metafile"),
        "1,80,A SHIP,20160509,123109,1,2,\r\n".getBytes(StandardCharsets.ISO_8859_1));
    DatasetException e =
        assertThrows(DatasetException.class, () -> DeepShipLoader.load(config(tmp, Map.of())));
    assertTrue(e.getMessage().contains("Tanker/3.wav"), e.getMessage());
    DatasetSplits s = DeepShipLoader.load(config(tmp, Map.of("on_error", "skip")));
    assertEquals(2, s.train().size() + s.test().size());
    assertEquals(1, s.problems().size());
  }
}
