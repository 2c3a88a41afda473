package io.uatr.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.datasets.SegmentConfig.Policy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmenterTest {
  static final int FS = 10;

  static Recording rec(double seconds) {
    return new Recording(Path.of("x.wav"), "1", "A", 0, 1, Map.of(), seconds, FS, 0, seconds);
  }

  static float[] ramp(int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = i + 1;
    }
    return x;
  }

  @Test
  void m3ProtocolCutsThirtySecondSegmentsEveryFifteen() {
    List<Segment> s = Segmenter.segments(rec(100), SegmentConfig.m3());
    assertEquals(5, s.size());
    for (int k = 0; k < 5; k++) {
      assertEquals(15.0 * k, s.get(k).startS(), 1e-9);
      assertEquals(30, s.get(k).lengthS(), 0);
      assertEquals(Policy.DROP, s.get(k).fill());
    }
    // floor((L - 30) / 15) + 1 segments for L >= 30
    for (double len : new double[] {30, 44.9, 45, 59.9, 60, 600}) {
      assertEquals(
          (int) Math.floor((len - 30) / 15 + 1e-9) + 1,
          Segmenter.segments(rec(len), SegmentConfig.m3()).size(),
          "length " + len);
    }
  }

  @Test
  void shortRecordingIsLoopedToOneSegment() {
    Recording r = rec(19);
    List<Segment> s = Segmenter.segments(r, SegmentConfig.m3());
    assertEquals(1, s.size());
    float[] x = ramp(190);
    float[] seg = Segmenter.extract(x, s.get(0));
    assertEquals(300, seg.length);
    for (int i = 0; i < 300; i++) {
      assertEquals(x[i % 190], seg[i], 0);
    }
    SegmentConfig pad = new SegmentConfig(30, 15, Policy.DROP, 15, Policy.PAD);
    float[] padded = Segmenter.extract(x, Segmenter.segments(r, pad).get(0));
    assertEquals(x[189], padded[189], 0);
    assertEquals(0, padded[190], 0);
    SegmentConfig drop = new SegmentConfig(30, 15, Policy.DROP, 15, Policy.DROP);
    assertTrue(Segmenter.segments(r, drop).isEmpty());
  }

  @Test
  void lastPartialPolicies() {
    Recording r = rec(50);
    float[] x = ramp(500);
    SegmentConfig loop = new SegmentConfig(30, 15, Policy.LOOP, 15, Policy.LOOP);
    List<Segment> s = Segmenter.segments(r, loop);
    assertEquals(3, s.size());
    assertEquals(30, s.get(2).startS(), 1e-9);
    float[] tail = Segmenter.extract(x, s.get(2));
    assertEquals(x[300], tail[0], 0);
    assertEquals(x[499], tail[199], 0);
    assertEquals(x[0], tail[200], 0);
    SegmentConfig pad = new SegmentConfig(30, 15, Policy.PAD, 25, Policy.LOOP);
    assertEquals(2, Segmenter.segments(r, pad).size(), "tail of 20 s < min_partial 25 s");
  }

  @Test
  void sectionsAreSegmentedWithinTheirTimes() {
    Recording sec = rec(150).section(125, 150);
    List<Segment> s = Segmenter.segments(sec, SegmentConfig.m3());
    assertEquals(1, s.size());
    float[] x = ramp(1500);
    float[] seg = Segmenter.extract(x, s.get(0));
    assertEquals(x[1250], seg[0], 0);
    assertEquals(x[1499], seg[249], 0);
    assertEquals(x[1250], seg[250], 0, "loops within the section, not the file");
  }

  @Test
  void segmentReaderMatchesExtractOnTheWholeFile(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws java.io.IOException {
    int fs = 100;
    float[] x = new float[4321];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(i * 0.05) * 0.5f;
    }
    Path wav = tmp.resolve("1__a.wav");
    io.uatr.dsp.io.WavWriter.write(wav, x, fs, 1, io.uatr.dsp.io.SampleFormat.FLOAT32);
    Recording whole = new Recording(wav, "1", "A", 0, 1, Map.of(), 43.21, fs, 0, 43.21);
    SegmentConfig[] configs = {
      new SegmentConfig(10, 4, Policy.PAD, 2, Policy.LOOP),
      new SegmentConfig(10, 4, Policy.LOOP, 2, Policy.LOOP),
      new SegmentConfig(30, 15, Policy.DROP, 15, Policy.LOOP)
    };
    for (Recording r : List.of(whole, whole.section(5, 20), whole.section(30, 43.21))) {
      for (SegmentConfig c : configs) {
        for (Segment s : Segmenter.segments(r, c)) {
          org.junit.jupiter.api.Assertions.assertArrayEquals(
              Segmenter.extract(x, s), SegmentReader.read(s), s.toString());
        }
      }
    }
  }
}
