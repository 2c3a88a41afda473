package io.uatr.dsp.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Vector API kernels give the same floats as the plain loops, and are really in use here. */
class SimdTest {

  @Test
  void testsRunWithTheVectorModule() {
    // surefire passes --add-modules jdk.incubator.vector (as the uatr launcher does); without it
    // the tests below would only compare the scalar path with itself
    assertTrue(Simd.ENABLED, Simd.describe());
  }

  @Test
  void powerSpectraAreBitIdenticalWithAndWithoutSimd() {
    int nFft = 1024;
    int batch = 64;
    int hop = 100;
    BatchPowerSpectrum vec = new BatchPowerSpectrum(nFft, batch, true);
    BatchPowerSpectrum plain = new BatchPowerSpectrum(nFft, batch, false);
    int width = batch + (nFft + hop - 1) / hop;
    float[] columns = new float[hop * width];
    Random r = new Random(3);
    for (int i = 0; i < columns.length; i++) {
      columns[i] = (float) (r.nextGaussian() * Math.exp(r.nextGaussian()));
    }
    float[] window = Windows.get(WindowType.HANN, nFft, true);
    vec.loadColumns(columns, width, hop, window);
    plain.loadColumns(columns, width, hop, window);
    vec.transform();
    plain.transform();
    for (int k = 0; k <= nFft / 2; k++) {
      for (int l = 0; l < batch; l++) {
        assertEquals(
            Float.floatToIntBits(plain.powerRow(k)[l]),
            Float.floatToIntBits(vec.powerRow(k)[l]),
            "bin " + k + " lane " + l);
      }
    }
  }

  @Test
  void decibelsAreBitIdenticalWithAndWithoutSimd() {
    Random r = new Random(5);
    int n = 1000 + 13; // not a multiple of any vector length
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) Math.pow(10, r.nextDouble() * 80 - 40);
    }
    float[] specials = {0f, -1f, Float.MIN_VALUE, 1e-39f, Float.NaN, Float.POSITIVE_INFINITY};
    for (int i = 0; i < specials.length; i++) {
      x[100 + 37 * i] = specials[i];
    }
    for (float amin : new float[] {1e-10f, 1e-45f}) {
      float[] a = x.clone();
      float[] b = x.clone();
      Decibels.powerToDb(a, n, amin, true);
      Decibels.powerToDb(b, n, amin, false);
      for (int i = 0; i < n; i++) {
        assertEquals(Float.floatToIntBits(b[i]), Float.floatToIntBits(a[i]), "value " + x[i]);
        if (x[i] >= Math.max(amin, 1e-30f) && x[i] < Float.POSITIVE_INFINITY) {
          assertEquals(10 * Math.log10(x[i]), a[i], 2 * Math.ulp(a[i]) + 1e-6, "dB of " + x[i]);
        }
      }
    }
  }

  @Test
  void sparseBandsMatchANaiveSumAndThePlainLoop() {
    Random r = new Random(7);
    int bins = 40;
    int n = 64 + 5;
    float[][] rows = new float[bins][n];
    for (float[] row : rows) {
      for (int l = 0; l < n; l++) {
        row[l] = r.nextFloat();
      }
    }
    // three bands: bins 0-4, 3-20, 39-39
    int[] start = {0, 3, 39};
    int[] offset = {0, 5, 23, 24};
    float[] w = new float[24];
    for (int j = 0; j < w.length; j++) {
      w[j] = r.nextFloat();
    }
    float[][] vec = new float[3][n];
    float[][] plain = new float[3][n];
    Simd.sparseBands(rows, vec, w, start, offset, 3, n, true);
    Simd.sparseBands(rows, plain, w, start, offset, 3, n, false);
    for (int m = 0; m < 3; m++) {
      for (int l = 0; l < n; l++) {
        double sum = 0;
        for (int j = offset[m]; j < offset[m + 1]; j++) {
          sum += (double) w[j] * rows[start[m] + j - offset[m]][l];
        }
        assertEquals(sum, vec[m][l], 1e-5 * Math.abs(sum), "band " + m + " lane " + l);
        assertEquals(Float.floatToIntBits(plain[m][l]), Float.floatToIntBits(vec[m][l]));
      }
    }
  }
}
