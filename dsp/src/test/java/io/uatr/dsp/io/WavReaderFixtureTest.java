package io.uatr.dsp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads the SoX-made fixtures of {@code src/test/resources/wav/} (see make-fixtures.sh) and
 * compares every channel, and the mix-down, with the analytic signal SoX was asked for: channel c
 * holds {@code A[c] * sin(2 pi F[c] n / fs)}.
 */
class WavReaderFixtureTest {
  static final double[] AMP = {0.5, 0.25, 0.125};
  static final double[] FREQ = {440, 1000, 250};

  /** One fixture: file, rate, channels, format, duration (s), format tag in the file's header. */
  record Fixture(String name, int rate, int channels, SampleFormat format, double dur, int tag) {
    Path path() throws URISyntaxException {
      return Path.of(WavReaderFixtureTest.class.getResource("/wav/" + name).toURI());
    }

    long expectedFrames() {
      return Math.round(dur * rate);
    }

    /**
     * Tolerance: one quantisation step of the encoding (SoX rounds to within half a step), plus the
     * float rounding of the output, plus SoX's own 32-bit internal resolution for the float and
     * 32-bit encodings.
     */
    double tolerance() {
      double floatOut = Math.ulp(0.5f);
      return switch (format) {
        case PCM_U8 -> 1.0 / 128;
        case PCM_S16 -> 1.0 / 32768;
        case PCM_S24 -> 1.0 / 8388608 + floatOut;
        case PCM_S32, FLOAT32, FLOAT64 -> 2.0 / 2147483648.0 + floatOut;
      };
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Fixture> fixtures() {
    return Stream.of(
        new Fixture("u8_mono_8000.wav", 8000, 1, SampleFormat.PCM_U8, 0.25, 0x0001),
        new Fixture("s16_mono_8000.wav", 8000, 1, SampleFormat.PCM_S16, 0.25, 0x0001),
        new Fixture("s16_stereo_44100.wav", 44100, 2, SampleFormat.PCM_S16, 0.1, 0x0001),
        new Fixture("s16_3ch_44100.wav", 44100, 3, SampleFormat.PCM_S16, 0.1, 0xFFFE),
        new Fixture("s24_stereo_52734.wav", 52734, 2, SampleFormat.PCM_S24, 0.1, 0xFFFE),
        new Fixture("s24_stereo_52734_plain.wav", 52734, 2, SampleFormat.PCM_S24, 0.1, 0x0001),
        new Fixture("s32_stereo_44100.wav", 44100, 2, SampleFormat.PCM_S32, 0.1, 0xFFFE),
        new Fixture("f32_stereo_52734.wav", 52734, 2, SampleFormat.FLOAT32, 0.1, 0x0003),
        new Fixture("f32_mono_44100_plain.wav", 44100, 1, SampleFormat.FLOAT32, 0.1, 0x0003),
        new Fixture("f32_3ch_8000.wav", 8000, 3, SampleFormat.FLOAT32, 0.2, 0x0003),
        new Fixture("f64_mono_8000.wav", 8000, 1, SampleFormat.FLOAT64, 0.2, 0x0003));
  }

  static double signal(int channel, long n, int rate) {
    return AMP[channel] * Math.sin(2 * Math.PI * FREQ[channel] * n / rate);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void headerMatchesWhatSoxWasAskedFor(Fixture f) throws Exception {
    WavInfo info = WavReader.info(f.path());
    assertEquals(f.rate(), info.sampleRate());
    assertEquals(f.channels(), info.channels());
    assertEquals(f.format(), info.format());
    assertEquals(f.format().bitsPerSample(), info.bitsPerSample());
    assertEquals(f.expectedFrames(), info.frames());
    assertEquals((double) f.expectedFrames() / f.rate(), info.durationSeconds(), 1e-12);
    assertFalse(info.truncated());
    assertEquals(f.path(), info.file());
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void eachChannelMatchesTheAnalyticSignal(Fixture f) throws Exception {
    for (int c = 0; c < f.channels(); c++) {
      float[] x = WavReader.readAll(f.path(), ChannelSelection.channel(c));
      assertEquals(f.expectedFrames(), x.length);
      for (int n = 0; n < x.length; n++) {
        double want = signal(c, n, f.rate());
        if (Math.abs(x[n] - want) > f.tolerance()) {
          throw new AssertionError(
              f + " channel " + c + " frame " + n + ": got " + x[n] + ", want " + want);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void mixDownIsTheMeanOfTheChannels(Fixture f) throws Exception {
    float[] x = WavReader.readAll(f.path(), ChannelSelection.mixDown());
    assertEquals(f.expectedFrames(), x.length);
    for (int n = 0; n < x.length; n++) {
      double want = 0;
      for (int c = 0; c < f.channels(); c++) {
        want += signal(c, n, f.rate());
      }
      want /= f.channels();
      if (Math.abs(x[n] - want) > f.tolerance()) {
        throw new AssertionError(f + " mix frame " + n + ": got " + x[n] + ", want " + want);
      }
    }
  }

  /** The fixture set really covers plain and EXTENSIBLE headers (checked in the raw bytes). */
  @ParameterizedTest
  @MethodSource("fixtures")
  void formatTagInTheFileIsTheOneListed(Fixture f) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f.path())).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals("fmt ", new String(b.array(), 12, 4, "US-ASCII"));
    assertEquals(f.tag(), Short.toUnsignedInt(b.getShort(20)));
  }

  @Test
  void fixtureSetContainsExtensibleFiles() {
    assertTrue(fixtures().filter(f -> f.tag() == 0xFFFE).count() >= 2);
  }

  @Test
  void channelOutOfRangeNamesTheFile() throws Exception {
    Path p = fixtures().findFirst().orElseThrow().path();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> WavReader.readAll(p, ChannelSelection.channel(1)));
    assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("1 channel"), e.getMessage());
  }

  @Test
  void negativeChannelIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> ChannelSelection.channel(-1));
  }
}
