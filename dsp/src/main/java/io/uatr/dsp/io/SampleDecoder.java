package io.uatr.dsp.io;

import java.nio.ByteBuffer;

/**
 * Decodes interleaved little-endian frames from a byte buffer into mono floats. One tight loop per
 * encoding (no per-sample dispatch); a mono source takes a dedicated path.
 */
final class SampleDecoder {
  private static final float S8 = 1f / 128f;
  private static final float S16 = 1f / 32768f;
  private static final float S24 = 1f / 8388608f;
  private static final double S32 = 1.0 / 2147483648.0;

  private SampleDecoder() {}

  /**
   * Decodes {@code n} frames into {@code dst[off..off+n)}: the mean of {@code nCh} adjacent
   * channels starting at byte {@code pos} of the first frame, frames {@code stride} bytes apart.
   *
   * @param src little-endian buffer holding the frames (absolute indexing, position untouched)
   * @param pos byte index of the first channel used in the first frame
   * @param stride bytes per frame (block align)
   * @param nCh channels averaged: 1 for one channel, all channels for a mix-down
   * @param format the sample encoding
   */
  static void decode(
      ByteBuffer src,
      int pos,
      int stride,
      int nCh,
      SampleFormat format,
      float[] dst,
      int off,
      int n) {
    switch (format) {
      case PCM_U8 -> u8(src, pos, stride, nCh, dst, off, n);
      case PCM_S16 -> s16(src, pos, stride, nCh, dst, off, n);
      case PCM_S24 -> s24(src, pos, stride, nCh, dst, off, n);
      case PCM_S32 -> s32(src, pos, stride, nCh, dst, off, n);
      case FLOAT32 -> f32(src, pos, stride, nCh, dst, off, n);
      case FLOAT64 -> f64(src, pos, stride, nCh, dst, off, n);
    }
  }

  private static void u8(ByteBuffer b, int pos, int stride, int nCh, float[] d, int off, int n) {
    if (nCh == 1) {
      for (int i = 0; i < n; i++, pos += stride) {
        d[off + i] = ((b.get(pos) & 0xFF) - 128) * S8;
      }
      return;
    }
    float g = S8 / nCh;
    for (int i = 0; i < n; i++, pos += stride) {
      int s = -128 * nCh;
      for (int c = 0; c < nCh; c++) {
        s += b.get(pos + c) & 0xFF;
      }
      d[off + i] = s * g;
    }
  }

  private static void s16(ByteBuffer b, int pos, int stride, int nCh, float[] d, int off, int n) {
    if (nCh == 1) {
      for (int i = 0; i < n; i++, pos += stride) {
        d[off + i] = b.getShort(pos) * S16;
      }
      return;
    }
    float g = S16 / nCh;
    for (int i = 0; i < n; i++, pos += stride) {
      int s = 0;
      for (int c = 0, p = pos; c < nCh; c++, p += 2) {
        s += b.getShort(p);
      }
      d[off + i] = s * g;
    }
  }

  private static int s24At(ByteBuffer b, int p) {
    return (b.get(p) & 0xFF) | (b.get(p + 1) & 0xFF) << 8 | b.get(p + 2) << 16;
  }

  private static void s24(ByteBuffer b, int pos, int stride, int nCh, float[] d, int off, int n) {
    if (nCh == 1) {
      for (int i = 0; i < n; i++, pos += stride) {
        d[off + i] = s24At(b, pos) * S24;
      }
      return;
    }
    double g = (double) S24 / nCh;
    for (int i = 0; i < n; i++, pos += stride) {
      long s = 0;
      for (int c = 0, p = pos; c < nCh; c++, p += 3) {
        s += s24At(b, p);
      }
      d[off + i] = (float) (s * g);
    }
  }

  private static void s32(ByteBuffer b, int pos, int stride, int nCh, float[] d, int off, int n) {
    if (nCh == 1) {
      for (int i = 0; i < n; i++, pos += stride) {
        d[off + i] = (float) (b.getInt(pos) * S32);
      }
      return;
    }
    double g = S32 / nCh;
    for (int i = 0; i < n; i++, pos += stride) {
      long s = 0;
      for (int c = 0, p = pos; c < nCh; c++, p += 4) {
        s += b.getInt(p);
      }
      d[off + i] = (float) (s * g);
    }
  }

  private static void f32(ByteBuffer b, int pos, int stride, int nCh, float[] d, int off, int n) {
    if (nCh == 1 && stride == 4) {
      b.slice(pos, 4 * n).order(b.order()).asFloatBuffer().get(d, off, n); // bulk copy
      return;
    }
    if (nCh == 1) {
      for (int i = 0; i < n; i++, pos += stride) {
        d[off + i] = b.getFloat(pos);
      }
      return;
    }
    float g = 1f / nCh;
    for (int i = 0; i < n; i++, pos += stride) {
      float s = 0;
      for (int c = 0, p = pos; c < nCh; c++, p += 4) {
        s += b.getFloat(p);
      }
      d[off + i] = s * g;
    }
  }

  private static void f64(ByteBuffer b, int pos, int stride, int nCh, float[] d, int off, int n) {
    if (nCh == 1) {
      for (int i = 0; i < n; i++, pos += stride) {
        d[off + i] = (float) b.getDouble(pos);
      }
      return;
    }
    double g = 1.0 / nCh;
    for (int i = 0; i < n; i++, pos += stride) {
      double s = 0;
      for (int c = 0, p = pos; c < nCh; c++, p += 8) {
        s += b.getDouble(p);
      }
      d[off + i] = (float) (s * g);
    }
  }
}
