package io.uatr.dsp.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.uatr.dsp.spectral.PadMode;
import io.uatr.dsp.spectral.Stft;
import io.uatr.dsp.spectral.StftConfig;
import io.uatr.dsp.spectral.WindowType;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The batched path (hop matrix, 64 frames per FFT batch) against the frame-by-frame JTransforms
 * STFT ({@link Stft}, itself checked against a naive DFT), for hops that divide n_fft, that do not,
 * and that exceed it, centred with both paddings and not centred, streamed in odd block sizes.
 */
class BatchedPowerFramesTest {

  @ParameterizedTest
  @CsvSource({
    "2048, 512, true, REFLECT, 52734",
    "2048, 512, true, CONSTANT, 40000",
    "256, 100, true, REFLECT, 20000",
    "256, 64, false, REFLECT, 9000",
    "128, 300, true, REFLECT, 30000",
    "64, 7, true, REFLECT, 3000",
    "512, 128, true, REFLECT, 700",
    "256, 128, false, REFLECT, 255",
    "256, 128, false, REFLECT, 256"
  })
  void matchesFrameByFrameStft(int nFft, int hop, boolean center, PadMode pad, int n) {
    StftConfig config = new StftConfig(nFft, hop, nFft, WindowType.HANN, center, pad);
    float[] x = new float[n];
    Random r = new Random(nFft + hop + n);
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextGaussian() + Math.sin(0.05 * i));
    }
    float[][] expected = Stft.power(x, config);
    float[][] got = new float[expected.length][];
    int[] seen = {0};
    BatchedPowerFrames b =
        new BatchedPowerFrames(
            config,
            (rows, first, lanes) -> {
              for (int l = 0; l < lanes; l++) {
                float[] f = new float[nFft / 2 + 1];
                for (int k = 0; k < f.length; k++) {
                  f[k] = rows[k][l];
                }
                got[(int) first + l] = f;
                seen[0]++;
              }
            });
    for (int i = 0, block = 1; i < n; i += block, block = block * 3 % 9001 + 1) {
      b.push(x, i, Math.min(block, n - i));
    }
    b.finish();
    assertEquals(expected.length, seen[0], "frames");
    for (int t = 0; t < expected.length; t++) {
      double energy = 0;
      for (float v : expected[t]) {
        energy += v;
      }
      for (int k = 0; k < expected[t].length; k++) {
        assertEquals(expected[t][k], got[t][k], 1e-5 * energy + 1e-6, "frame " + t + " bin " + k);
      }
    }
  }
}
