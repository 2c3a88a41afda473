package io.uatr.dsp.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The resampler's FIR kernel: Vector API and plain loops agree bit for bit, and with a naive sum.
 */
class FirKernelsTest {

  @Test
  void vectorAndScalarRoundsAreIdenticalAndMatchANaiveSum() {
    Random r = new Random(11);
    float[] taps = new float[339];
    for (int i = 0; i < taps.length; i++) {
      taps[i] = (float) r.nextGaussian();
    }
    for (int factor : new int[] {1, 2, 3}) {
      float[][] c = DecimatingFir.rows(taps, factor);
      int n = 64 + 5; // four vectors and a scalar tail
      float[][] p = new float[factor][n + c[0].length];
      for (float[] row : p) {
        for (int i = 0; i < row.length; i++) {
          row[i] = (float) r.nextGaussian();
        }
      }
      int stride = n + c[0].length;
      FirKernels.Taps flat = FirKernels.Taps.of(c, stride);
      float[] flatP = new float[factor * stride];
      for (int ph = 0; ph < factor; ph++) {
        System.arraycopy(p[ph], 0, flatP, ph * stride, stride);
      }
      float[] vec = new float[n];
      float[] plain = new float[n];
      FirKernels.polyphase(flatP, stride, c, flat, vec, n, true);
      FirKernels.polyphase(flatP, stride, c, flat, plain, n, false);
      for (int k = 0; k < n; k++) {
        double sum = 0;
        double mag = 0;
        for (int ph = 0; ph < factor; ph++) {
          for (int j = 0; j < c[ph].length; j++) {
            sum += (double) c[ph][j] * p[ph][k + j];
            mag += Math.abs((double) c[ph][j] * p[ph][k + j]);
          }
        }
        assertEquals(Float.floatToIntBits(plain[k]), Float.floatToIntBits(vec[k]), "D " + factor);
        assertEquals(sum, vec[k], 1e-6 * mag, "D " + factor + " output " + k);
      }
    }
  }

  /**
   * Stage 2's lane blocks (Vector API) and the scalar sum in tap order agree bit for bit, from any
   * starting output (a partial block first) and with a partial block last; and the sums are the
   * kernel's taps times the right samples (naive double reference).
   */
  @Test
  void laneBlocksEqualTheOrderedScalarSums() {
    assertTrue(VectorFir.lanesSupported(), "16 or 8 float lanes expected on the test machines");
    for (int[] rates : new int[][] {{52734, 16000}, {44100, 16000}}) {
      ResamplingKernel k = TwoStageDesign.of(ResamplerSpec.of(rates[0], rates[1])).interpolator();
      assertNotNull(k.laneBank, "lane bank for " + rates[0]);
      int taps = 2 * k.halfTaps;
      Random r = new Random(rates[0]);
      float[] buf = new float[8000];
      for (int i = 0; i < buf.length; i++) {
        buf[i] = (float) r.nextGaussian();
      }
      for (int row0 : new int[] {0, 5, 16, 31, k.q - 7}) {
        int rem0 = (int) ((long) row0 * k.p % k.q);
        int count = 1000 + row0 % 13;
        float[] vec = new float[count];
        float[] plain = new float[count];
        VectorFir.laneRun(k, buf, 3, rem0, row0, count, vec, 0);
        k.run(buf, 3, rem0, row0, count, plain, 0, true);
        for (int i = 0; i < count; i++) {
          assertEquals(
              Float.floatToIntBits(plain[i]),
              Float.floatToIntBits(vec[i]),
              rates[0] + " Hz, row " + row0 + ", output " + i);
          long pos = (long) row0 * k.p + (long) i * k.p; // position of output row0 + i, times q
          int x0 = 3 + (int) (pos / k.q - (long) row0 * k.p / k.q);
          int row = (int) ((row0 + (long) i) % k.q);
          double sum = 0;
          double mag = 0;
          for (int t = 0; t < taps; t++) {
            double term = (double) k.bank()[row * taps + t] * buf[x0 + t];
            sum += term;
            mag += Math.abs(term);
          }
          assertEquals(sum, vec[i], 1e-6 * mag, "output " + i);
        }
      }
    }
    ResamplingKernel up = ResamplingKernel.of(ResamplerSpec.of(16000, 52734));
    assertNull(up.laneBank, "no lane bank when q is not a multiple of 16");
  }
}
