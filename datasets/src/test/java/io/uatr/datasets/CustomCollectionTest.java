package io.uatr.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.config.ConfigReader;
import io.uatr.dsp.io.SampleFormat;
import io.uatr.dsp.io.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomCollectionTest {
  @TempDir Path tmp;

  private static void wav(Path p, double seconds) throws IOException {
    Files.createDirectories(p.getParent());
    WavWriter.write(p, new float[(int) (seconds * 100)], 100, 1, SampleFormat.PCM_S16);
  }

  static CollectionConfig config(Map<String, Object> m) {
    return CollectionConfig.fromConfig(new ConfigReader(m, "dataset"));
  }

  @Test
  void folderPerClassWithSizes() throws IOException {
    for (String cls : List.of("whale", "boat")) {
      for (int i = 0; i < 4; i++) {
        wav(tmp.resolve(cls + "/sub/" + i + ".wav"), 1 + i);
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", tmp.toString());
    m.put("sizes", Map.of("boat", 2, "whale", 3));
    DatasetSplits s = CustomCollection.load(config(m));
    assertEquals(List.of("boat", "whale"), s.labels().classes());
    assertEquals(8, s.train().size() + s.test().size());
    assertEquals(2, s.test().size());
    Recording r = s.train().get(0);
    assertEquals(r.label().equals("boat") ? 2 : 3, r.size());
    assertEquals("large", s.sizes().levels().get(3));
  }

  @Test
  void manifestWithSplitSizeAndExtraColumns() throws IOException {
    wav(tmp.resolve("a.wav"), 1);
    wav(tmp.resolve("d/b.wav"), 2);
    wav(tmp.resolve("c.wav"), 3);
    Files.writeString(
        tmp.resolve("m.csv"),
        "path,label,size,split,ship,range\n"
            + "a.wav,Tug,2,train,\"SEASPAN, RAVEN\",40\n"
            + "d/b.wav,Cargo,3,test,OTHER,\n"
            + "c.wav,Tug,2,TEST,\"SEASPAN, RAVEN\",\"1\"\"5\"\n");
    DatasetSplits s =
        CustomCollection.load(config(Map.of("manifest", tmp.resolve("m.csv").toString())));
    assertEquals(List.of("Cargo", "Tug"), s.labels().classes());
    assertEquals(1, s.train().size());
    assertEquals(2, s.test().size());
    Recording a = s.train().get(0);
    assertEquals("a.wav", a.id());
    assertEquals(2, a.size());
    assertEquals("SEASPAN, RAVEN", a.ship());
    assertEquals("40", a.metadata().get("range"));
    assertEquals("1\"5", s.test().get(1).metadata().get("range"));
    assertEquals(List.of("train", "test"), s.leakage().ships().get("SEASPAN, RAVEN"));
  }

  @Test
  void manifestProblemsAndFormatErrors() throws IOException {
    wav(tmp.resolve("a.wav"), 1);
    Files.write(tmp.resolve("bad.wav"), new byte[] {1, 2, 3});
    Files.writeString(tmp.resolve("m.csv"), "path,label\na.wav,X\nmissing.wav,X\nbad.wav,Y\n");
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                CustomCollection.load(config(Map.of("manifest", tmp.resolve("m.csv").toString()))));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("missing.wav") && e.getMessage().contains("bad.wav"));
    DatasetSplits s =
        CustomCollection.load(
            config(Map.of("manifest", tmp.resolve("m.csv").toString(), "on_error", "skip")));
    assertEquals(1, s.train().size() + s.test().size());
    Files.writeString(tmp.resolve("n.csv"), "path,label,split\na.wav,X,validation\n");
    DatasetException f =
        assertThrows(
            DatasetException.class,
            () ->
                CustomCollection.load(config(Map.of("manifest", tmp.resolve("n.csv").toString()))));
    assertTrue(f.getMessage().contains("n.csv line 2"), f.getMessage());
  }
}
