package io.uatr.dsp.io;

import static io.uatr.dsp.io.WavBytes.f32;
import static io.uatr.dsp.io.WavBytes.f64;
import static io.uatr.dsp.io.WavBytes.s16;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** Damaged, unsupported and unusual files, built byte by byte in the test. */
class WavReaderErrorTest {
  @TempDir Path dir;

  private static final short[] PCM = {0, 1000, -1000, 32767, -32768, 12345};

  private WavFormatException fails(Path p) {
    WavFormatException e = assertThrows(WavFormatException.class, () -> WavReader.info(p));
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    assertEquals(p, e.file());
    return e;
  }

  private static void assertContains(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), "'" + part + "' missing in: " + message);
    }
  }

  @Test
  void wrongMagicShowsWhatWasFound() throws Exception {
    Path p = WavBytes.riff("OggS", "WAVE").chunk("data", s16(PCM)).write(dir, "a.wav");
    assertContains(fails(p).getMessage(), "not a RIFF/WAVE", "'OggS'", "4F 67 67 53");
  }

  @Test
  void nonPrintableMagicIsShownInHex() throws Exception {
    Path p =
        Files.write(
            dir.resolve("b.wav"),
            new byte[] {(byte) 0xFF, (byte) 0xFB, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0});
    assertContains(fails(p).getMessage(), "'....'", "FF FB 00 01");
  }

  @Test
  void tinyFileIsNotRiff() throws Exception {
    Path p = Files.write(dir.resolve("t.wav"), new byte[] {'R', 'I'});
    assertContains(fails(p).getMessage(), "only 2 bytes");
  }

  @Test
  void otherRiffFormIsRejected() throws Exception {
    Path p = WavBytes.riff("RIFF", "AVI ").chunk("data", s16(PCM)).write(dir, "a.wav");
    assertContains(fails(p).getMessage(), "form type is 'AVI '");
  }

  @Test
  void missingFmtIsNamedWithTheChunksFound() throws Exception {
    Path p = WavBytes.riff().chunk("LIST", new byte[4]).chunk("data", s16(PCM)).write(dir, "a.wav");
    assertContains(fails(p).getMessage(), "no 'fmt ' chunk", "LIST", "data");
  }

  @Test
  void missingDataIsNamed() throws Exception {
    Path p = WavBytes.riff().fmt(1, 1, 8000, 16).chunk("LIST", new byte[4]).write(dir, "a.wav");
    assertContains(fails(p).getMessage(), "no 'data' chunk", "fmt ", "LIST");
  }

  @ParameterizedTest
  @CsvSource({
    "2, 0x0002 (Microsoft ADPCM)",
    "6, 0x0006 (A-law)",
    "7, 0x0007 (mu-law)",
    "17, 0x0011 (IMA ADPCM)",
    "49, 0x0031 (GSM 6.10)",
    "80, 0x0050 (MPEG)",
    "85, 0x0055 (MPEG Layer III (MP3-in-WAV))",
    "4660, 0x1234 (unknown)"
  })
  void unsupportedFormatTagIsNamed(int tag, String name) throws Exception {
    Path p = WavBytes.riff().fmt(tag, 1, 8000, 16).chunk("data", s16(PCM)).write(dir, "a.wav");
    assertContains(fails(p).getMessage(), "unsupported encoding format tag " + name);
  }

  @Test
  void extensibleWithUnknownGuidShowsTheGuid() throws Exception {
    byte[] ambisonic = WavBytes.guid(1);
    ambisonic[4] = 0x21; // no longer the KSDATAFORMAT base GUID
    Path p =
        WavBytes.riff()
            .fmtExtensible(1, 8000, 16, ambisonic)
            .chunk("data", s16(PCM))
            .write(dir, "a.wav");
    assertContains(
        fails(p).getMessage(),
        "WAVE_FORMAT_EXTENSIBLE (0xFFFE) with unknown sub-format GUID",
        "{00000001-0021-0010-8000-00AA00389B71}");
  }

  @Test
  void extensibleWithMuLawSubFormatIsNamed() throws Exception {
    Path p =
        WavBytes.riff()
            .fmtExtensible(1, 8000, 8, WavBytes.guid(7))
            .chunk("data", new byte[8])
            .write(dir, "a.wav");
    assertContains(fails(p).getMessage(), "WAVE_FORMAT_EXTENSIBLE with sub-format 0x0007 (mu-law)");
  }

  @Test
  void extensibleFloatIsRead() throws Exception {
    float[] x = {0.25f, -0.5f, 0.125f, 1.5f, -0.75f, 0f};
    Path p =
        WavBytes.riff()
            .fmtExtensible(2, 48000, 32, WavBytes.guid(3))
            .chunk("data", f32(x))
            .write(dir, "a.wav");
    WavInfo info = WavReader.info(p);
    assertEquals(SampleFormat.FLOAT32, info.format());
    assertEquals(3, info.frames());
    assertArrayEquals(
        new float[] {-0.5f, 1.5f, 0f}, WavReader.readAll(p, ChannelSelection.channel(1)));
    assertArrayEquals(
        new float[] {-0.125f, 0.8125f, -0.375f}, WavReader.readAll(p, ChannelSelection.mixDown()));
  }

  @ParameterizedTest
  @CsvSource({"1, 12", "1, 40", "3, 16", "3, 24"})
  void unsupportedBitDepthIsNamed(int tag, int bits) throws Exception {
    Path p =
        WavBytes.riff().fmt(tag, 1, 8000, bits).chunk("data", new byte[240]).write(dir, "a.wav");
    if (bits == 12) {
      // 12 valid bits in a 16-bit container is legal PCM: read as 16-bit
      assertEquals(SampleFormat.PCM_S16, WavReader.info(p).format());
      return;
    }
    assertContains(fails(p).getMessage(), "unsupported bit depth " + bits);
  }

  @Test
  void blockAlignMismatchIsNamed() throws Exception {
    byte[] fmt = WavBytes.fmtBody(1, 2, 8000, 16, 6, 16);
    Path p = WavBytes.riff().chunk("fmt ", fmt).chunk("data", s16(PCM)).write(dir, "a.wav");
    assertContains(fails(p).getMessage(), "block align 6", "= 4");
  }

  @Test
  void zeroLengthDataIsAnError() throws Exception {
    Path p = WavBytes.riff().fmt(1, 1, 8000, 16).chunk("data", new byte[0]).write(dir, "a.wav");
    assertContains(fails(p).getMessage(), "zero-length 'data' chunk");
  }

  @Test
  void zeroLengthDataWithBytesAfterItSaysSo() throws Exception {
    Path p =
        WavBytes.riff()
            .fmt(1, 1, 8000, 16)
            .chunk("data", 0, new byte[0])
            .raw(s16(PCM))
            .write(dir, "a.wav");
    assertContains(fails(p).getMessage(), "zero-length 'data' chunk", "12 bytes follow");
  }

  @Test
  void nanIsReportedWithFrameAndChannel() throws Exception {
    float[] x = new float[2 * 100];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(i * 0.1) * 0.5f;
    }
    x[2 * 37 + 1] = Float.NaN; // frame 37, channel 1
    Path p = WavBytes.riff().fmt(3, 2, 1000, 32).chunk("data", f32(x)).write(dir, "nan.wav");
    assertEquals(100, WavReader.info(p).frames()); // the header is fine
    WavFormatException e =
        assertThrows(
            WavFormatException.class, () -> WavReader.readAll(p, ChannelSelection.mixDown()));
    assertContains(e.getMessage(), p.toString(), "NaN", "frame 37", "0.037000 s", "channel 1");
    e =
        assertThrows(
            WavFormatException.class, () -> WavReader.readAll(p, ChannelSelection.channel(1)));
    assertContains(e.getMessage(), "frame 37", "channel 1");
    // channel 0 is clean and reads in full
    assertEquals(100, WavReader.readAll(p, ChannelSelection.channel(0)).length);
  }

  @Test
  void infinityInFloat64IsReported() throws Exception {
    double[] x = new double[50];
    x[49] = Double.NEGATIVE_INFINITY;
    Path p = WavBytes.riff().fmt(3, 1, 8000, 64).chunk("data", f64(x)).write(dir, "inf.wav");
    WavFormatException e =
        assertThrows(
            WavFormatException.class, () -> WavReader.readAll(p, ChannelSelection.mixDown()));
    assertContains(e.getMessage(), "-Infinity", "frame 49", "channel 0");
  }

  @Test
  void float64BeyondFloatRangeIsReported() throws Exception {
    Path p = WavBytes.riff().fmt(3, 1, 8000, 64).chunk("data", f64(0, 1e300)).write(dir, "big.wav");
    WavFormatException e =
        assertThrows(
            WavFormatException.class, () -> WavReader.readAll(p, ChannelSelection.mixDown()));
    assertContains(e.getMessage(), "frame 1", "exceeds the float range");
  }

  @Test
  void truncatedDataIsReadToTheLastWholeFrameWithAWarning() throws Exception {
    // 1000 stereo s16 frames declared, 600 whole frames and 3 stray bytes present
    short[] present = new short[2 * 600];
    for (int i = 0; i < present.length; i++) {
      present[i] = (short) (i * 7 - 3000);
    }
    byte[] bytes =
        WavBytes.riff()
            .fmt(1, 2, 8000, 16)
            .chunk("data", 4000, new byte[0])
            .raw(s16(present))
            .raw(new byte[] {1, 2, 3})
            .bytes();
    Path p = Files.write(dir.resolve("died.wav"), bytes);
    List<ILoggingEvent> logs = captureWarnings(() -> WavReader.info(p));
    WavInfo info = WavReader.info(p);
    assertTrue(info.truncated());
    assertEquals(600, info.frames());
    assertEquals(1, logs.size());
    assertEquals(Level.WARN, logs.get(0).getLevel());
    assertContains(
        logs.get(0).getFormattedMessage(),
        p.toString(),
        "4000 bytes (1000 frames)",
        "400 frames lost");

    float[] left = WavReader.readAll(p, ChannelSelection.channel(0));
    assertEquals(600, left.length);
    for (int i = 0; i < 600; i++) {
      assertEquals(present[2 * i] / 32768f, left[i]);
    }
  }

  @Test
  void rf64WithDs64SizesIsRead() throws Exception {
    float[] x = new float[3 * 40];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 3 - 1) * 0.25f + i * 1e-3f;
    }
    byte[] data = f32(x);
    ByteBuffer ds64 = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
    long riffSize = 4 + (8 + 28) + (8 + 16) + (8 + data.length);
    ds64.putLong(riffSize).putLong(data.length).putLong(40).putInt(0);
    byte[] bytes =
        WavBytes.riff("RF64", "WAVE")
            .chunk("ds64", ds64.array())
            .fmt(3, 3, 96000, 32)
            .chunk("data", 0xFFFFFFFFL, data)
            .bytesAsIs();
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, -1);
    Path p = Files.write(dir.resolve("rf64.wav"), bytes);
    WavInfo info = WavReader.info(p);
    assertEquals(40, info.frames());
    assertEquals(3, info.channels());
    assertEquals(96000, info.sampleRate());
    assertFalse(info.truncated());
    float[] c2 = WavReader.readAll(p, ChannelSelection.channel(2));
    for (int i = 0; i < 40; i++) {
      assertEquals(x[3 * i + 2], c2[i]);
    }
  }

  @Test
  void rf64WithoutDs64IsRejected() throws Exception {
    Path p =
        WavBytes.riff("RF64", "WAVE")
            .fmt(1, 1, 8000, 16)
            .chunk("data", s16(PCM))
            .write(dir, "a.wav");
    assertContains(fails(p).getMessage(), "RF64", "'ds64'");
  }

  @Test
  void oddSizedUnknownChunksAndTheirPadBytesAreSkipped() throws Exception {
    Path p =
        WavBytes.riff()
            .chunk("LIST", new byte[] {'I', 'N', 'F', 'O', 'x'}) // 5 bytes + pad
            .fmt(1, 1, 22050, 16)
            .chunk("bext", new byte[] {9, 9, 9}) // 3 bytes + pad
            .chunk("fact", WavBytes.le32(6))
            .chunk("data", s16(PCM))
            .chunk("LIST", new byte[] {1}) // after data: never read
            .write(dir, "odd.wav");
    float[] x = WavReader.readAll(p, ChannelSelection.mixDown());
    assertEquals(PCM.length, x.length);
    for (int i = 0; i < PCM.length; i++) {
      assertEquals(PCM[i] / 32768f, x[i]);
    }
    WavInfo info = WavReader.info(p);
    assertEquals(22050, info.sampleRate());
    assertEquals(12 + 8 + 6 + 8 + 16 + 8 + 4 + 12 + 8, info.dataOffset());
  }

  @Test
  void dataBeforeFmtIsAccepted() throws Exception {
    Path p = WavBytes.riff().chunk("data", s16(PCM)).fmt(1, 2, 8000, 16).write(dir, "a.wav");
    assertArrayEquals(
        new float[] {1000 / 32768f, 32767 / 32768f, 12345 / 32768f},
        WavReader.readAll(p, ChannelSelection.channel(1)));
  }

  @Test
  void trailingPartialFrameIsIgnored() throws Exception {
    Path p =
        WavBytes.riff()
            .fmt(1, 1, 8000, 16)
            .chunk("data", new byte[] {0, 64, 0, -64, 7})
            .write(dir, "a.wav");
    assertArrayEquals(new float[] {0.5f, -0.5f}, WavReader.readAll(p, ChannelSelection.mixDown()));
  }

  private static List<ILoggingEvent> captureWarnings(ThrowingRunnable r) throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(WavHeaderParser.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      r.run();
    } finally {
      logger.detachAppender(appender);
    }
    return appender.list;
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
