package io.uatr.dsp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real DeepShip clips (see resources/deepship/README.md): the reader's output equals a naive
 * decoding of the file's bytes, which finds the data chunk by a plain byte search.
 */
class DeepShipClipTest {

  @ParameterizedTest
  @ValueSource(strings = {"passengership-30.wav", "tanker-50.wav"})
  void readsAsNaiveDecodingDoes(String name) throws Exception {
    Path p = Path.of(getClass().getResource("/deepship/" + name).toURI());
    byte[] bytes = Files.readAllBytes(p);
    int at = indexOf(bytes, new byte[] {'d', 'a', 't', 'a'});
    assertTrue(at > 0);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int dataSize = b.getInt(at + 4);
    float[] want = new float[dataSize / 4];
    for (int i = 0; i < want.length; i++) {
      want[i] = b.getFloat(at + 8 + 4 * i);
    }

    WavInfo info = WavReader.info(p);
    assertEquals(32000, info.sampleRate());
    assertEquals(1, info.channels());
    assertEquals(SampleFormat.FLOAT32, info.format());
    assertEquals(dataSize / 4, info.frames());
    assertEquals(at + 8, info.dataOffset());
    assertFalse(info.truncated());

    float[] x = WavReader.readAll(p, ChannelSelection.mixDown());
    assertEquals(want.length, x.length);
    double rms = 0;
    double rmsWant = 0;
    for (int i = 0; i < x.length; i++) {
      assertTrue(Float.isFinite(x[i]));
      assertEquals(want[i], x[i], 0.0f, "frame " + i);
      rms += (double) x[i] * x[i];
      rmsWant += (double) want[i] * want[i];
    }
    rms = Math.sqrt(rms / x.length);
    rmsWant = Math.sqrt(rmsWant / want.length);
    assertEquals(rmsWant, rms, 1e-12);
    assertTrue(rms > 1e-4 && rms < 1, "implausible RMS " + rms); // real audio, not silence
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 12; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
