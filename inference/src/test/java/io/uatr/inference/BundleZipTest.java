package io.uatr.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zip bundles that would exhaust memory, disk or time, or hide an entry, are refused. */
class BundleZipTest {
  @TempDir Path dir;

  /** A zip of deflated entries, name to content. */
  private static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return b.toByteArray();
  }

  /**
   * Rewrites the uncompressed size that the central directory declares for {@code name} (the local
   * header of a ZipOutputStream entry says 0 and defers to a data descriptor, so the central
   * directory is all a reader has).
   */
  private static byte[] declareSize(byte[] zip, String name, long size) {
    ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    byte[] want = name.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 46 < zip.length; i++) {
      if (b.getInt(i) == 0x02014b50 && (b.getShort(i + 28) & 0xffff) == want.length) {
        byte[] got = new byte[want.length];
        System.arraycopy(zip, i + 46, got, 0, want.length);
        if (java.util.Arrays.equals(got, want)) {
          b.putInt(i + 24, (int) size);
          return zip;
        }
      }
    }
    throw new AssertionError("no central directory entry " + name);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static Map<String, byte[]> bundleLike(byte[] params) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("bundle.yaml", "format_version: 1\n".getBytes(StandardCharsets.UTF_8));
    m.put("model-0000.params", params);
    return m;
  }

  private BundleException refusedQuickly(Path zip, BundleZip.Limits limits) throws IOException {
    Path target = Files.createDirectories(dir.resolve("out-" + zip.getFileName()));
    long t0 = System.nanoTime();
    BundleException e =
        assertThrows(BundleException.class, () -> BundleZip.extract(zip, target, limits));
    double s = (System.nanoTime() - t0) / 1e9;
    assertTrue(s < 2, "refused after " + s + " s");
    assertTrue(e.getMessage().startsWith(zip + ": entry '"), e.getMessage());
    try (Stream<Path> st = Files.list(target)) {
      assertEquals(0, st.count(), "nothing is written before the central directory is checked");
    }
    // Bundle.load says the same (and cleans up its temporary directory)
    BundleException viaLoad =
        assertThrows(BundleException.class, () -> Bundle.load(zip, limits).close());
    assertEquals(e.getMessage(), viaLoad.getMessage());
    return e;
  }

  @Test
  void aRatioBombIsRefusedFromTheCentralDirectory() throws IOException {
    // 50 MB of zeros deflates to about 50 kB: ratio about 1000:1
    Path zip = write("bomb.zip", zip(bundleLike(new byte[50 << 20])));
    assertTrue(Files.size(zip) < 1 << 20, "the bomb is small on disk");
    String m = refusedQuickly(zip, BundleZip.Limits.DEFAULT).getMessage();
    assertTrue(m.contains("'model-0000.params' declares a compression ratio of"), m);
    assertTrue(m.contains("52428800 bytes"), m);
    assertTrue(m.contains("over the limit of 100:1"), m);
  }

  @Test
  void aThreeGibEntryIsRefusedWithinASecondAndALimitOverrideApplies() throws IOException {
    byte[] bytes =
        declareSize(zip(bundleLike(new byte[4096])), "model-0000.params", 3L << 30); // 3 GiB
    Path zip = write("huge.zip", bytes);
    String m = refusedQuickly(zip, BundleZip.Limits.DEFAULT).getMessage();
    assertTrue(m.contains("'model-0000.params' declares 3221225472 bytes"), m);
    assertTrue(m.contains("over the limit of " + (2L << 30)), m);

    // incompressible content: only the size limit can stop it
    byte[] noise = new byte[300_000];
    new SplittableRandom(1).nextBytes(noise);
    Path big = write("big.zip", zip(bundleLike(noise)));
    String o = refusedQuickly(big, new BundleZip.Limits(1000, 200_000, 100)).getMessage();
    assertTrue(o.contains("'model-0000.params' declares 300000 bytes"), o);
    Path ok = Files.createDirectories(dir.resolve("ok"));
    BundleZip.extract(big, ok, new BundleZip.Limits(1000, 400_000, 100));
    assertArrayEquals(noise, Files.readAllBytes(ok.resolve("model-0000.params")));
  }

  @Test
  void anEntryThatInflatesBeyondItsDeclaredSizeIsCutOff() throws IOException {
    byte[] noise = new byte[200_000];
    new SplittableRandom(2).nextBytes(noise);
    Path zip = write("liar.zip", declareSize(zip(bundleLike(noise)), "model-0000.params", 1000));
    Path target = Files.createDirectories(dir.resolve("liar-out"));
    BundleException e = assertThrows(BundleException.class, () -> BundleZip.extract(zip, target));
    assertTrue(
        e.getMessage()
            .equals(
                zip
                    + ": entry 'model-0000.params' inflates to more than the 1000 bytes its"
                    + " central directory declares"),
        e.getMessage());
    assertFalse(Files.exists(target.resolve("model-0000.params")), "the partial file is deleted");

    Path shortZip =
        write("short.zip", declareSize(zip(bundleLike(noise)), "model-0000.params", 250_000));
    BundleException s =
        assertThrows(
            BundleException.class,
            () -> BundleZip.extract(shortZip, Files.createDirectories(dir.resolve("short-out"))));
    assertTrue(s.getMessage().contains("inflates to 200000 bytes"), s.getMessage());
  }

  @Test
  void duplicateEntryNamesAreRefused() throws IOException {
    Map<String, byte[]> m = bundleLike(new byte[10]);
    m.put("bundle.yamX", "format_version: 2\n".getBytes(StandardCharsets.UTF_8));
    // ZipOutputStream refuses duplicates: write another name of the same length, then rename it
    // in the local header and the central directory
    byte[] raw = zip(m);
    String s = new String(raw, StandardCharsets.ISO_8859_1).replace("bundle.yamX", "bundle.yaml");
    Path zip = write("dup.zip", s.getBytes(StandardCharsets.ISO_8859_1));
    String msg = refusedQuickly(zip, BundleZip.Limits.DEFAULT).getMessage();
    assertEquals(zip + ": entry 'bundle.yaml' appears twice in the archive", msg);

    Map<String, byte[]> same = bundleLike(new byte[10]);
    same.put("sub/../bundle.yaml", "format_version: 2\n".getBytes(StandardCharsets.UTF_8));
    Path alias = write("alias.zip", zip(same));
    String a = refusedQuickly(alias, BundleZip.Limits.DEFAULT).getMessage();
    assertTrue(
        a.endsWith("entry 'sub/../bundle.yaml' names the same file as entry 'bundle.yaml'"), a);
  }

  @Test
  void tooManyEntriesAreRefused() throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < 1001; i++) {
      m.put(String.format("f%04d", i), new byte[] {(byte) i});
    }
    Path zip = write("many.zip", zip(m));
    String msg = refusedQuickly(zip, BundleZip.Limits.DEFAULT).getMessage();
    assertTrue(msg.startsWith(zip + ": entry 'f1000' is over the limit of 1000 entries"), msg);
    String small = refusedQuickly(zip, new BundleZip.Limits(5, 1 << 20, 100)).getMessage();
    assertTrue(small.contains("entry 'f0005' is over the limit of 5 entries"), small);
  }

  @Test
  void limitsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> new BundleZip.Limits(0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new BundleZip.Limits(1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new BundleZip.Limits(1, 1, 0.5));
    assertThrows(IllegalArgumentException.class, () -> new BundleZip.Limits(1, 1, Double.NaN));
  }
}
