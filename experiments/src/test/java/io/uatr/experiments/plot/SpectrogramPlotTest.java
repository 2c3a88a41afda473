package io.uatr.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpectrogramPlotTest {
  @TempDir Path dir;

  @Test
  void brightRowIsDrawnAtItsHeightAndLowRowsAtTheBottom() throws Exception {
    int rows = 100;
    long cols = 5000;
    double[] hz = new double[rows];
    for (int i = 0; i < rows; i++) {
      hz[i] = i * 10.0;
    }
    // a bright line at row 80 (800 Hz) on a dark floor
    SpectrogramPlot.Spec spec =
        new SpectrogramPlot.Spec("test", rows, cols, hz, "frequency (Hz)", 0.01, "dB");
    Path png = dir.resolve("s.png");
    SpectrogramPlot.write(spec, (r, c) -> r == 80 ? 0f : -80f, png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(1000, img.getWidth());
    // plot area: top 36, height 520-36-56 = 428; row 80 of 100 sits 80.5% up from the bottom
    int y80 = 36 + 428 - (int) Math.round(80.5 * 428 / 100);
    int yLow = 36 + 428 - 20;
    int bright = img.getRGB(500, y80) & 0xffffff;
    int dark = img.getRGB(500, yLow) & 0xffffff;
    assertEquals(0xFDE725, bright, "top of the colour map at the bright row");
    assertEquals(0x440154, dark, "bottom of the colour map elsewhere");
    assertNotEquals(bright, img.getRGB(500, y80 + 12) & 0xffffff);
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count(), "no temporary file left");
    }
    assertTrue(Files.size(png) > 1000);
  }

  @Test
  void ticksAreNice() {
    assertEquals(1.0, Ticks.step(8, 8));
    assertEquals(2.0, Ticks.step(14, 8));
    assertEquals(500.0, Ticks.step(4000, 8));
    assertEquals("0.25", Ticks.format(0.25));
    assertEquals("3000", Ticks.format(3000.0));
  }
}
