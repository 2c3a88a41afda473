package io.uatr.dsp.io;

import java.nio.ByteBuffer;

/** Encodes floats into little-endian samples, rounding to nearest and clipping integer ranges. */
final class SampleEncoder {
  private SampleEncoder() {}

  /**
   * Appends {@code n} samples {@code src[off..off+n)} to {@code dst} at its position.
   *
   * @param dst little-endian buffer with at least {@code n * format.bytesPerSample()} remaining
   */
  static void encode(float[] src, int off, int n, SampleFormat format, ByteBuffer dst) {
    int p = dst.position();
    switch (format) {
      case PCM_U8 -> {
        for (int i = 0; i < n; i++, p++) {
          dst.put(p, (byte) (clip(Math.round(src[off + i] * 128f), -128, 127) + 128));
        }
      }
      case PCM_S16 -> {
        for (int i = 0; i < n; i++, p += 2) {
          dst.putShort(p, (short) clip(Math.round(src[off + i] * 32768f), -32768, 32767));
        }
      }
      case PCM_S24 -> {
        for (int i = 0; i < n; i++, p += 3) {
          int v = clip(Math.round(src[off + i] * 8388608f), -8388608, 8388607);
          dst.put(p, (byte) v).put(p + 1, (byte) (v >> 8)).put(p + 2, (byte) (v >> 16));
        }
      }
      case PCM_S32 -> {
        for (int i = 0; i < n; i++, p += 4) {
          long v = Math.round(src[off + i] * 2147483648.0);
          dst.putInt(p, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)));
        }
      }
      case FLOAT32 -> {
        for (int i = 0; i < n; i++, p += 4) {
          dst.putFloat(p, src[off + i]);
        }
      }
      case FLOAT64 -> {
        for (int i = 0; i < n; i++, p += 8) {
          dst.putDouble(p, src[off + i]);
        }
      }
    }
    dst.position(p);
  }

  private static int clip(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
