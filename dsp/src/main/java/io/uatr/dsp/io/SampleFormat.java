package io.uatr.dsp.io;

/**
 * Sample encodings that {@link WavReader} decodes and {@link WavWriter} encodes.
 *
 * <p>Integer encodings map to floats in [-1, 1): unsigned 8-bit as {@code (v - 128) / 128}, signed
 * n-bit as {@code v / 2^(n-1)}. Float encodings are passed through unscaled.
 */
public enum SampleFormat {
  /** Unsigned 8-bit PCM (the only 8-bit PCM that WAV allows). */
  PCM_U8(1, false),
  /** Signed 16-bit little-endian PCM. */
  PCM_S16(2, false),
  /** Signed 24-bit little-endian PCM (3 bytes per sample). */
  PCM_S24(3, false),
  /** Signed 32-bit little-endian PCM. */
  PCM_S32(4, false),
  /** IEEE 754 single precision. */
  FLOAT32(4, true),
  /** IEEE 754 double precision. */
  FLOAT64(8, true);

  private final int bytes;
  private final boolean floatingPoint;

  SampleFormat(int bytes, boolean floatingPoint) {
    this.bytes = bytes;
    this.floatingPoint = floatingPoint;
  }

  /** Returns the bytes one sample of one channel occupies in the file (1, 2, 3, 4 or 8). */
  public int bytesPerSample() {
    return bytes;
  }

  /** Returns the container size in bits ({@code 8 * bytesPerSample()}). */
  public int bitsPerSample() {
    return 8 * bytes;
  }

  /** Returns true for IEEE float encodings (WAV format tag 0x0003), false for integer PCM. */
  public boolean isFloatingPoint() {
    return floatingPoint;
  }
}
