package io.uatr.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ridge decoder recovers inputs from an invertible linear map and not from noise. */
class InversionAttackTest {

  @Test
  void decoderInvertsALinearCodeButNotNoise() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 120;
    int d = 20;
    int h = 30;
    double[][] map = new double[d][h];
    for (double[] row : map) {
      for (int j = 0; j < h; j++) {
        row[j] = r.nextGaussian();
      }
    }
    double[][] ya = new double[n][d];
    double[][] yv = new double[n][d];
    double[][] xa = new double[n][h];
    double[][] xv = new double[n][h];
    double[][] noise = new double[n][h];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        ya[i][j] = r.nextGaussian();
        yv[i][j] = r.nextGaussian();
      }
      for (int k = 0; k < h; k++) {
        for (int j = 0; j < d; j++) {
          xa[i][k] += ya[i][j] * map[j][k];
          xv[i][k] += yv[i][j] * map[j][k];
        }
        noise[i][k] = r.nextGaussian();
      }
    }
    InversionAttack.Figures code = InversionAttack.figures("code", xa, ya, xv, yv);
    InversionAttack.Figures none = InversionAttack.figures("noise", xa, ya, noise, yv);
    assertEquals(n, code.segments());
    assertTrue(code.correlation() > 0.95, "linear code is inverted: " + code);
    assertTrue(code.mse() < 0.1, code.toString());
    assertTrue(code.residualCorrelation() > 0.9, code.toString());
    assertTrue(Math.abs(none.residualCorrelation()) < 0.15, none.toString());
    assertTrue(Math.abs(none.correlation()) < 0.15, "noise carries nothing: " + none);
    assertTrue(none.mse() > 0.8, none.toString());
  }
}
