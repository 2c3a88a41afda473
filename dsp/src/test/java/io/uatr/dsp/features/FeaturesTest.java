package io.uatr.dsp.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.spectral.FrameSink;
import io.uatr.dsp.spectral.StftConfig;
import io.uatr.dsp.spectral.WindowType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FeaturesTest {

  static float[] noise(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  @Test
  void melScaleKnownValues() {
    // Slaney: linear 3 f / 200 below 1 kHz, 15 mel at 1 kHz; HTK: 2595 log10(1 + f/700)
    assertEquals(15.0, MelScale.hzToMel(1000, false), 1e-12);
    assertEquals(7.5, MelScale.hzToMel(500, false), 1e-12);
    assertEquals(15.0 + 27.0, MelScale.hzToMel(6400, false), 1e-9);
    assertEquals(2595 * Math.log10(1 + 1000 / 700.0), MelScale.hzToMel(1000, true), 1e-9);
    for (double f : new double[] {0, 123.4, 999.9, 1000, 4321, 26367}) {
      assertEquals(f, MelScale.melToHz(MelScale.hzToMel(f, false), false), 1e-9 * (1 + f));
      assertEquals(f, MelScale.melToHz(MelScale.hzToMel(f, true), true), 1e-9 * (1 + f));
    }
  }

  @Test
  void filterbanksAreSharedPerDesignAndDistinctOtherwise() {
    MelFilterbank a = MelFilterbank.create(16000, 1024, 64, 10, 8000.0, false, MelNorm.SLANEY);
    MelFilterbank b = MelFilterbank.create(16000, 1024, 64, 10, 8000.0, false, MelNorm.SLANEY);
    MelFilterbank c = MelFilterbank.create(16000, 1024, 64, 10, 7000.0, false, MelNorm.SLANEY);
    assertSame(a, b);
    assertNotSame(a, c);
    assertTrue(c.centreFrequencies()[63] < a.centreFrequencies()[63]);
  }

  @Test
  void sparseFilterbankEqualsDenseProduct() {
    MelFilterbank fb = MelFilterbank.create(52734, 2048, 128, 0, null, false, MelNorm.SLANEY);
    float[][] dense = fb.dense();
    float[] spec = noise(1025, 3);
    for (int i = 0; i < spec.length; i++) {
      spec[i] = spec[i] * spec[i];
    }
    float[] out = new float[128];
    fb.apply(spec, out);
    for (int m = 0; m < 128; m++) {
      double acc = 0;
      for (int k = 0; k < 1025; k++) {
        acc += dense[m][k] * spec[k];
      }
      assertEquals(acc, out[m], 1e-5 * acc);
    }
    assertTrue(fb.nonZeros() < 1025 * 3, "sparse: " + fb.nonZeros());
  }

  @Test
  void slaneyNormGivesUnitAreaInHz() {
    // area normalisation: sum_k w[m][k] * (sr / n_fft) is close to 1 for wide-enough triangles
    MelFilterbank fb = MelFilterbank.create(22050, 4096, 40, 0, null, false, MelNorm.SLANEY);
    float[][] d = fb.dense();
    for (int m = 5; m < 40; m++) {
      double area = 0;
      for (float w : d[m]) {
        area += w * 22050.0 / 4096;
      }
      assertEquals(1.0, area, 0.02, "band " + m);
    }
  }

  @Test
  void emptyFiltersAreAllowedAndZero() {
    MelFilterbank fb = MelFilterbank.create(52734, 256, 128, 0, null, true, MelNorm.NONE);
    float[] out = new float[128];
    float[] spec = new float[129];
    java.util.Arrays.fill(spec, 1f);
    fb.apply(spec, out);
    assertEquals(0f, out[0]); // below the first FFT bin spacing: empty
  }

  static List<float[]> stream(
      Function<FrameSink, FeatureExtractor> make, float[] x, int block, int[] bins) {
    List<float[]> frames = new ArrayList<>();
    FeatureExtractor e =
        make.apply(
            (f, i) -> {
              assertEquals(frames.size(), i);
              frames.add(f.clone());
            });
    bins[0] = e.bins();
    for (int i = 0; i < x.length; i += block) {
      e.push(x, i, Math.min(block, x.length - i));
    }
    e.finish();
    assertEquals(e.frames(x.length), frames.size());
    return frames;
  }

  @Test
  void streamingEqualsOneShotForAnyBlockSize() {
    float[] x = noise(20000, 11);
    MelConfig mel = MelConfig.of(StftConfig.of(1024, 256), 64);
    MfccConfig mfcc = new MfccConfig(mel, 13);
    SpectrogramConfig spec = SpectrogramConfig.of(StftConfig.of(512, 128), SpectrogramScale.DB);
    CqtConfig cqt = new CqtConfig(300, 110, 48, 12, 1.0, WindowType.HANN, false, 1e-5, null, 1e-4);
    float[][] lm = LogMel.compute(x, 16000, mel);
    float[][] mf = Mfcc.compute(x, 16000, mfcc);
    float[][] sp = StftExtractor.compute(x, 16000, spec);
    float[][] cq = Cqt.compute(x, 16000, cqt);
    int[] bins = new int[1];
    for (int block : new int[] {1, 77, 4096, 20000}) {
      assertColumns(lm, stream(s -> new LogMelExtractor(mel, 16000, s), x, block, bins));
      assertColumns(mf, stream(s -> new MfccExtractor(mfcc, 16000, s), x, block, bins));
      assertColumns(sp, stream(s -> new StftExtractor(spec, 16000, s), x, block, bins));
      assertColumns(cq, stream(s -> new CqtExtractor(cqt, 16000, s), x, block, bins));
    }
  }

  static void assertColumns(float[][] matrix, List<float[]> frames) {
    assertEquals(matrix[0].length, frames.size());
    for (int t = 0; t < frames.size(); t++) {
      float[] col = new float[matrix.length];
      for (int r = 0; r < matrix.length; r++) {
        col[r] = matrix[r][t];
      }
      assertArrayEquals(col, frames.get(t), "frame " + t);
    }
  }

  @Test
  void dctIsOrthonormal() {
    float[][] d = Mfcc.dctMatrix(32, 32);
    for (int a = 0; a < 32; a++) {
      for (int b = 0; b < 32; b++) {
        double dot = 0;
        for (int n = 0; n < 32; n++) {
          dot += d[a][n] * d[b][n];
        }
        assertEquals(a == b ? 1.0 : 0.0, dot, 1e-6);
      }
    }
  }

  @Test
  void constantLogMelGivesOnlyC0() {
    // a flat log-mel column: c0 = sqrt(N) * value, all others 0
    float[][] lm = new float[40][3];
    for (float[] row : lm) {
      java.util.Arrays.fill(row, -20f);
    }
    float[][] c = Mfcc.dct(lm, 13);
    assertEquals(-20 * Math.sqrt(40), c[0][1], 1e-4);
    for (int k = 1; k < 13; k++) {
      assertEquals(0.0, c[k][1], 1e-4);
    }
  }

  @Test
  void cqtPureTonePeaksAtItsBinWithHalfAmplitude() {
    double sr = 22050;
    CqtConfig c = CqtConfig.defaults();
    double[] f = c.frequencies();
    for (int k : new int[] {9, 30, 57, 83}) {
      float[] x = new float[22050];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (0.8 * Math.cos(2 * Math.PI * f[k] * i / sr));
      }
      float[][] cq = Cqt.compute(x, sr, c);
      int mid = cq[0].length / 2;
      int best = 0;
      for (int b = 1; b < cq.length; b++) {
        if (cq[b][mid] > cq[best][mid]) {
          best = b;
        }
      }
      assertEquals(k, best, "tone at bin " + k);
      assertEquals(0.4, cq[k][mid], 0.4 * 0.01, "amplitude / 2 at bin " + k);
    }
  }

  @Test
  void logMelOfSineIsMaximalInTheBandAroundIt() {
    double sr = 52734;
    float[] x = new float[52734];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(2 * Math.PI * 3000 * i / sr);
    }
    LogMelExtractor e = new LogMelExtractor(MelConfig.defaults(), sr, (a, b) -> {});
    double[] centres = e.rowValues();
    float[][] lm = LogMel.compute(x, sr, MelConfig.defaults());
    int best = 0;
    for (int m = 1; m < lm.length; m++) {
      if (lm[m][40] > lm[best][40]) {
        best = m;
      }
    }
    assertTrue(Math.abs(centres[best] - 3000) < 0.06 * 3000, "peak band centre " + centres[best]);
    assertEquals(512 / sr, e.frameSeconds(), 1e-12);
  }

  @Test
  void configErrorsNameTheLibrosaKey() {
    StftConfig s = StftConfig.defaults();
    assertMessage(
        "n_mels must be >= 1, was 0",
        () -> new MelConfig(s, 0, 0, null, false, MelNorm.SLANEY, 2, 1e-10, null));
    assertMessage(
        "fmax must be > fmin=100.0, was 50.0",
        () -> new MelConfig(s, 10, 100, 50.0, false, MelNorm.SLANEY, 2, 1e-10, null));
    assertMessage(
        "top_db must be >= 0 or null, was -1.0",
        () -> new MelConfig(s, 10, 0, null, false, MelNorm.SLANEY, 2, 1e-10, -1.0));
    assertMessage(
        "amin must be > 0, was 0.0",
        () -> new MelConfig(s, 10, 0, null, false, MelNorm.SLANEY, 2, 0, null));
    assertMessage(
        "n_mfcc must be in [1, n_mels=128], was 200",
        () -> new MfccConfig(MelConfig.defaults(), 200));
    assertMessage(
        "bins_per_octave must be >= 1, was 0",
        () -> new CqtConfig(512, 32.7, 84, 0, 1, WindowType.HANN, false, 1e-5, null, 1e-4));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CqtExtractor(CqtConfig.defaults(), 7000, (a, b) -> {}));
    assertTrue(e.getMessage().contains("n_bins=84"), e.getMessage());
    assertTrue(e.getMessage().contains("fmin"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new MfccExtractor(
                new MfccConfig(MelConfig.defaults().withTopDb(80.0), 20), 22050, (a, b) -> {}));
    assertThrows(IllegalArgumentException.class, () -> MelNorm.parse("l3"));
  }

  static void assertMessage(String expected, org.junit.jupiter.api.function.Executable ex) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, ex).getMessage());
  }

  @Test
  void applyTopDbUsesTheGlobalMaximum() {
    float[][] db = {{0f, -100f}, {-30f, 10f}};
    float floor = LogMel.applyTopDb(db, 80);
    assertEquals(-70f, floor);
    assertArrayEquals(new float[] {0f, -70f}, db[0]);
    assertArrayEquals(new float[] {-30f, 10f}, db[1]);
  }

  @Test
  void nonPowerOfTwoFftMatchesNaiveLogMel() {
    // n_fft 1000 takes the frame-by-frame path; reference: naive DFT + dense filterbank + log
    StftConfig stft = StftConfig.of(1000, 250);
    MelConfig c = new MelConfig(stft, 24, 50, 7000.0, true, MelNorm.NONE, 2.0, 1e-10, null);
    float[] x = noise(4000, 5);
    float[][] got = LogMel.compute(x, 16000, c);
    float[][] w = c.filterbank(16000).dense();
    int frames = (int) stft.frames(x.length);
    for (int t = 0; t < frames; t += 3) {
      double[] power = new double[501];
      for (int k = 0; k <= 500; k++) {
        double re = 0;
        double im = 0;
        for (int n = 0; n < 1000; n++) {
          int j = t * 250 + n - 500;
          double v = j < 0 ? x[-j] : j >= x.length ? x[2 * (x.length - 1) - j] : x[j];
          v *= 0.5 - 0.5 * Math.cos(2 * Math.PI * n / 1000);
          re += v * Math.cos(-2 * Math.PI * k * n / 1000);
          im += v * Math.sin(-2 * Math.PI * k * n / 1000);
        }
        power[k] = re * re + im * im;
      }
      for (int m = 0; m < 24; m++) {
        double acc = 0;
        for (int k = 0; k <= 500; k++) {
          acc += w[m][k] * power[k];
        }
        assertEquals(10 * Math.log10(Math.max(acc, 1e-10)), got[m][t], 1e-3, "t " + t);
      }
    }
  }

  @Test
  void fastDbMatchesLog10() {
    Random r = new Random(9);
    double worst = 0;
    for (int i = 0; i < 200_000; i++) {
      float v = (float) Math.pow(10, -12 + 24 * r.nextDouble());
      worst = Math.max(worst, Math.abs(LogMel.fastDb(v) - 10 * Math.log10(v)));
    }
    for (float v : new float[] {1f, 2f, 0.5f, 1e-10f, Math.nextUp(1f), (float) Math.sqrt(2)}) {
      worst = Math.max(worst, Math.abs(LogMel.fastDb(v) - 10 * Math.log10(v)));
    }
    assertTrue(worst < 2e-5, "worst " + worst);
    assertEquals(Float.NEGATIVE_INFINITY, LogMel.fastDb(0f));
    assertTrue(Float.isNaN(LogMel.fastDb(Float.NaN)));
    assertEquals(Float.POSITIVE_INFINITY, LogMel.fastDb(Float.POSITIVE_INFINITY));
  }

  @Test
  void stftExtractorMatchesJtransformsStft() {
    float[] x = noise(9000, 21);
    for (int nFft : new int[] {256, 300}) {
      StftConfig stft = StftConfig.of(nFft, 100);
      float[][] ref = io.uatr.dsp.spectral.Stft.power(x, stft); // [frames][bins]
      float[][] pw =
          StftExtractor.compute(x, 8000, SpectrogramConfig.of(stft, SpectrogramScale.POWER));
      float[][] mag =
          StftExtractor.compute(x, 8000, SpectrogramConfig.of(stft, SpectrogramScale.MAGNITUDE));
      float[][] db =
          StftExtractor.compute(x, 8000, SpectrogramConfig.of(stft, SpectrogramScale.DB));
      assertEquals(ref.length, pw[0].length);
      for (int t = 0; t < ref.length; t++) {
        for (int k = 0; k < stft.bins(); k++) {
          double p = ref[t][k];
          assertEquals(p, pw[k][t], 1e-4 * p + 1e-4, "power n_fft " + nFft);
          assertEquals(Math.sqrt(p), mag[k][t], 1e-4 * Math.sqrt(p) + 1e-4, "magnitude");
          if (p > 1e-3) {
            assertEquals(10 * Math.log10(p), db[k][t], 1e-3, "dB");
          }
        }
      }
    }
  }
}
