package io.uatr.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.config.ConfigReader;
import io.uatr.dsp.features.Demon;
import io.uatr.dsp.features.DemonConfig;
import io.uatr.dsp.features.DemonDemodulation;
import io.uatr.dsp.features.DemonNormalization;
import io.uatr.dsp.features.DemonSpectrum;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The envelope (DEMON) spectrum of every generated vessel type peaks at the shaft rate or the
 * blade-pass frequency written in its ground truth: once with a naive reference written here
 * (FFT-mask band-pass, square law, block average, FFT) and once with the toolkit's {@link Demon}.
 */
class DemonPhysicsTest {
  static final List<RecordingGenerator.Generated> VESSELS = new ArrayList<>();

  @BeforeAll
  static void generate() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("duration_s", List.of(20, 20));
    m.put("snr_db", List.of(20, 20));
    m.put("interferer_probability", 0);
    SynthConfig c = SynthConfig.fromConfig(new ConfigReader(m, ""));
    for (String label : SynthConfig.NINE_CLASSES) {
      if (label.equals(ClassPrior.AMBIENT)) {
        continue;
      }
      RecordingGenerator.Generated g = null;
      for (int index = 0; index < 10; index++) {
        g = RecordingGenerator.generate(c, label, index, 1);
        if (g.record().modulationIndex() > 0) {
          break;
        }
      }
      VESSELS.add(g);
    }
    assertEquals(8, VESSELS.size());
  }

  /** The received modulation is Doppler-shifted by up to v/c (1 % for a 30 kn motorboat). */
  static void assertAtShaftOrBpf(SynthRecord r, double peak, double resolution) {
    double doppler = r.speedKn() * 1852 / 3600 / 1500;
    double tol = Math.max(resolution, (0.003 + doppler) * peak);
    boolean atShaft = Math.abs(peak - r.shaftHz()) < tol;
    boolean atBpf = Math.abs(peak - r.bpfHz()) < tol;
    assertTrue(
        atShaft || atBpf,
        r.label() + ": envelope peak " + peak + " Hz, shaft " + r.shaftHz() + ", BPF " + r.bpfHz());
  }

  @Test
  void naiveEnvelopeSpectrumPeaksAtShaftRateOrBladePass() {
    for (RecordingGenerator.Generated g : VESSELS) {
      double[] x = new double[1 << 20];
      for (int i = 0; i < x.length; i++) {
        x[i] = g.samples()[i];
      }
      double[][] env = Spectral.envelopeSpectrum(x, 52734, 2000, 6000, 100);
      int best = -1;
      for (int k = 1; k < env[0].length; k++) {
        double f = env[0][k];
        if (f >= 0.7 && f <= 150 && (best < 0 || env[1][k] > env[1][best])) {
          best = k;
        }
      }
      assertAtShaftOrBpf(g.record(), env[0][best], 0.1);
    }
  }

  @Test
  void toolkitDemonSpectrumPeaksAtShaftRateOrBladePass() {
    DemonConfig cfg =
        new DemonConfig(
            2000,
            8000,
            4,
            DemonDemodulation.SQUARE,
            0,
            0,
            10,
            5,
            0.5,
            120,
            DemonNormalization.TPSW,
            30,
            3,
            2.0);
    for (RecordingGenerator.Generated g : VESSELS) {
      DemonSpectrum s = Demon.spectrum(g.samples(), 52734, cfg);
      assertAtShaftOrBpf(g.record(), s.peakFrequency(0.7, 120), 0.15);
    }
  }
}
