package io.uatr.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.uatr.datasets.Recording;
import io.uatr.datasets.Segment;
import io.uatr.datasets.SegmentConfig;
import io.uatr.datasets.SegmentConfig.Policy;
import io.uatr.datasets.Segmenter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming segmenter cuts exactly what the datasets module's Segmenter cuts. */
class StreamingSegmenterTest {

  @Test
  void matchesDatasetSegmenterForAllPoliciesLengthsAndBlockSizes() {
    Random rnd = new Random(3);
    int sr = 100;
    int cases = 0;
    for (Policy last : Policy.values()) {
      for (Policy shortRec : Policy.values()) {
        for (double hop : new double[] {0.5, 1.0, 1.3}) {
          SegmentConfig c = new SegmentConfig(1.0, hop, last, 0.3, shortRec);
          for (int n : new int[] {0, 1, 37, 99, 100, 101, 149, 150, 151, 230, 377, 1000}) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
              x[i] = rnd.nextFloat();
            }
            List<float[]> expected = reference(x, sr, c);
            List<SegmentWindow> got = new ArrayList<>();
            StreamingSegmenter s = new StreamingSegmenter(c, sr, got::add);
            int off = 0;
            while (off < n) {
              int len = Math.min(n - off, 1 + rnd.nextInt(rnd.nextBoolean() ? 7 : 260));
              s.push(x, off, len);
              off += len;
            }
            s.finish();
            assertEquals(expected.size(), got.size(), c + " n=" + n);
            for (int k = 0; k < expected.size(); k++) {
              assertEquals(k, got.get(k).index());
              assertArrayEquals(expected.get(k), got.get(k).samples(), c + " n=" + n + " k=" + k);
            }
            cases++;
          }
        }
      }
    }
    assertEquals(9 * 3 * 12, cases);
  }

  private static List<float[]> reference(float[] x, int sr, SegmentConfig c) {
    Recording r =
        new Recording(
            Path.of("x.wav"),
            "x",
            "a",
            0,
            0,
            Map.of(),
            x.length / (double) sr,
            sr,
            0,
            x.length / (double) sr);
    List<float[]> out = new ArrayList<>();
    for (Segment s : Segmenter.segments(r, c)) {
      out.add(Segmenter.extract(x, s));
    }
    return out;
  }
}
