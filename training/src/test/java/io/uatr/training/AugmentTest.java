package io.uatr.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.models.spec.SizeHead;
import io.uatr.training.augment.Augmenter;
import io.uatr.training.augment.GainNoise;
import io.uatr.training.augment.Mixing;
import io.uatr.training.augment.SpecAugment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Properties of the augmentations. */
class AugmentTest {

  private static float[][] ramp(int bins, int frames) {
    float[][] x = new float[bins][frames];
    for (int i = 0; i < bins; i++) {
      for (int j = 0; j < frames; j++) {
        x[i][j] = 1 + i * frames + j;
      }
    }
    return x;
  }

  @Test
  void specAugmentMasksStayWithinBounds() {
    SplittableRandom rng = new SplittableRandom(3);
    boolean sawWide = false;
    for (int trial = 0; trial < 300; trial++) {
      float[][] x = ramp(10, 20);
      float[][] orig = ramp(10, 20);
      List<SpecAugment.Mask> masks = SpecAugment.apply(x, 2, 6, 1, 12, -1f, rng);
      assertEquals(3, masks.size());
      boolean[][] masked = new boolean[10][20];
      for (SpecAugment.Mask mk : masks) {
        int n = mk.time() ? 20 : 10;
        int max = mk.time() ? 6 : 10; // frequency width clipped to the 10 bins
        assertTrue(mk.width() >= 0 && mk.width() <= max, "width " + mk);
        assertTrue(mk.start() >= 0 && mk.start() + mk.width() <= n, "start " + mk);
        sawWide |= !mk.time() && mk.width() == 10;
        for (int i = 0; i < 10; i++) {
          for (int j = 0; j < 20; j++) {
            int pos = mk.time() ? j : i;
            masked[i][j] |= pos >= mk.start() && pos < mk.start() + mk.width();
          }
        }
      }
      for (int i = 0; i < 10; i++) {
        for (int j = 0; j < 20; j++) {
          assertEquals(masked[i][j] ? -1f : orig[i][j], x[i][j]);
        }
      }
    }
    assertTrue(sawWide, "the full clipped width is reachable");
  }

