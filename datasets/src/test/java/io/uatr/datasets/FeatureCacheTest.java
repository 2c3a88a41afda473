package io.uatr.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.io.SampleFormat;
import io.uatr.dsp.io.WavWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {
  @TempDir Path tmp;

  static Recording rec(Path wav) {
    return new Recording(wav, "1", "A", 0, 0, Map.of(), 1, 100, 0, 1);
  }

  static float[][] matrix(int rows, int cols) {
    float[][] m = new float[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        m[r][c] = (float) Math.sin(r * 0.37 + c * 0.011) * (r + 1);
      }
    }
    return m;
  }

  static boolean equal(float[][] m, CachedFeatures c) {
    if (c.rows() != m.length || c.cols() != m[0].length) {
      return false;
    }
    for (int r = 0; r < m.length; r++) {
      for (int k = 0; k < m[0].length; k++) {
        if (Float.floatToIntBits(m[r][k]) != Float.floatToIntBits(c.get(r, k))) {
          return false;
        }
      }
    }
    return true;
  }

  private Path wav() throws IOException {
    Path p = tmp.resolve("x.wav");
    WavWriter.write(p, new float[100], 100, 1, SampleFormat.PCM_S16);
    return p;
  }

  @Test
  void computesOnceThenReadsTheMappedFile() throws IOException {
    FeatureCache cache = new FeatureCache(tmp.resolve("cache"));
    Recording r = rec(wav());
    float[][] m = matrix(3, 5);
    AtomicInteger calls = new AtomicInteger();
    CachedFeatures a =
        cache.getOrCompute(
            r,
            "n_mels=3",
            () -> {
              calls.incrementAndGet();
              return m;
            });
    CachedFeatures b =
        cache.getOrCompute(
            r,
            "n_mels=3",
            () -> {
              calls.incrementAndGet();
              return m;
            });
    assertEquals(1, calls.get());
    assertTrue(equal(m, a) && equal(m, b));
    assertArrayEquals(m[2], b.toArray()[2]);
    // independent decoding of the documented layout
    ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(b.file())).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[8];
    raw.get(magic);
    assertEquals("UATRFC01", new String(magic, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(3, raw.getInt());
    assertEquals(5, raw.getInt());
    assertEquals(m[1][4], raw.getFloat(16 + 4 * (1 * 5 + 4)), 0);
    assertEquals(16 + 4 * 15, raw.capacity());
    cache.getOrCompute(
        r,
        "n_mels=4",
        () -> {
          calls.incrementAndGet();
          return m;
        });
    assertEquals(2, calls.get(), "another feature config misses");
    assertNotEquals(FeatureCache.key(r, "n_mels=3"), FeatureCache.key(r, "n_mels=4"));
    assertNotEquals(FeatureCache.key(r, "a"), FeatureCache.key(r.section(0, 0.5), "a"));
  }

  @Test
  void changedFileOrDamagedEntryIsRecomputed() throws IOException {
    FeatureCache cache = new FeatureCache(tmp.resolve("cache"));
    Path wav = wav();
    Recording r = rec(wav);
    float[][] m = matrix(4, 4);
    AtomicInteger calls = new AtomicInteger();
    cache.getOrCompute(
        r,
        "c",
        () -> {
          calls.incrementAndGet();
          return m;
        });
    Files.setLastModifiedTime(
        wav, FileTime.fromMillis(Files.getLastModifiedTime(wav).toMillis() + 5000));
    cache.getOrCompute(
        r,
        "c",
        () -> {
          calls.incrementAndGet();
          return m;
        });
    assertEquals(2, calls.get());
    Path entry = cache.fileOf(FeatureCache.key(r, "c"));
    byte[] bytes = Files.readAllBytes(entry);
    Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    assertFalse(cache.get(r, "c").isPresent());
    CachedFeatures again =
        cache.getOrCompute(
            r,
            "c",
            () -> {
              calls.incrementAndGet();
              return m;
            });
    assertEquals(3, calls.get());
    assertTrue(equal(m, again));
  }

  @Test
  void twoProcessesWritingTheSameEntryNeverExposeAPartialFile() throws Exception {
    Path cacheDir = tmp.resolve("cache");
    FeatureCache cache = new FeatureCache(cacheDir);
    Path wav = wav();
    Recording r = rec(wav);
    float[][] m = matrix(200, 300);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      children.add(
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  CacheHammer.class.getName(),
                  cacheDir.toString(),
                  wav.toString(),
                  "40")
              .inheritIO()
              .start());
    }
    while (children.stream().anyMatch(Process::isAlive)) {
      var c = cache.get(r, "cfg");
      if (c.isPresent()) {
        assertTrue(equal(m, c.get()), "a reader saw a wrong or partial entry");
      }
    }
    for (Process p : children) {
      assertEquals(0, p.waitFor(), "child process saw a wrong or partial entry");
    }
    assertTrue(equal(m, cache.get(r, "cfg").orElseThrow()));
    try (Stream<Path> s = Files.walk(cacheDir)) {
      assertEquals(0, s.filter(p -> p.toString().endsWith(".part")).count(), "temp files left");
    }
  }
}
