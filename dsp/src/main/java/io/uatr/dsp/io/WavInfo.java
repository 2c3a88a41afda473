package io.uatr.dsp.io;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a WAV header says about the audio, after checking it against the file's length.
 *
 * @param file the file
 * @param sampleRate frames per second (Hz), at least 1
 * @param channels interleaved channels per frame, at least 1
 * @param bitsPerSample container bits per sample (8, 16, 24, 32 or 64), equal to {@code
 *     format.bitsPerSample()}
 * @param format the sample encoding
 * @param frames number of whole frames that can be read (after truncation, see {@code truncated})
 * @param dataOffset byte offset of the first sample in the file
 * @param truncated true if the data chunk claims more bytes than the file holds; {@code frames}
 *     then counts only the whole frames present
 */
public record WavInfo(
    Path file,
    int sampleRate,
    int channels,
    int bitsPerSample,
    SampleFormat format,
    long frames,
    long dataOffset,
    boolean truncated) {

  /** Validates the fields and names the bad one. */
  public WavInfo {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sampleRate must be > 0, got " + sampleRate);
    }
    if (channels <= 0) {
      throw new IllegalArgumentException("channels must be > 0, got " + channels);
    }
    if (bitsPerSample != format.bitsPerSample()) {
      throw new IllegalArgumentException(
          "bitsPerSample " + bitsPerSample + " does not match format " + format);
    }
    if (frames < 0) {
      throw new IllegalArgumentException("frames must be >= 0, got " + frames);
    }
    if (dataOffset < 0) {
      throw new IllegalArgumentException("dataOffset must be >= 0, got " + dataOffset);
    }
  }

  /** Returns the bytes of one frame ({@code channels * bitsPerSample / 8}). */
  public int blockAlign() {
    return channels * format.bytesPerSample();
  }

  /** Returns the duration in seconds ({@code frames / sampleRate}). */
  public double durationSeconds() {
    return frames / (double) sampleRate;
  }
}
