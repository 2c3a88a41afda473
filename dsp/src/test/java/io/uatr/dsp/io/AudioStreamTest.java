package io.uatr.dsp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block-by-block streaming: odd caller chunk sizes against a small internal buffer, end of stream,
 * position and seek. The buffer is the only per-stream memory (O(block), not O(file)).
 */
class AudioStreamTest {
  @TempDir Path dir;

  private static final int FRAMES = 200_003;
  private static final int CHANNELS = 3;

  /** Channel c of frame n: a value known in closed form, exactly representable in PCM16. */
  private static float value(int n, int c) {
    return ((n * 31 + c * 7919) % 65536 - 32768) / 32768f;
  }

  private Path synthetic(SampleFormat format) throws Exception {
    Path p = dir.resolve(format + ".wav");
    try (WavWriter w = WavWriter.open(p, 52734, CHANNELS, format)) {
      float[] block = new float[CHANNELS * 1000];
      for (int start = 0; start < FRAMES; start += 1000) {
        int n = Math.min(1000, FRAMES - start);
        for (int i = 0; i < n; i++) {
          for (int c = 0; c < CHANNELS; c++) {
            block[CHANNELS * i + c] = value(start + i, c);
          }
        }
        w.write(block, 0, CHANNELS * n);
      }
    }
    return p;
  }

  @Test
  void smallBlocksDeliverEverySampleOnce() throws Exception {
    Path p = synthetic(SampleFormat.PCM_S16);
    // internal buffer of 7 frames (3 channels x 2 bytes), caller chunks of 1..13 samples
    try (AudioStream in = WavReader.open(p, ChannelSelection.channel(2), 7 * 6)) {
      float[] buf = new float[13];
      double sum = 0;
      double want = 0;
      long frame = 0;
      int chunk = 1;
      int n;
      while ((n = in.read(buf, 0, chunk)) >= 0) {
        for (int i = 0; i < n; i++, frame++) {
          assertEquals(value((int) frame, 2), buf[i], "frame " + frame);
          sum += buf[i];
          want += value((int) frame, 2);
        }
        assertEquals(frame, in.position());
        chunk = chunk % 13 + 1;
      }
      assertEquals(FRAMES, frame);
      assertEquals(want, sum, 0.0);
      assertEquals(-1, in.read(buf, 0, 5));
    }
  }

  @Test
  void mixDownStreamMatchesTheMeanOfTheChannels() throws Exception {
    Path p = synthetic(SampleFormat.FLOAT32);
    try (AudioStream in = WavReader.open(p, ChannelSelection.mixDown(), 1000)) {
      float[] buf = new float[4096];
      double sum = 0;
      double want = 0;
      long frame = 0;
      for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
        for (int i = 0; i < n; i++, frame++) {
          int f = (int) frame;
          double mean = (value(f, 0) + value(f, 1) + value(f, 2)) / 3.0;
          assertEquals(mean, buf[i], 2 * Math.ulp(1f), "frame " + f);
          sum += buf[i];
          want += mean;
        }
      }
      assertEquals(FRAMES, in.position());
      assertEquals(want, sum, 2 * Math.ulp(1f) * FRAMES);
    }
  }

  @Test
  void seekRestartsAtTheGivenFrame() throws Exception {
    Path p = synthetic(SampleFormat.PCM_S24);
    try (AudioStream in = WavReader.open(p, ChannelSelection.channel(1))) {
      float[] buf = new float[10];
      in.read(buf, 0, 10);
      in.seek(150_000);
      assertEquals(150_000, in.position());
      int n = in.read(buf, 0, 10);
      assertEquals(10, n);
      for (int i = 0; i < n; i++) {
        assertEquals(value(150_000 + i, 1), buf[i]);
      }
      in.seek(FRAMES);
      assertEquals(-1, in.read(buf, 0, 10));
      in.seek(0);
      assertEquals(10, in.read(buf, 0, 10));
      assertEquals(value(0, 1), buf[0]);
      assertThrows(IllegalArgumentException.class, () -> in.seek(FRAMES + 1));
    }
  }

  @Test
  void readAfterCloseFails() throws Exception {
    Path p = synthetic(SampleFormat.PCM_U8);
    AudioStream in = WavReader.open(p, ChannelSelection.mixDown());
    in.close();
    assertThrows(java.io.IOException.class, () -> in.read(new float[4], 0, 4));
  }
}
