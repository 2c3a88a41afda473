package io.uatr.dsp.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
