package io.uatr.inference;

import io.uatr.dsp.io.SampleFormat;
import io.uatr.dsp.io.WavWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/** Deterministic test signals: tones with harmonics plus noise. */
public final class TestAudio {

  private TestAudio() {}

  /**
   * A mono test signal.
   *
   * @param seconds duration in s
   * @param sr rate in Hz
   * @param f0 fundamental in Hz
   * @param seed noise seed
   * @return [round(seconds x sr)] samples in about [-0.5, 0.5]
   */
  public static float[] signal(double seconds, int sr, double f0, long seed) {
    int n = (int) Math.round(seconds * sr);
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      double t = i / (double) sr;
      double am = 1 + 0.5 * Math.sin(2 * Math.PI * 3 * t);
      x[i] =
          (float)
              (0.2 * am * Math.sin(2 * Math.PI * f0 * t)
                  + 0.1 * Math.sin(2 * Math.PI * 2.7 * f0 * t)
                  + 0.05 * r.nextGaussian());
    }
    return x;
  }

  /**
   * Writes a mono WAV.
   *
   * @param file target
   * @param x samples
   * @param sr rate in Hz
   * @param format encoding
   * @return {@code file}
   * @throws IOException on a write error
   */
  public static Path wav(Path file, float[] x, int sr, SampleFormat format) throws IOException {
    WavWriter.write(file, x, sr, 1, format);
    return file;
  }
}
