package io.uatr.dsp.spectral;

/** Conversions of JTransforms' packed real-FFT layout (pure static). */
public final class Spectra {
  private Spectra() {}

  /**
   * Unpacks the output of {@code FloatFFT_1D.realForward} on an even length n ({@code a[0] =
   * Re[0]}, {@code a[1] = Re[n/2]}, {@code a[2k] = Re[k]}, {@code a[2k+1] = Im[k]}).
   *
   * @param packed [n] packed spectrum
   * @param kind what to write
   * @param out [n/2+1] power or magnitude, or [2*(n/2+1)] interleaved re/im for complex
   */
  public static void unpack(float[] packed, SpectrumKind kind, float[] out) {
    int n = packed.length;
    int half = n / 2;
    switch (kind) {
      case POWER:
        out[0] = packed[0] * packed[0];
        out[half] = packed[1] * packed[1];
        for (int k = 1; k < half; k++) {
          float re = packed[2 * k];
          float im = packed[2 * k + 1];
          out[k] = re * re + im * im;
        }
        break;
      case MAGNITUDE:
        out[0] = Math.abs(packed[0]);
        out[half] = Math.abs(packed[1]);
        for (int k = 1; k < half; k++) {
          float re = packed[2 * k];
          float im = packed[2 * k + 1];
          out[k] = (float) Math.sqrt(re * re + im * im);
        }
        break;
      default:
        out[0] = packed[0];
        out[1] = 0f;
        for (int k = 1; k < half; k++) {
          out[2 * k] = packed[2 * k];
          out[2 * k + 1] = packed[2 * k + 1];
        }
        out[2 * half] = packed[1];
        out[2 * half + 1] = 0f;
    }
  }
}
