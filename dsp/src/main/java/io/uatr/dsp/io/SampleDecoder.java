package io.uatr.dsp.io;

import java.nio.ByteBuffer;

/**
 * Decodes interleaved little-endian frames from a byte buffer into mono floats. One tight loop per
 * encoding (no per-sample dispatch). A mix-down runs one strided pass per channel, the first
 * storing and the others adding {@code sample * scale / channels}, which keeps every inner loop
 * long and simple instead of a short loop over channels inside each frame.
 */
final class SampleDecoder {
  private static final float S8 = 1f / 128f;
  private static final float S16 = 1f / 32768f;
  private static final float S24 = 1f / 8388608f;
  private static final float S32 = 1f / 2147483648f;

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
    if (format == SampleFormat.FLOAT32 && nCh == 1 && stride == 4) {
      src.slice(pos, 4 * n).order(src.order()).asFloatBuffer().get(dst, off, n); // bulk copy
      return;
    }
    if (format == SampleFormat.PCM_S16 && nCh == 1 && stride == 2) {
      // bulk copy to shorts (a memory copy when the byte order is the machine's), then one
      // conversion loop the JIT vectorises
      short[] s = new short[n];
      src.slice(pos, 2 * n).order(src.order()).asShortBuffer().get(s, 0, n);
      for (int i = 0; i < n; i++) {
        dst[off + i] = s[i] * S16;
      }
      return;
    }
    int bytes = format.bytesPerSample();
    float mean = 1f / nCh;
    for (int c = 0; c < nCh; c++) {
      int p = pos + c * bytes;
      boolean add = c > 0;
      switch (format) {
        case PCM_U8 -> u8(src, p, stride, dst, off, n, S8 * mean, add);
        case PCM_S16 -> s16(src, p, stride, dst, off, n, S16 * mean, add);
        case PCM_S24 -> s24(src, p, stride, dst, off, n, S24 * mean, add);
        case PCM_S32 -> s32(src, p, stride, dst, off, n, S32 * mean, add);
        case FLOAT32 -> f32(src, p, stride, dst, off, n, mean, add);
        case FLOAT64 -> f64(src, p, stride, dst, off, n, mean, add);
      }
    }
  }

  private static void u8(
      ByteBuffer b, int p, int stride, float[] d, int off, int n, float g, boolean add) {
    if (add) {
      for (int i = off; i < off + n; i++, p += stride) {
        d[i] += ((b.get(p) & 0xFF) - 128) * g;
      }
    } else {
      for (int i = off; i < off + n; i++, p += stride) {
        d[i] = ((b.get(p) & 0xFF) - 128) * g;
      }
    }
  }

  private static void s16(
      ByteBuffer b, int p, int stride, float[] d, int off, int n, float g, boolean add) {
    if (add) {
      for (int i = off; i < off + n; i++, p += stride) {
        d[i] += b.getShort(p) * g;
      }
    } else {
      for (int i = off; i < off + n; i++, p += stride) {
        d[i] = b.getShort(p) * g;
      }
    }
  }

  /** Sign-extended 24-bit sample at byte {@code p}. */
  private static int s24At(ByteBuffer b, int p) {
    return (b.get(p) & 0xFF) | (b.get(p + 1) & 0xFF) << 8 | b.get(p + 2) << 16;
  }

  private static void s24(
      ByteBuffer b, int p, int stride, float[] d, int off, int n, float g, boolean add) {
    if (add) {
      for (int i = off; i < off + n; i++, p += stride) {
        d[i] += s24At(b, p) * g;
      }
    } else {
      for (int i = off; i < off + n; i++, p += stride) {
        d[i] = s24At(b, p) * g;
      }
    }
  }

  private static void s32(
      ByteBuffer b, int p, int stride, float[] d, int off, int n, float g, boolean add) {
    if (add) {
      for (int i = off; i < off + n; i++, p += stride) {
        d[i] += b.getInt(p) * g;
      }
    } else {
      for (int i = off; i < off + n; i++, p += stride) {
        d[i] = b.getInt(p) * g;
      }
    }
  }

  private static void f32(
      ByteBuffer b, int p, int stride, float[] d, int off, int n, float g, boolean add) {
    if (add) {
      for (int i = off; i < off + n; i++, p += stride) {
        d[i] += b.getFloat(p) * g;
      }
    } else if (g == 1f) {
      for (int i = off; i < off + n; i++, p += stride) {
        d[i] = b.getFloat(p);
      }
    } else {
      for (int i = off; i < off + n; i++, p += stride) {
        d[i] = b.getFloat(p) * g;
      }
    }
  }

  private static void f64(
      ByteBuffer b, int p, int stride, float[] d, int off, int n, float g, boolean add) {
    if (add) {
      for (int i = off; i < off + n; i++, p += stride) {
        d[i] += (float) b.getDouble(p) * g;
      }
    } else {
      for (int i = off; i < off + n; i++, p += stride) {
        d[i] = (float) (b.getDouble(p) * g);
      }
    }
  }
}
