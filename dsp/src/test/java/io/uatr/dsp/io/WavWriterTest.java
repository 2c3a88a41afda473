package io.uatr.dsp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Writer round trips, the header bytes it writes, rounding and clipping, and atomicity. */
class WavWriterTest {
  @TempDir Path dir;

  private static float[] noise(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextDouble() * 2 - 1) * 0.99f;
    }
    return x;
  }

  private List<String> listDir() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void float32RoundTripIsExact() throws Exception {
    float[] x = noise(2 * 5000, 1);
    x[10] = 3.5f; // float WAV may exceed [-1, 1]
    Path p = dir.resolve("f.wav");
    WavWriter.write(p, x, 52734, 2, SampleFormat.FLOAT32);
    WavInfo info = WavReader.info(p);
    assertEquals(52734, info.sampleRate());
    assertEquals(5000, info.frames());
    assertEquals(SampleFormat.FLOAT32, info.format());
    for (int c = 0; c < 2; c++) {
      float[] y = WavReader.readAll(p, ChannelSelection.channel(c));
      for (int i = 0; i < 5000; i++) {
        assertEquals(x[2 * i + c], y[i], 0.0f);
      }
    }
  }

  @Test
  void pcm16RoundTripIsWithinHalfAStep() throws Exception {
    float[] x = noise(7777, 2);
    Path p = dir.resolve("s.wav");
    WavWriter.write(p, x, 8000, 1, SampleFormat.PCM_S16);
    float[] y = WavReader.readAll(p, ChannelSelection.mixDown());
    assertEquals(x.length, y.length);
    for (int i = 0; i < x.length; i++) {
      assertEquals(x[i], y[i], 0.5 / 32768 + 1e-9, "sample " + i);
    }
  }

  /** Every encoding round-trips within half a quantisation step (exactly for float). */
  @ParameterizedTest
  @EnumSource(SampleFormat.class)
  void everyFormatRoundTrips(SampleFormat format) throws Exception {
    float[] x = noise(3 * 1001, 3);
    Path p = dir.resolve(format + ".wav");
    WavWriter.write(p, x, 44100, 3, format);
    double halfStep =
        switch (format) {
          case PCM_U8 -> 0.5 / 128;
          case PCM_S16 -> 0.5 / 32768;
          case PCM_S24 -> 0.5 / 8388608;
          case PCM_S32 -> 0.5 / 2147483648.0 + Math.ulp(1f) / 2;
          case FLOAT32, FLOAT64 -> 0;
        };
    WavInfo info = WavReader.info(p);
    assertEquals(format, info.format());
    assertEquals(1001, info.frames());
    for (int c = 0; c < 3; c++) {
      float[] y = WavReader.readAll(p, ChannelSelection.channel(c));
      for (int i = 0; i < y.length; i++) {
        assertEquals(x[3 * i + c], y[i], halfStep + 1e-12, format + " ch " + c + " frame " + i);
      }
    }
    // an odd number of data bytes gets a pad byte and the file is still read back correctly
    assertEquals(0, Files.size(p) % 2);
  }

  @Test
  void pcm16RoundsToNearestAndClips() throws Exception {
    float q = 1f / 32768;
    float[] x = {1.4f * q, 1.6f * q, -1.4f * q, -1.6f * q, 1.0f, 1.5f, -1.0f, -7f, 0.49f * q};
    Path p = dir.resolve("clip.wav");
    WavWriter.write(p, x, 8000, 1, SampleFormat.PCM_S16);
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
    short[] want = {1, 2, -1, -2, 32767, 32767, -32768, -32768, 0};
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], b.getShort(44 + 2 * i), "sample " + i);
    }
  }

  /** The header, checked field by field against the canonical 44-byte PCM layout. */
  @Test
  void pcmHeaderIsCanonical() throws Exception {
    Path p = dir.resolve("h.wav");
    WavWriter.write(p, new float[6], 22050, 2, SampleFormat.PCM_S16);
    byte[] bytes = Files.readAllBytes(p);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(44 + 12, bytes.length);
    assertEquals("RIFF", new String(bytes, 0, 4, "US-ASCII"));
    assertEquals(bytes.length - 8, b.getInt(4));
    assertEquals("WAVEfmt ", new String(bytes, 8, 8, "US-ASCII"));
    assertEquals(16, b.getInt(16));
    assertEquals(1, b.getShort(20));
    assertEquals(2, b.getShort(22));
    assertEquals(22050, b.getInt(24));
    assertEquals(22050 * 4, b.getInt(28));
    assertEquals(4, b.getShort(32));
    assertEquals(16, b.getShort(34));
    assertEquals("data", new String(bytes, 36, 4, "US-ASCII"));
    assertEquals(12, b.getInt(40));
  }

  @Test
  void floatHeaderHasFactChunk() throws Exception {
    Path p = dir.resolve("h.wav");
    WavWriter.write(p, new float[5], 8000, 1, SampleFormat.FLOAT32);
    byte[] bytes = Files.readAllBytes(p);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(18, b.getInt(16));
    assertEquals(3, b.getShort(20));
    assertEquals(0, b.getShort(36)); // cbSize
    assertEquals("fact", new String(bytes, 38, 4, "US-ASCII"));
    assertEquals(5, b.getInt(46)); // frames
    assertEquals("data", new String(bytes, 50, 4, "US-ASCII"));
    assertEquals(20, b.getInt(54));
    assertEquals(58 + 20, bytes.length);
    assertEquals(bytes.length - 8, b.getInt(4));
  }

  @Test
  void streamingWriterIsInvisibleUntilClosedAndLeavesNoTempFile() throws Exception {
    Path p = dir.resolve("long.wav");
    float[] x = noise(2 * 100_000, 4);
    try (WavWriter w = WavWriter.open(p, 52734, 2, SampleFormat.FLOAT32)) {
      for (int off = 0; off < x.length; off += 2 * 777) {
        w.write(x, off, Math.min(2 * 777, x.length - off));
        assertFalse(Files.exists(p));
      }
      assertEquals(100_000, w.framesWritten());
      assertEquals(1, listDir().size()); // only the hidden temporary file
    }
    assertEquals(List.of("long.wav"), listDir());
    float[] y = WavReader.readAll(p, ChannelSelection.channel(1));
    for (int i = 0; i < y.length; i++) {
      assertEquals(x[2 * i + 1], y[i], 0.0f);
    }
  }

  @Test
  void replacingAnExistingFileIsAtomicAndAbortKeepsTheOld() throws Exception {
    Path p = dir.resolve("x.wav");
    WavWriter.write(p, new float[] {0.5f}, 8000, 1, SampleFormat.PCM_S16);
    WavWriter w = WavWriter.open(p, 8000, 1, SampleFormat.PCM_S16);
    w.write(new float[] {0.25f, 0.25f}, 0, 2);
    w.abort();
    assertArrayEquals(new float[] {0.5f}, WavReader.readAll(p, ChannelSelection.mixDown()));
    assertEquals(List.of("x.wav"), listDir());

    WavWriter.write(p, new float[] {-0.25f, 0.125f}, 8000, 1, SampleFormat.PCM_S16);
    assertArrayEquals(
        new float[] {-0.25f, 0.125f}, WavReader.readAll(p, ChannelSelection.mixDown()));
    assertEquals(List.of("x.wav"), listDir());
  }

  /** The target gets the directory's default permissions, not a temp file's owner-only 0600. */
  @Test
  void targetHasDefaultPermissions() throws Exception {
    assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"));
    Path plain = Files.createFile(dir.resolve("plain"));
    Path p = dir.resolve("perm.wav");
    WavWriter.write(p, new float[] {0f}, 8000, 1, SampleFormat.PCM_S16);
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(p));
  }

  @Test
  void badInputIsRejectedAndNothingIsLeftBehind() throws Exception {
    Path p = dir.resolve("bad.wav");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> WavWriter.write(p, new float[] {0f, Float.NaN}, 8000, 1, SampleFormat.FLOAT32));
    assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("bad.wav"));
    assertThrows(
        IllegalArgumentException.class,
        () -> WavWriter.write(p, new float[3], 8000, 2, SampleFormat.FLOAT32));
    assertThrows(
        IllegalArgumentException.class, () -> WavWriter.open(p, 0, 1, SampleFormat.FLOAT32));
    assertThrows(
        IllegalArgumentException.class, () -> WavWriter.open(p, 8000, 0, SampleFormat.FLOAT32));
    assertEquals(List.of(), listDir());
  }
}
