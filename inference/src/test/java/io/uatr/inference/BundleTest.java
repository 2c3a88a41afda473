package io.uatr.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.datasets.SegmentConfig;
import io.uatr.models.spec.ModelType;
import io.uatr.models.spec.SizeHead;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {
  @TempDir Path dir;

  private static String message(Path p) {
    return assertThrows(BundleException.class, () -> Bundle.load(p).close()).getMessage();
  }

  @Test
  void manifestRoundTripsAndTheYamlIsReadable() throws IOException {
    Path b = TestBundles.write(dir.resolve("b"), 7);
    String yaml = Files.readString(b.resolve("bundle.yaml"));
    assertTrue(yaml.contains("format_version: 1"), yaml);
    assertTrue(yaml.contains("- cargo"), yaml);
    try (Bundle loaded = Bundle.load(b)) {
      BundleManifest m = loaded.manifest();
      BundleManifest expected = TestBundles.manifest(TestBundles.tinySpec());
      assertEquals(expected.model(), m.model());
      assertEquals(expected.classNames(), m.classNames());
      assertEquals(expected.sizeLabels(), m.sizeLabels());
      assertEquals(expected.features(), m.features());
      assertEquals(expected.segment(), m.segment());
      assertEquals(expected.sampleRate(), m.sampleRate());
      assertEquals(expected.inputBins(), m.inputBins());
      assertEquals(expected.inputFrames(), m.inputFrames());
      assertEquals(expected.normalization().toMap(), m.normalization().toMap());
      assertEquals(7, m.provenance().get("seed"));
    }
  }

  @Test
  void normalizationMapsRoundTripAndApply() {
    Normalization g = Normalization.fromMap(Normalization.global(-40, 10, 0).toMap());
    float[][] m = {{-50, -30}, {-40, -20}};
    g.applyInPlace(m);
    assertArrayEquals(new float[] {-1, 1}, m[0]);
    assertArrayEquals(new float[] {0, 2}, m[1]);
    Normalization pb =
        Normalization.fromMap(
            Normalization.perBin(new double[] {1, 2}, new double[] {2, 4}, 0).toMap());
    float[][] k = {{3, 1}, {6, 2}};
    pb.applyInPlace(k);
    assertArrayEquals(new float[] {1, 0}, k[0]);
    assertArrayEquals(new float[] {1, 0}, k[1]);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Normalization.fromMap(java.util.Map.of("mode", "zscore")));
    assertTrue(e.getMessage().contains("normalization.mode"), e.getMessage());
  }

  @Test
  void zipBundlePredictsLikeTheDirectoryAndCleansUp() throws IOException {
    Path b = TestBundles.write(dir.resolve("b"), 7);
    Path zip = dir.resolve("b.zip");
    BundleZip.pack(b, zip);
    float[] x = TestAudio.signal(1.7, TestFeatures.SR, 300, 1);
    Path extracted;
    try (Recognizer d = Recognizer.load(b);
        Recognizer z = Recognizer.load(zip)) {
      assertArrayEquals(
          d.predict(x, TestFeatures.SR, PredictOptions.defaults()).classProbabilities(),
          z.predict(x, TestFeatures.SR, PredictOptions.defaults()).classProbabilities());
      try (Bundle zb = Bundle.load(zip)) {
        extracted = zb.directory();
        assertTrue(Files.exists(extracted.resolve("bundle.yaml")));
      }
    }
    assertFalse(Files.exists(extracted), "extracted copy deleted on close");
  }

  @Test
  void writerReplacesABundleButNeverOtherFiles() throws IOException {
    Path b = TestBundles.write(dir.resolve("b"), 7);
    TestBundles.write(b, 8);
    try (Bundle loaded = Bundle.load(b)) {
      assertEquals(8, loaded.manifest().provenance().get("seed"));
    }
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(other.resolve("keep.txt"), "x");
    assertThrows(BundleException.class, () -> TestBundles.write(other, 7));
    assertTrue(Files.exists(other.resolve("keep.txt")));
    try (var s = Files.list(dir)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp")), "no temp left");
    }
  }

  @Test
  void badBundlesSayWhatIsWrong() throws IOException {
    assertTrue(message(dir.resolve("nope")).contains("not found"));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertTrue(message(empty).contains("no bundle.yaml"), message(empty));

    Path b = TestBundles.write(dir.resolve("b"), 7);
    Path yaml = b.resolve("bundle.yaml");
    String good = Files.readString(yaml);

    Files.writeString(yaml, good.replace("format_version: 1", "format_version: 2"));
    String m = message(b);
    assertTrue(m.contains("format version 2") && m.contains("version 1"), m);

    Files.writeString(yaml, good.replace("type: m3", "type: transformer"));
    m = message(b);
    assertTrue(m.contains("model.spec") && m.contains("transformer"), m);

    Files.writeString(yaml, good.replace("- tug\n", ""));
    m = message(b);
    assertTrue(m.contains("labels.classes"), m);

    Files.writeString(yaml, good.replace("hop_s:", "hop_z:"));
    m = message(b);
    assertTrue(m.contains("segment.hop_s"), m);

    Files.writeString(yaml, "format_version: 1\nmodel: [oops");
    m = message(b);
    assertTrue(m.contains("invalid YAML"), m);

    Files.writeString(yaml, good);
    Files.delete(b.resolve("model-0000.params"));
    m = message(b);
    assertTrue(m.contains("model-NNNN.params is missing"), m);

    Path notZip = Files.writeString(dir.resolve("x.zip"), "plain text, not a zip");
    m = message(notZip);
    assertTrue(m.contains("not a zip"), m);
  }

  @Test
  void bundleYamlWithAClassTagIsRefused() throws IOException {
    String[] evil = {
      "evil: !!java.io.File /etc/passwd",
      "evil: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
          + " [[!!java.net.URL [\"http://localhost/\"]]]]",
      "evil: !thing x"
    };
    for (int i = 0; i < evil.length; i++) {
      Path b = TestBundles.write(dir.resolve("tag" + i), 7);
      Path yaml = b.resolve("bundle.yaml");
      Files.writeString(
          yaml,
          Files.readString(yaml).replace("format_version: 1", "format_version: 1\n" + evil[i]));
      String m = message(b);
      assertTrue(m.contains("bundle.yaml: invalid YAML"), m);
      assertTrue(m.contains(i == 2 ? "!thing" : "Global tag is not allowed"), m);
      Path zip = dir.resolve("tag" + i + ".zip");
      BundleZip.pack(b, zip);
      String z = message(zip);
      assertTrue(z.startsWith(zip + " (zip): "), z);
      assertTrue(z.contains("invalid YAML"), z);
    }
  }

  @Test
  void parametersOfAnotherSpecAreRejected() throws IOException {
    Path b = TestBundles.write(dir.resolve("b"), 7);
    Path yaml = b.resolve("bundle.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("width: 4", "width: 6"));
    try (Bundle loaded = Bundle.load(b)) {
      BundleException e = assertThrows(BundleException.class, () -> Recognizer.of(loaded));
      assertTrue(e.getMessage().contains("parameters do not fit"), e.getMessage());
    }
  }

  @Test
  void zipEntriesEscapingTheTargetAreRejectedBeforeWriting() throws IOException {
    for (String evil : new String[] {"../evil.txt", "a/../../evil.txt", "/tmp/evil-abs.txt"}) {
      Path zip = dir.resolve("evil.zip");
      try (OutputStream os = Files.newOutputStream(zip);
          ZipOutputStream z = new ZipOutputStream(os)) {
        z.putNextEntry(new ZipEntry(evil));
        z.write("boom".getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
      Path target = Files.createDirectories(dir.resolve("t/inner"));
      BundleException e = assertThrows(BundleException.class, () -> BundleZip.extract(zip, target));
      assertTrue(e.getMessage().contains("outside the target"), e.getMessage());
      assertFalse(Files.exists(dir.resolve("t/evil.txt")));
      assertFalse(Files.exists(dir.resolve("evil.txt")));
      assertTrue(message(zip).contains("outside the target"));
    }
  }

  @Test
  void manifestValidationNamesKeys() {
    var spec =
        TestBundles.tinySpec().toBuilder().type(ModelType.SINGLE_TASK).sizeHead(SizeHead.NONE);
    BundleManifest ok = TestBundles.manifest(spec.build());
    assertTrue(ok.sizeLabels().isEmpty());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new BundleManifest(
                    1,
                    ok.model(),
                    "model",
                    ok.classNames(),
                    ok.sizeLabels(),
                    ok.features(),
                    0,
                    new SegmentConfig(
                        1, 1, SegmentConfig.Policy.DROP, 0, SegmentConfig.Policy.DROP),
                    ok.normalization(),
                    ok.inputBins(),
                    ok.inputFrames(),
                    null,
                    null));
    assertTrue(e.getMessage().contains("audio.sample_rate"), e.getMessage());
  }
}
