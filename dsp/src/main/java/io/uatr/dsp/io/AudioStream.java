package io.uatr.dsp.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * A mono view of an open WAV file, read block by block. Obtain one from {@link
 * WavReader#open(java.nio.file.Path, ChannelSelection)}; close it to release the file.
 *
 * <p>Memory is O(block): one direct buffer of about 64 KiB (at least one frame), whatever the
 * file's length. Each {@link #read} decodes at most one block straight from that buffer into the
 * caller's array. Not thread-safe.
 */
public final class AudioStream implements AutoCloseable {
  /** Default size in bytes of the read buffer (rounded down to whole frames, at least one). */
  static final int DEFAULT_BLOCK_BYTES = 1 << 16;

  private final WavInfo info;
  private final FileChannel channel;
  private final ByteBuffer buffer;
  private final int blockAlign;
  private final int firstByte;
  private final int usedChannels;
  private final int firstChannel;
  private final int bufferCapacityFrames;
  private long position;
  private int bufferFrames;
  private int bufferIndex;
  private boolean closed;

  AudioStream(WavInfo info, FileChannel channel, ChannelSelection selection, int blockBytes) {
    this.info = info;
    this.channel = channel;
    this.blockAlign = info.blockAlign();
    this.bufferCapacityFrames = Math.max(1, blockBytes / blockAlign);
    this.buffer =
        ByteBuffer.allocateDirect(bufferCapacityFrames * blockAlign).order(ByteOrder.LITTLE_ENDIAN);
    if (selection instanceof ChannelSelection.Single single) {
      this.firstChannel = single.index();
      this.usedChannels = 1;
    } else {
      this.firstChannel = 0;
      this.usedChannels = info.channels();
    }
    this.firstByte = firstChannel * info.format().bytesPerSample();
  }

  /** Returns the file's header information. */
  public WavInfo info() {
    return info;
  }

  /** Returns the number of frames delivered so far (or the frame last sought to). */
  public long position() {
    return position;
  }

  /**
   * Reads up to {@code len} mono samples into {@code dst[off..off+len)}: one per frame, the
   * selected channel or the mean of all channels, scaled to [-1, 1) (float encodings unscaled). May
   * return fewer than {@code len} (at most one buffer block per call) before the end.
   *
   * @return the number of samples written, 0 only if {@code len == 0}, or -1 at the end of data
   * @throws WavFormatException if a float sample is NaN or infinite (message gives frame and
   *     channel), or if the file is shorter than when it was opened
   * @throws IOException on a read error
   */
  public int read(float[] dst, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, dst.length);
    if (closed) {
      throw new IOException(info.file() + ": stream is closed");
    }
    if (position >= info.frames()) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    if (bufferIndex == bufferFrames) {
      fill();
    }
    int n = Math.min(len, bufferFrames - bufferIndex);
    int pos = bufferIndex * blockAlign + firstByte;
    SampleDecoder.decode(buffer, pos, blockAlign, usedChannels, info.format(), dst, off, n);
    if (info.format().isFloatingPoint()) {
      checkFinite(dst, off, n);
    }
    bufferIndex += n;
    position += n;
    return n;
  }

  /**
   * Moves to frame {@code frame}; the next {@link #read} starts there.
   *
   * @param frame frame index in [0, info().frames()]
   * @throws IllegalArgumentException if {@code frame} is out of range
   */
  public void seek(long frame) {
    if (frame < 0 || frame > info.frames()) {
      throw new IllegalArgumentException(
          info.file() + ": seek to frame " + frame + " outside [0, " + info.frames() + "]");
    }
    position = frame;
    bufferFrames = 0;
    bufferIndex = 0;
  }

  /** Closes the file. Idempotent. */
  @Override
  public void close() throws IOException {
    closed = true;
    channel.close();
  }

  private void fill() throws IOException {
    int frames = (int) Math.min(bufferCapacityFrames, info.frames() - position);
    long filePos = info.dataOffset() + position * blockAlign;
    buffer.clear().limit(frames * blockAlign);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, filePos + buffer.position()) < 0) {
        throw new WavFormatException(
            info.file(),
            "file ended at byte "
                + (filePos + buffer.position())
                + " while reading frame "
                + position
                + " of "
                + info.frames()
                + " (did it shrink after it was opened?)");
      }
    }
    bufferFrames = frames;
    bufferIndex = 0;
  }

  private void checkFinite(float[] dst, int off, int n) throws WavFormatException {
    for (int i = 0; i < n; i++) {
      if (!Float.isFinite(dst[off + i])) {
        throw nonFinite(i);
      }
    }
  }

  /** Builds the error for the i-th frame of the current call, naming the offending channel. */
  private WavFormatException nonFinite(int i) {
    long frame = position + i;
    int bytes = info.format().bytesPerSample();
    int framePos = (bufferIndex + i) * blockAlign;
    for (int c = firstChannel; c < firstChannel + usedChannels; c++) {
      int p = framePos + c * bytes;
      double v = bytes == 4 ? buffer.getFloat(p) : buffer.getDouble(p);
      if (!Double.isFinite(v)) {
        return new WavFormatException(
            info.file(),
            String.format(
                "non-finite sample %s at frame %d (%.6f s), channel %d",
                v, frame, frame / (double) info.sampleRate(), c));
      }
    }
    return new WavFormatException(
        info.file(),
        String.format(
            "sample at frame %d (%.6f s) exceeds the float range (a float64 value beyond 3.4e38"
                + " or an overflowing channel mean)",
            frame, frame / (double) info.sampleRate()));
  }
}