  /**
   * Batch of B segments where segment i is the constant i + 1, has class i and the one nuisance
   * feature i + 1.
   */
  private static Batch constantBatch(int b, int bins, int frames) {
    List<FeatureSegment> segs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < b; i++) {
      float[][] x = new float[bins][frames];
      for (float[] row : x) {
        java.util.Arrays.fill(row, i + 1);
      }
      segs.add(
          new FeatureSegment(x, i, 0, 10f * i, "r" + i, Split.TRAIN)
              .withNuisance(new float[] {i + 1}));
      names.add("c" + i);
    }
    return Batch.of(segs, b, SizeHead.REGRESSION, 0);
  }

  @Test
  void cutmixMixesLabelsByArea() {
    AugmentConfig c = new AugmentConfig(0, 0, 0, 0, 1.0, 1.0, 0, 0.2, 0, 0, 20, "db");
    Augmenter aug = new Augmenter(c);
    SplittableRandom rng = new SplittableRandom(11);
    int mixedSeen = 0;
    for (int trial = 0; trial < 50; trial++) {
      Batch b = constantBatch(6, 8, 12);
      aug.apply(b, rng);
      for (int i = 0; i < 6; i++) {
        int own = 0;
        int other = -1;
        for (float[] row : b.x()[i]) {
          for (float v : row) {
            if (v == i + 1) {
              own++;
            } else {
              other = (int) v - 1;
            }
          }
        }
        double share = own / 96.0;
        float[] t = b.classTarget()[i];
        if (other < 0) {
          assertEquals(1.0, t[i], 1e-6); // box empty or partner is itself
          continue;
        }
        mixedSeen++;
        assertEquals(share, t[i], 1e-6, "own label weight = kept area share");
        assertEquals(1 - share, t[other], 1e-6);
        assertEquals(share * 10 * i + (1 - share) * 10 * other, b.sizeValue()[i], 1e-4);
      }
    }
    assertTrue(mixedSeen > 100, "mixed " + mixedSeen);
  }

  @Test
  void cutBoxAreaMatchesLambdaOnAverage() {
    SplittableRandom rng = new SplittableRandom(2);
    Mixing.Box box = Mixing.cutBox(64, 64, 0.75, rng);
    assertTrue(box.area() <= 32 * 32);
    float[][] a = ramp(4, 5);
    float[][] b = new float[4][5];
    Mixing.Box fixed = new Mixing.Box(1, 3, 2, 5);
    float[][] out = Mixing.cutmix(a, b, fixed);
    int zeros = 0;
    for (float[] row : out) {
      for (float v : row) {
        zeros += v == 0 ? 1 : 0;
      }
    }
    assertEquals(6, zeros);
    assertEquals(1 - 6 / 20.0, Mixing.keptShare(fixed, 4, 5), 1e-12);
  }

  @Test
  void mixupIsConvex() {
    AugmentConfig c = new AugmentConfig(0, 0, 0, 0, 0, 1.0, 1.0, 0.4, 0, 0, 20, "db");
    Augmenter aug = new Augmenter(c);
    SplittableRandom rng = new SplittableRandom(5);
    for (int trial = 0; trial < 30; trial++) {
      Batch b = constantBatch(5, 3, 4);
      aug.apply(b, rng);
      for (int i = 0; i < 5; i++) {
        float v = b.x()[i][0][0];
        float[] t = b.classTarget()[i];
        double sum = 0;
        double mean = 0;
        for (int k = 0; k < 5; k++) {
          assertTrue(t[k] >= 0 && t[k] <= 1);
          sum += t[k];
          mean += t[k] * (k + 1);
        }
        assertEquals(1.0, sum, 1e-5);
        // The mixed value is the label-weighted mean of the two sources, so it lies between them.
        assertEquals(mean, v, 1e-5);
        assertEquals(mean, b.nuisance()[i][0], 1e-5, "nuisance features mix like the labels");
        for (float[] row : b.x()[i]) {
          for (float x : row) {
            assertEquals(v, x, 1e-6);
          }
        }
      }
    }
    SplittableRandom r = new SplittableRandom(9);
    double s = 0;
    for (int k = 0; k < 4000; k++) {
      double l = Mixing.beta(0.4, r);
      assertTrue(l >= 0 && l <= 1);
      s += l;
    }
    assertEquals(0.5, s / 4000, 0.02); // Beta(a, a) has mean 1/2
  }

  @Test
  void gainAndNoise() {
    float[][] x = ramp(2, 3);
    GainNoise.gain(x, 6, true);
    assertEquals(7f, x[0][0]);
    float[][] y = ramp(2, 3);
    GainNoise.gain(y, 20, false);
    assertEquals(10f, y[0][0], 1e-5);
    float[][] z = ramp(40, 50);
    float[][] orig = ramp(40, 50);
    double sigma = GainNoise.addNoise(z, 10, new SplittableRandom(1));
    double s = 0;
    double s2 = 0;
    double sig = 0;
    double sm = 0;
    for (int i = 0; i < 40; i++) {
      for (int j = 0; j < 50; j++) {
        double d = z[i][j] - orig[i][j];
        s += d;
        s2 += d * d;
        sm += orig[i][j];
        sig += (double) orig[i][j] * orig[i][j];
      }
    }
    double n = 2000;
    double signalStd = Math.sqrt(sig / n - (sm / n) * (sm / n));
    assertEquals(signalStd / Math.sqrt(10), sigma, 1e-6 * signalStd);
    double noiseStd = Math.sqrt(s2 / n - (s / n) * (s / n));
    assertEquals(10, 20 * Math.log10(signalStd / noiseStd), 0.4); // measured SNR
  }
}
