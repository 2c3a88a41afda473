package io.uatr.dsp.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchPowerSpectrumTest {

  @ParameterizedTest
  @CsvSource({"4, 1", "8, 3", "64, 5", "512, 16", "2048, 7", "2048, 64"})
  void matchesNaiveDftPower(int nFft, int batch) {
    BatchPowerSpectrum b = new BatchPowerSpectrum(nFft, batch);
    float[] window = Windows.get(WindowType.HANN, nFft, true);
    float[] x = StftTest.noise(nFft + 37 * (batch + 1), nFft + batch);
    // hop matrix of x for hop 37 (which divides no n_fft): columns[p * width + c] = x[37 c + p]
    int width = batch + (nFft + 36) / 37;
    float[] columns = new float[37 * width];
    for (int p = 0; p < 37; p++) {
      for (int c = 0; c < width; c++) {
        columns[p * width + c] = x[37 * c + p];
      }
    }
    double[] cos = new double[nFft];
    double[] sin = new double[nFft];
    for (int j = 0; j < nFft; j++) {
      cos[j] = Math.cos(2 * Math.PI * j / nFft);
      sin[j] = Math.sin(2 * Math.PI * j / nFft);
    }
    b.loadColumns(columns, width, 37, window);
    b.transform();
    for (int l = 0; l < batch; l += batch > 8 ? 21 : 1) {
      for (int k = 0; k <= nFft / 2; k++) {
        double re = 0;
        double im = 0;
        for (int n = 0; n < nFft; n++) {
          double v = (double) x[37 * l + n] * window[n];
          int j = (int) ((long) k * n % nFft);
          re += v * cos[j];
          im -= v * sin[j];
        }
        double p = re * re + im * im;
        assertEquals(p, b.powerRow(k)[l], 1e-5 * nFft + 1e-5 * p, "lane " + l + " bin " + k);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"6, 1", "2, 4", "1024, 0"})
  void rejectsBadShapes(int nFft, int batch) {
    assertThrows(IllegalArgumentException.class, () -> new BatchPowerSpectrum(nFft, batch));
  }
}
