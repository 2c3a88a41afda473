package io.uatr.dsp.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import io.uatr.dsp.spectral.StftConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ModSpecTest {
  private static final int SR = 4000;

  static float[][] compute(ModSpecConfig c, double sr, float[] x) {
    ModSpecLayout layout = c.layout(sr);
    float[][] out = new float[c.mel().nMels()][layout.modBins()];
    ModSpecExtractor ex = new ModSpecExtractor(c, sr, LogMel.columnSink(out));
    ex.push(x, 0, x.length);
    ex.finish();
    return out;
  }

  static float[] noise(double seconds, long seed, DoubleUnaryOperator m) {
    Random rnd = new Random(seed);
    float[] x = new float[(int) Math.round(seconds * SR)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (rnd.nextGaussian() * m.applyAsDouble((double) i / SR));
    }
    return x;
  }

  /** The definition in double with a direct DFT over time, from the same band energies. */
  static double[][] naive(float[][] e, ModSpecConfig c, double sr) {
    double rate = sr / c.mel().stft().hopLength();
    int w = (int) Math.round(c.modWindowSeconds() * rate);
    int n = 1;
    while (n < w) {
      n *= 2;
    }
    int h = w / 2;
    int frames = e[0].length;
    double[] hann = new double[w];
    double sw = 0;
    for (int i = 0; i < w; i++) {
      hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / w);
      sw += hann[i];
    }
    int kLo = -1;
    int kHi = -1;
    for (int k = 0; k <= n / 2; k++) {
      double f = k * rate / n;
      if (f >= c.modFmin() - 1e-9 && f <= c.modFmax() + 1e-9) {
        kLo = kLo < 0 ? k : kLo;
        kHi = k;
      }
    }
    double[][] out = new double[e.length][kHi - kLo + 1];
    for (int b = 0; b < e.length; b++) {
      double mu = 0;
      for (float v : e[b]) {
        mu += v;
      }
      mu /= frames;
      int windows = 0;
      double[] p = new double[out[b].length];
      for (int s = 0; windows == 0 || s + w <= frames; s += h) {
        int valid = Math.min(w, frames - s);
        double mean = 0;
        for (int t = 0; t < valid; t++) {
          mean += e[b][s + t];
        }
        mean /= valid;
        for (int k = kLo; k <= kHi; k++) {
          double re = 0;
          double im = 0;
          for (int t = 0; t < valid; t++) {
            double v = (e[b][s + t] - mean) * hann[t];
            re += v * Math.cos(2 * Math.PI * k * t / n);
            im -= v * Math.sin(2 * Math.PI * k * t / n);
          }
          p[k - kLo] += re * re + im * im;
        }
        windows++;
        if (valid < w) {
          break;
        }
      }
      for (int j = 0; j < p.length; j++) {
        double v = p[j] / windows / (sw * sw) / (mu * mu);
        out[b][j] = c.db() ? 10 * Math.log10(Math.max(v, c.amin())) : v;
      }
    }
    return out;
  }

  static ModSpecConfig small() {
    MelConfig mel = MelConfig.of(StftConfig.of(64, 16), 8);
    return new ModSpecConfig(mel, 0.4, 0.5, 50, true, 1e-10);
  }

  /** Columns up to 20 Hz: above about 2 sr / n_fft (31 Hz here) the 64 ms frames roll off. */
  static final double LINE_BAND_HZ = 20.0;

  /**
   * Unmodulated noise: no bin below 20 Hz stands more than this above its band's median over
   * [mod_fmin, 20 Hz] (measured: at most 12.8 dB over seeds 1-10 x 16 bands, 4 s segments).
   */
  static final double NO_LINE_DB = 15.0;

  /** [peak column, peak minus median in dB] of one row over the columns up to LINE_BAND_HZ. */
  static double[] line(float[] row, double[] fm) {
    int lim = 0;
    while (lim < fm.length && fm[lim] <= LINE_BAND_HZ) {
      lim++;
    }
    float[] q = Arrays.copyOf(row, lim);
    Arrays.sort(q);
    int arg = 0;
    for (int j = 1; j < lim; j++) {
      if (row[j] > row[arg]) {
        arg = j;
      }
    }
    return new double[] {arg, row[arg] - q[lim / 2]};
  }

  /** Asserts the strongest line of every band within one bin of f and standing > NO_LINE_DB. */
  static void assertLineAt(DoubleUnaryOperator m, double f, String what) {
    ModSpecConfig c = ModSpecConfig.defaults();
    ModSpecLayout layout = c.layout(SR);
    double[] fm = layout.frequencies();
    double minStand = Double.POSITIVE_INFINITY;
    for (long seed = 1; seed <= 3; seed++) {
      float[][] v = compute(c, SR, noise(4, seed, m));
      for (int b = 0; b < v.length; b++) {
        // strongest over the whole modulation range
        int arg = 0;
        for (int j = 1; j < v[b].length; j++) {
          if (v[b][j] > v[b][arg]) {
            arg = j;
          }
        }
        assertTrue(
            Math.abs(fm[arg] - f) <= layout.binHz(),
            what + " seed " + seed + " band " + b + ": strongest line at " + fm[arg] + " Hz");
        double[] l = line(v[b], fm);
        minStand = Math.min(minStand, l[1]);
      }
    }
    System.out.printf(Locale.ROOT, "%s: lines stand >= %.2f dB above the median%n", what, minStand);
    assertTrue(minStand > NO_LINE_DB, what + ": line stands only " + minStand + " dB");
  }

  @Test
  void amplitudeModulatedNoiseGivesALineAtTheModulationRate() {
    assertLineAt(t -> 1 + 0.5 * Math.cos(2 * Math.PI * 7.5 * t), 7.5, "AM 7.5 Hz, m=0.5");
  }

  @Test
  void cavitationModulationPeaksAtTheStrongestHarmonic() {
    double f0 = 2.0;
    double[] a = {0.2, 0.4, 0.15}; // the 2nd harmonic (4 Hz, blade rate of a 2-blade shaft) rules
    assertLineAt(
        t -> {
          double s = 1;
          for (int n = 1; n <= a.length; n++) {
            s += a[n - 1] * Math.cos(2 * Math.PI * n * f0 * t);
          }
          return s;
        },
        4.0,
        "cavitation f0=2 Hz");
  }

  @Test
  void unmodulatedNoiseHasNoLine() {
    ModSpecConfig c = ModSpecConfig.defaults();
    double[] fm = c.layout(SR).frequencies();
    double worst = Double.NEGATIVE_INFINITY;
    for (long seed = 1; seed <= 3; seed++) {
      float[][] v = compute(c, SR, noise(4, seed, t -> 1));
      for (float[] row : v) {
        worst = Math.max(worst, line(row, fm)[1]);
      }
    }
    System.out.printf(Locale.ROOT, "unmodulated: highest bin %.2f dB above the median%n", worst);
    assertTrue(worst < NO_LINE_DB, "unmodulated noise: a bin stands " + worst + " dB");
  }

  @Test
  void matchesNaiveReference() {
    ModSpecConfig c = small();
    for (double seconds : new double[] {1.3, 0.2}) {
      int sr = 2000;
      Random rnd = new Random(3);
      float[] x = new float[(int) (seconds * sr)];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (rnd.nextGaussian() * (1 + 0.6 * Math.sin(2 * Math.PI * 11 * i / sr)));
      }
      float[][] e = LogMel.melSpectrogram(x, sr, c.mel());
      double[][] ref = naive(e, c, sr);
      float[][] got = compute(c, sr, x);
      double maxDiff = 0;
      for (int b = 0; b < ref.length; b++) {
        assertEquals(ref[b].length, got[b].length);
        for (int j = 0; j < ref[b].length; j++) {
          maxDiff = Math.max(maxDiff, Math.abs(ref[b][j] - got[b][j]));
        }
      }
      System.out.printf(Locale.ROOT, "naive %.1f s: max diff %.3g dB%n", seconds, maxDiff);
      assertTrue(maxDiff < 1e-4, seconds + " s: differs from the reference by " + maxDiff + " dB");
    }
  }

  @Test
  void shapeDoesNotDependOnTheSignalLength() {
    ModSpecConfig c = ModSpecConfig.defaults();
    ModSpecExtractor probe = new ModSpecExtractor(c, SR, (f, t) -> {});
    int nMod = (int) probe.frames(0);
    assertEquals(202, nMod); // bins 3..204 of a 512-point FFT at 125 frames/s: 0.73-49.8 Hz
    for (double seconds : new double[] {2, 4, 6, 0.1}) {
      float[] x = noise(seconds, 7, t -> 1);
      assertEquals(nMod, probe.frames(x.length));
      long[] count = new long[1];
      ModSpecExtractor e =
          new ModSpecExtractor(
              c,
              SR,
              (f, t) -> {
                assertEquals(16, f.length);
                assertEquals(count[0]++, t);
                for (float v : f) {
                  assertTrue(Float.isFinite(v) && v >= -100f, seconds + " s: " + v);
                }
              });
      e.push(x, 0, x.length);
      e.finish();
      assertEquals(nMod, count[0], seconds + " s");
    }
  }

  @Test
  void streamingInOddBlocksGivesTheSameFloats() {
    ModSpecConfig c = ModSpecConfig.defaults();
    float[] x = noise(6.3, 11, t -> 1 + 0.3 * Math.cos(2 * Math.PI * 13 * t));
    float[][] whole = compute(c, SR, x);
    for (int block : new int[] {1, 7, 333, 4097}) {
      float[][] got = new float[whole.length][whole[0].length];
      ModSpecExtractor e = new ModSpecExtractor(c, SR, LogMel.columnSink(got));
      for (int i = 0; i < x.length; i += block) {
        e.push(x, i, Math.min(block, x.length - i));
      }
      e.finish();
      for (int b = 0; b < whole.length; b++) {
        assertArrayEquals(whole[b], got[b], 0f, "block " + block + " band " + b);
      }
    }
  }

  @Test
  void linearOutputIsTheModulationDepth() {
    // a pure tone's band energy modulated by m(t)^2 = (1 + 0.5 cos)^2: 1 + 0.125 + cos + 0.125 cos2
    ModSpecConfig d = ModSpecConfig.defaults();
    ModSpecConfig c = new ModSpecConfig(d.mel(), 4.096, 0.5, 50, false, 1e-10);
    ModSpecLayout layout = c.layout(SR);
    assertEquals(512, layout.windowFrames());
    double fmod = 32 * layout.binHz(); // on a bin: 7.8125 Hz
    float[] x = new float[20 * SR];
    for (int i = 0; i < x.length; i++) {
      double t = (double) i / SR;
      x[i] =
          (float) ((1 + 0.5 * Math.cos(2 * Math.PI * fmod * t)) * Math.sin(2 * Math.PI * 1000 * t));
    }
    float[][] v = compute(c, SR, x);
    int band = argmax(new ModSpecExtractor(c, SR, (f, t) -> {}).rowValues(), 1000);
    // E = mu (1 + g r cos), r = 1 / 1.125, g = the STFT window's attenuation of a power envelope
    // at fmod (normalised Fourier transform of w^2); depth (g r)^2 / 4 at the modulation bin
    double r = 1 / 1.125;
    double num = 0;
    double den = 0;
    for (int n = 0; n < 256; n++) {
      double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / 256);
      num += w * w * Math.cos(2 * Math.PI * fmod * (n - 128) / SR);
      den += w * w;
    }
    double g = num / den;
    double expected = g * g * r * r / 4;
    assertEquals(expected, v[band][32 - layout.firstBin()], 0.02 * expected);
  }

  private static int argmax(double[] centres, double hz) {
    int best = 0;
    for (int i = 1; i < centres.length; i++) {
      if (Math.abs(centres[i] - hz) < Math.abs(centres[best] - hz)) {
        best = i;
      }
    }
    return best;
  }

  private static FeatureSpec spec(Map<String, Object> m) {
    return FeatureSpecs.fromConfig(new ConfigReader(m, "features"));
  }

  private static String error(Map<String, Object> m) {
    return assertThrows(ConfigException.class, () -> spec(m).create(SR, (f, t) -> {})).getMessage();
  }

  private static Map<String, Object> modspec(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "modspec");
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void configResolvesDefaultsAndNamesBadKeys() {
    FeatureSpec s = spec(modspec("sr", 4000));
    assertEquals("modspec", s.type());
    assertTrue(FeatureSpecs.TYPES.contains("modspec"));
    Map<String, Object> r = s.resolved();
    assertEquals(256, r.get("n_fft"));
    assertEquals(32, r.get("hop_length"));
    assertEquals(16, r.get("n_mels"));
    assertEquals(4.0, r.get("mod_window_s"));
    assertEquals(0.5, r.get("mod_fmin"));
    assertEquals(50.0, r.get("mod_fmax"));
    assertEquals(true, r.get("db"));
    assertEquals(1e-10, r.get("amin"));
    // a model bundle stores resolved() and rebuilds the spec from it
    assertEquals(r, spec(new LinkedHashMap<>(r)).resolved());
    FeatureExtractor e = s.create(4000, (f, t) -> {});
    assertEquals(16, e.bins());
    assertEquals("modulation frequency (Hz)", e.columnAxis().label());
    assertEquals(3 * 125.0 / 512, e.columnAxis().first(), 1e-12);

    String m = error(modspec("sr", 4000, "power", 1.0));
    assertTrue(m.contains("features.power"), m);
    m = error(modspec("sr", 4000, "top_db", 80));
    assertTrue(m.contains("features.top_db"), m);
    m = error(modspec("sr", 4000, "mod_window_s", -1));
    assertTrue(m.contains("features.mod_window_s"), m);
    m = error(modspec("sr", 4000, "mod_fmax", 0.2));
    assertTrue(m.contains("features.mod_fmax"), m);
    m = error(modspec("sr", 4000, "n_mels", 0));
    assertTrue(m.contains("features.n_mels"), m);
    m = error(modspec("sr", 4000, "db", "maybe"));
    assertTrue(m.contains("features.db"), m);
    // frame rate 4000 / 64 = 62.5 Hz < 2 x 50 Hz
    m = error(modspec("sr", 4000, "hop_length", 64));
    assertTrue(m.contains("features.mod_fmax") && m.contains("hop_length"), m);
    // native rate: checked when the extractor is made
    m =
        assertThrows(ConfigException.class, () -> spec(modspec()).create(2000, (f, t) -> {}))
            .getMessage();
    assertTrue(m.contains("features.mod_fmax"), m);
    assertEquals(202, spec(modspec()).create(4000, (f, t) -> {}).frames(1));
  }
}
