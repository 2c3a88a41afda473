package io.uatr.dsp.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads RIFF/WAVE and RF64 (also its ITU twin BW64) files: PCM 8 (unsigned), 16, 24 and 32-bit,
 * IEEE float 32 and 64-bit, plain or WAVE_FORMAT_EXTENSIBLE (sub-format PCM or IEEE float), any
 * channel count and sample rate. A PCM depth that is not a whole number of bytes (e.g. 12 or 20
 * valid bits) is read in its 16/24-bit container. Chunks other than {@code ds64}, {@code fmt } and
 * {@code data} (LIST, fact, bext, JUNK, ...) are skipped, odd sizes with their pad byte; the RIFF
 * size field is not trusted (the real file length is).
 *
 * <p>Streaming: {@link #open} reads only the header, then {@link AudioStream#read} decodes one
 * block at a time, so memory is O(block) whatever the file's length. A {@code data} chunk that
 * claims more bytes than the file holds is read up to the last whole frame present, with a WARN log
 * and {@link WavInfo#truncated()} set; nothing is padded.
 */
public final class WavReader {
  private WavReader() {}

  /**
   * Reads the header of {@code file}.
   *
   * @return the format, channel count, sample rate and frame count
   * @throws WavFormatException if the file is not a WAV file that this reader decodes
   * @throws IOException on a read error
   */
  public static WavInfo info(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return WavHeaderParser.parse(file, channel);
    }
  }

  /**
   * Opens {@code file} for streaming mono samples.
   *
   * @param selection one channel, or the mean of all channels
   * @return an open stream positioned at frame 0; the caller closes it
   * @throws WavFormatException if the file is not a WAV file that this reader decodes
   * @throws IllegalArgumentException if {@code selection} names a channel the file lacks
   * @throws IOException on a read error
   */
  public static AudioStream open(Path file, ChannelSelection selection) throws IOException {
    return open(file, selection, AudioStream.DEFAULT_BLOCK_BYTES);
  }

  /** As {@link #open(Path, ChannelSelection)} with a read buffer of about {@code blockBytes}. */
  static AudioStream open(Path file, ChannelSelection selection, int blockBytes)
      throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      WavInfo info = WavHeaderParser.parse(file, channel);
      selection.validate(info.channels(), file);
      return new AudioStream(info, channel, selection, blockBytes);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Reads a whole (short) file into memory.
   *
   * @param selection one channel, or the mean of all channels
   * @return [frames] mono samples scaled to [-1, 1) (float encodings unscaled)
   * @throws IllegalArgumentException if the file has more frames than a Java array holds (stream it
   *     with {@link #open} instead) or {@code selection} names a channel the file lacks
   * @throws WavFormatException if the file is not a WAV file that this reader decodes
   * @throws IOException on a read error
   */
  public static float[] readAll(Path file, ChannelSelection selection) throws IOException {
    try (AudioStream in = open(file, selection)) {
      long frames = in.info().frames();
      if (frames > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            file + ": " + frames + " frames do not fit in one float[]; use WavReader.open");
      }
      float[] out = new float[(int) frames];
      int done = 0;
      while (done < out.length) {
        int n = in.read(out, done, out.length - done);
        if (n < 0) {
          throw new IOException(file + ": stream ended after " + done + " of " + frames);
        }
        done += n;
      }
      return out;
    }
  }
}
