package io.uatr.dsp.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.uatr.dsp.spectral.PadMode;
import io.uatr.dsp.spectral.StftConfig;
import io.uatr.dsp.spectral.WindowType;
import org.junit.jupiter.api.Test;

/**
 * Compares against arrays computed by src/test/resources/golden/spectral/make_golden.py (numpy and
 * scipy, float64, written from librosa's documented definitions).
 */
class GoldenFeaturesTest {
  static final float[] X22 = NpyReader.golden("signal_22050").floats();
  static final float[] X52 = NpyReader.golden("signal_52734").floats();

  static MelConfig mel(
      int nFft,
      int hop,
      int nMels,
      double fmin,
      Double fmax,
      boolean htk,
      MelNorm norm,
      double power,
      Double topDb) {
    StftConfig stft = new StftConfig(nFft, hop, nFft, WindowType.HANN, true, PadMode.REFLECT);
    return new MelConfig(stft, nMels, fmin, fmax, htk, norm, power, 1e-10, topDb);
  }

  /**
   * dB within {@code tolDb} wherever the reference mel energy is no more than 60 dB below the
   * matrix maximum (float32 FFT rounding grows relative to tiny energies); everywhere within 0.05
   * dB.
   */
  static void assertDbClose(String name, double[][] ref, double[][] refLinear, float[][] got) {
    assertEquals(ref.length, got.length, name + " rows");
    double max = 0;
    for (double[] row : refLinear) {
      for (double v : row) {
        max = Math.max(max, v);
      }
    }
    double worstStrong = 0;
    double worstAll = 0;
    for (int r = 0; r < ref.length; r++) {
      assertEquals(ref[r].length, got[r].length, name + " frames");
      for (int t = 0; t < ref[r].length; t++) {
        double err = Math.abs(ref[r][t] - got[r][t]);
        worstAll = Math.max(worstAll, err);
        if (refLinear[r][t] >= 1e-6 * max) {
          worstStrong = Math.max(worstStrong, err);
        }
      }
    }
    assertTrue(worstStrong <= 1e-3, name + ": worst dB error (strong cells) " + worstStrong);
    assertTrue(worstAll <= 0.05, name + ": worst dB error (all cells) " + worstAll);
  }

  static void check(String name, float[] x, double sr, MelConfig c) {
    double[][] ref = NpyReader.golden(name).matrix();
    double[][] lin = NpyReader.golden(name + "_linear").matrix();
    assertDbClose(name, ref, lin, LogMel.compute(x, sr, c));
    float[][] linear = LogMel.melSpectrogram(x, sr, c);
    for (int r = 0; r < lin.length; r++) {
      for (int t = 0; t < lin[r].length; t++) {
        assertEquals(lin[r][t], linear[r][t], 1e-4 * lin[r][t] + 1e-9, name + " linear " + r);
      }
    }
  }

  @Test
  void logMelSlaneyNfft2048() {
    check(
        "logmel_slaney_2048",
        X22,
        22050,
        mel(2048, 512, 128, 0, null, false, MelNorm.SLANEY, 2.0, null));
  }

  @Test
  void logMelHtkNoNormNfft512WithFmax() {
    check(
        "logmel_htk_none_512",
        X22,
        22050,
        mel(512, 128, 40, 20.0, 8000.0, true, MelNorm.NONE, 2.0, null));
  }

  @Test
  void logMelOfMagnitudeAt52734() {
    check(
        "logmel_magnitude_52734",
        X52,
        52734,
        mel(2048, 512, 64, 0, 20000.0, false, MelNorm.SLANEY, 1.0, null));
  }

  @Test
  void logMelTopDbOneShotAndStreamingPostPass() {
    MelConfig c = mel(512, 256, 64, 0, null, false, MelNorm.SLANEY, 2.0, 50.0);
    check("logmel_topdb_52734", X52, 52734, c);
    // streaming: unclipped frames, reported top_db, then the caller's second pass
    float[][] out = new float[64][(int) c.stft().frames(X52.length)];
    LogMelExtractor e = new LogMelExtractor(c, 52734, LogMel.columnSink(out));
    assertEquals(50.0, e.topDbPostPass().orElseThrow());
    for (int i = 0; i < X52.length; i += 1000) {
      e.push(X52, i, Math.min(1000, X52.length - i));
    }
    e.finish();
    LogMel.applyTopDb(out, e.topDbPostPass().orElseThrow());
    double[][] ref = NpyReader.golden("logmel_topdb_52734").matrix();
    double[][] lin = NpyReader.golden("logmel_topdb_52734_linear").matrix();
    assertDbClose("streaming top_db", ref, lin, out);
  }

