package io.uatr.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import io.uatr.dsp.io.WavInfo;
import io.uatr.dsp.io.WavReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCorpusTest {
  @TempDir Path tmp;

  static SynthConfig small(long seed, int threads) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", seed);
    m.put("classes", List.of("Motorboat", "Ocean liner", "Natural ambient noise"));
    m.put("recordings_per_class", 3);
    m.put("duration_s", List.of(2, 3));
    m.put("interferer_probability", 0.5);
    m.put("threads", threads);
    m.put("test_fraction", 0.34);
    return SynthConfig.fromConfig(new ConfigReader(m, "dataset.synth"));
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void sameSeedGivesByteIdenticalFilesDifferentSeedDiffers() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Path c = tmp.resolve("c");
    SynthCorpus.generate(small(11, 1), a);
    SynthCorpus.generate(small(11, 2), b);
    SynthCorpus.generate(small(12, 2), c);
    List<Path> fa = files(a);
    List<Path> fb = files(b);
    assertEquals(
        fa.stream().map(Path::getFileName).toList(), fb.stream().map(Path::getFileName).toList());
    assertEquals(3 * 3 + 3, fa.size());
    for (int i = 0; i < fa.size(); i++) {
      if (!fa.get(i).getFileName().toString().equals("README.md")) {
        assertArrayEquals(
            Files.readAllBytes(fa.get(i)), Files.readAllBytes(fb.get(i)), fa.get(i).toString());
      }
    }
    byte[] wavA = Files.readAllBytes(fa.get(0));
    Path other = c.resolve(fa.get(0).getFileName());
    assertFalse(
        Files.exists(other) && Arrays.equals(wavA, Files.readAllBytes(other)),
        "seed 12 must give different audio");
    assertFalse(
        Files.readString(a.resolve("meta_info.tsv"))
            .equals(Files.readString(c.resolve("meta_info.tsv"))));
  }

  @Test
  void metadataAndSplitTablesParseBackInTheShipsEarLayout() throws IOException {
    SynthSummary s = SynthCorpus.generate(small(5, 2), tmp);
    List<String> meta = Files.readAllLines(tmp.resolve("meta_info.tsv"), StandardCharsets.UTF_8);
    String shipsEarHeader;
    try (InputStream in =
        getClass().getResourceAsStream("/io/uatr/datasets/shipsear/meta_info.tsv")) {
      shipsEarHeader = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")[0];
    }
    List<String> header = List.of(meta.get(0).split("\t"));
    assertEquals(List.of(shipsEarHeader.strip().split("\t")), header.subList(0, 8));
    for (String gt :
        List.of(
            "length_m", "speed_kn", "shaft_hz", "blades", "bpf_hz", "range_m", "depth_m", "wind")) {
      assertTrue(header.contains(gt), gt);
    }
    assertEquals(9, meta.size() - 1);
    Set<String> ids = new HashSet<>();
    for (String line : meta.subList(1, meta.size())) {
      String[] f = line.split("\t", -1);
      assertEquals(header.size(), f.length);
      ids.add(f[0]);
      List<Path> wav;
      try (Stream<Path> st = Files.list(tmp)) {
        wav = st.filter(p -> p.getFileName().toString().startsWith(f[0] + "__")).toList();
      }
      assertEquals(1, wav.size(), "one WAV named <ID>__... for id " + f[0]);
      WavInfo info = WavReader.info(wav.get(0));
      assertEquals(52734, info.sampleRate());
      assertEquals(1, info.channels());
      assertEquals(
          Double.parseDouble(f[header.indexOf("duration_s")]), info.durationSeconds(), 1e-3);
      if (!f[1].equals(ClassPrior.AMBIENT)) {
        double shaft = Double.parseDouble(f[header.indexOf("shaft_hz")]);
        int blades = Integer.parseInt(f[header.indexOf("blades")]);
        assertEquals(shaft * blades, Double.parseDouble(f[header.indexOf("bpf_hz")]), 1e-3);
      }
    }
    List<String> split = Files.readAllLines(tmp.resolve("splits.tsv"), StandardCharsets.UTF_8);
    assertEquals("split_name\tpart\tids", split.get(0));
    Set<String> train = new HashSet<>(Arrays.asList(split.get(1).split("\t")[2].split(",")));
    Set<String> test = new HashSet<>(Arrays.asList(split.get(2).split("\t")[2].split(",")));
    assertEquals("3class\ttrain", split.get(1).substring(0, split.get(1).lastIndexOf('\t')));
    assertEquals("3class\ttest", split.get(2).substring(0, split.get(2).lastIndexOf('\t')));
    Set<String> union = new HashSet<>(train);
    union.addAll(test);
    assertEquals(ids, union);
    assertEquals(9, train.size() + test.size(), "train and test are disjoint");
    // one test recording per class (3 x 0.34 rounds to 1)
    List<String> testLabels = new ArrayList<>();
    for (SynthRecord r : s.records()) {
      if (test.contains(Integer.toString(r.id()))) {
        testLabels.add(r.label());
      }
    }
    assertEquals(3, new HashSet<>(testLabels).size());
    assertEquals(3, testLabels.size());
  }

  @Test
  void configNamesBadAndUnknownKeys() {
    ConfigException unknown =
        assertThrows(
            ConfigException.class,
            () -> SynthConfig.fromConfig(new ConfigReader(Map.of("sead", 3), "dataset.synth")));
    assertEquals("dataset.synth.sead", unknown.keyPath());
    ConfigException bad =
        assertThrows(
            ConfigException.class,
            () ->
                SynthConfig.fromConfig(
                    new ConfigReader(Map.of("recordings_per_class", 0), "dataset.synth")));
    assertEquals("dataset.synth.recordings_per_class", bad.keyPath());
    ConfigException cls =
        assertThrows(
            ConfigException.class,
            () ->
                SynthConfig.fromConfig(
                    new ConfigReader(Map.of("classes", List.of("Submarine")), "dataset.synth")));
    assertEquals("dataset.synth.classes", cls.keyPath());
    // class_balance: shipsear follows ShipsEar's recordings per type (30 passengers, 4 sailboats)
    SynthConfig sb =
        SynthConfig.fromConfig(new ConfigReader(Map.of("class_balance", "shipsear"), ""));
    Map<String, Integer> counts = sb.counts();
    // 85 recordings of the nine types; 72 x 30/85 = 25.4, 72 x 4/85 = 3.4, 72 x 12/85 = 10.2
    assertEquals(25, counts.get("Passengers"), counts.toString());
    assertEquals(3, counts.get("Sailboat"));
    assertEquals(10, counts.get(ClassPrior.AMBIENT));
    SynthConfig d = SynthConfig.defaults();
    assertEquals(52734, d.sampleRate());
    assertEquals(9, d.counts().size());
    assertEquals(72, d.counts().values().stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void clippingAtALowFullScaleIsCountedAndReported() throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("classes", List.of("Fishboat"));
    m.put("recordings_per_class", 1);
    m.put("duration_s", List.of(2, 2));
    m.put("full_scale_db", 110);
    SynthSummary s = SynthCorpus.generate(SynthConfig.fromConfig(new ConfigReader(m, "")), tmp);
    assertTrue(s.clippedSamples() > 0);
    assertEquals(1, s.clippedRecordings());
    String row = Files.readAllLines(tmp.resolve("meta_info.tsv")).get(1);
    assertEquals(Long.toString(s.clippedSamples()), row.substring(row.lastIndexOf('\t') + 1));
    float[] x =
        WavReader.readAll(
            tmp.resolve(s.records().get(0).fileName()), io.uatr.dsp.io.ChannelSelection.mixDown());
    for (float v : x) {
      assertTrue(v >= -1 && v <= 1);
    }
  }

  @Test
  void interfererAddsASecondDistantVesselToTheSameRecording() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("classes", List.of("Fishboat", "Motorboat"));
    m.put("duration_s", List.of(2, 2));
    m.put("interferer_probability", 1);
    SynthConfig with = SynthConfig.fromConfig(new ConfigReader(m, ""));
    m.put("interferer_probability", 0);
    SynthConfig without = SynthConfig.fromConfig(new ConfigReader(m, ""));
    for (int index = 0; index < 3; index++) {
      RecordingGenerator.Generated a = RecordingGenerator.generate(with, "Fishboat", index, 1);
      RecordingGenerator.Generated b = RecordingGenerator.generate(without, "Fishboat", index, 1);
      assertEquals("none", b.record().interferer());
      String[] it = a.record().interferer().split("@");
      assertTrue(List.of("Fishboat", "Motorboat").contains(it[0]), a.record().interferer());
      double range = Double.parseDouble(it[1].replace("m", ""));
      assertTrue(range >= 150 && range <= 500, "interferer CPA range " + range);
      assertEquals(b.record().shaftHz(), a.record().shaftHz(), 0, "same main vessel");
      double diff = 0;
      for (int i = 0; i < a.samples().length; i++) {
        double d = a.samples()[i] - b.samples()[i];
        diff += d * d;
      }
      assertTrue(diff > 0, "the interferer adds signal");
    }
  }
}
