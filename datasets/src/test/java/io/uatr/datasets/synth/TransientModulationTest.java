package io.uatr.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The synthetic corpus's transient spurious modulation ({@code transient_mod_*} keys). */
class TransientModulationTest {

  private static SynthConfig config(double probability) {
    return SynthConfig.fromConfig(
        new ConfigReader(
            Map.of(
                "transient_mod_probability", probability,
                "transient_mod_depth", 0.5,
                "transient_mod_block_s", 0.25),
            "dataset.synth"));
  }

  @Test
  void modulatedBlocksFollowTheFormulaAndTheOthersAreUntouched() {
    double fs = 1000;
    double[] x = new double[1000];
    java.util.Arrays.fill(x, 2.0);
    RecordingGenerator.applyTransients(x, fs, config(0.5), new SplittableRandom(3));
    // the same draws, read naively: per 250-sample block on?, f, phase
    SplittableRandom r = new SplittableRandom(3);
    int modulated = 0;
    for (int b = 0; b < 4; b++) {
      boolean on = r.nextDouble() < 0.5;
      double f = 0.5 + 59.5 * r.nextDouble();
      double phi = 2 * Math.PI * r.nextDouble();
      modulated += on ? 1 : 0;
      for (int i = 0; i < 250; i++) {
        double want = on ? 2.0 * (1 + 0.5 * Math.sin(2 * Math.PI * f * i / fs + phi)) : 2.0;
        assertEquals(want, x[b * 250 + i], 1e-12, "block " + b + " sample " + i);
      }
    }
    assertTrue(modulated > 0 && modulated < 4, "seed 3 should modulate some blocks, not all");
  }

  @Test
  void probabilityZeroLeavesTheSignalAlone() {
    double[] x = new SplittableRandom(1).doubles(500).toArray();
    double[] y = x.clone();
    RecordingGenerator.applyTransients(y, 1000, config(0), new SplittableRandom(5));
    assertArrayEquals(x, y);
  }

  @Test
  void badValuesNameTheKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> config(1.5));
    assertTrue(e.getMessage().contains("transient_mod_probability"), e.getMessage());
    assertEquals(0.0, SynthConfig.defaults().transientProbability());
  }
}
