package io.uatr.experiments.plot;

/** The viridis colour map (perceptually uniform), interpolated between ten anchor colours. */
final class Viridis {
  private static final int[] ANCHORS = {
    0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C,
    0xFDE725
  };

  private Viridis() {}

  /**
   * Maps a value in [0, 1] to an RGB colour.
   *
   * @param t position in the map, clipped to [0, 1]
   * @return 0xRRGGBB
   */
  static int rgb(double t) {
    double x = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (ANCHORS.length - 1);
    int i = Math.min((int) x, ANCHORS.length - 2);
    double f = x - i;
    int a = ANCHORS[i];
    int b = ANCHORS[i + 1];
    int r = (int) Math.round(((a >> 16) & 0xff) * (1 - f) + ((b >> 16) & 0xff) * f);
    int g = (int) Math.round(((a >> 8) & 0xff) * (1 - f) + ((b >> 8) & 0xff) * f);
    int bl = (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
    return (r << 16) | (g << 8) | bl;
  }
}