  @Test
  void filterbanksMatchLibrosaFormula() {
    float[][] slaney = MelFilterbank.create(22050, 512, 40, 0, null, false, MelNorm.SLANEY).dense();
    float[][] htk = MelFilterbank.create(52734, 1024, 64, 30, 18000.0, true, MelNorm.NONE).dense();
    compareWeights("slaney", NpyReader.golden("melfb_slaney_22050_512_40").matrix(), slaney);
    compareWeights("htk", NpyReader.golden("melfb_htk_none_52734_1024_64").matrix(), htk);
  }

  static void compareWeights(String name, double[][] ref, float[][] got) {
    assertEquals(ref.length, got.length);
    for (int m = 0; m < ref.length; m++) {
      assertEquals(ref[m].length, got[m].length);
      for (int k = 0; k < ref[m].length; k++) {
        assertEquals(ref[m][k], got[m][k], 1e-6 * Math.abs(ref[m][k]) + 1e-9, name + " " + m);
      }
    }
  }

  @Test
  void mfccMatchesScipyOrthoDct() {
    MfccConfig c =
        new MfccConfig(mel(2048, 512, 128, 0, null, false, MelNorm.SLANEY, 2.0, null), 20);
    compareMfcc("mfcc_22050_2048_20", Mfcc.compute(X22, 22050, c));
    MfccConfig d = new MfccConfig(mel(512, 256, 64, 0, null, true, MelNorm.NONE, 2.0, 80.0), 13);
    compareMfcc("mfcc_topdb80_52734_512_13", Mfcc.compute(X52, 52734, d));
  }

  static void compareMfcc(String name, float[][] got) {
    double[][] ref = NpyReader.golden(name).matrix();
    assertEquals(ref.length, got.length);
    for (int k = 0; k < ref.length; k++) {
      for (int t = 0; t < ref[k].length; t++) {
        assertEquals(ref[k][t], got[k][t], 1e-3 + 1e-5 * Math.abs(ref[k][t]), name + " c" + k);
      }
    }
  }

  /**
   * With every kernel entry kept (sparsity 0) the FFT-kernel CQT equals the direct time-domain sum
   * to relative 1e-3 in every cell down to 80 dB below the maximum; with the default sparsity 1e-4
   * the dropped entries leave an absolute error below 1e-3 of the matrix maximum.
   */
  @Test
  void cqtMatchesDirectTimeDomainReference() {
    CqtConfig def = CqtConfig.defaults();
    compareCqt("cqt_22050_default", X22, 22050, withSparsity(def, 0), 1e-3, 1e-4);
    compareCqt("cqt_22050_default", X22, 22050, def, 0, 1e-3);
    CqtConfig bpo24 =
        new CqtConfig(256, 55.0, 96, 24, 0.8, WindowType.HANN, false, 1e-5, null, 1e-4);
    compareCqt("cqt_52734_bpo24", X52, 52734, withSparsity(bpo24, 0), 1e-3, 1e-4);
    compareCqt("cqt_52734_bpo24", X52, 52734, bpo24, 0, 1e-3);
  }

  static CqtConfig withSparsity(CqtConfig c, double s) {
    return new CqtConfig(
        c.hopLength(),
        c.fmin(),
        c.nBins(),
        c.binsPerOctave(),
        c.filterScale(),
        c.window(),
        c.db(),
        c.amin(),
        c.topDb(),
        s);
  }

  /** Passes when |got - ref| <= rel * |ref| + absOfMax * max(ref) in every cell. */
  static void compareCqt(
      String name, float[] x, double sr, CqtConfig c, double rel, double absOfMax) {
    double[] lengths = NpyReader.golden(name + "_lengths").data;
    int[] mine = c.lengths(sr);
    for (int k = 0; k < lengths.length; k++) {
      assertEquals((int) lengths[k], mine[k], name + " filter length of bin " + k);
    }
    double[][] ref = NpyReader.golden(name).matrix();
    float[][] got = Cqt.compute(x, sr, c);
    double max = 0;
    for (double[] row : ref) {
      for (double v : row) {
        max = Math.max(max, v);
      }
    }
    assertEquals(ref.length, got.length);
    for (int k = 0; k < ref.length; k++) {
      assertEquals(ref[k].length, got[k].length, name + " frames");
      for (int t = 0; t < ref[k].length; t++) {
        double tol = rel * Math.abs(ref[k][t]) + absOfMax * max;
        if (Math.abs(ref[k][t] - got[k][t]) > tol) {
          fail(name + " bin " + k + " frame " + t + ": " + got[k][t] + " vs " + ref[k][t]);
        }
      }
    }
  }
}
