package io.uatr.dsp.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes WAV files atomically: samples go to a hidden temporary file in the target's directory
 * ({@code .<name>.<random>.part}, created with the default permissions), which {@link #close()}
 * completes (sizes patched, synced) and renames onto the target with {@code ATOMIC_MOVE}. Readers
 * never see a half-written file.
 *
 * <p>Header: format tag 0x0001 (PCM, 16-byte {@code fmt }) or 0x0003 (IEEE float, 18-byte {@code
 * fmt } plus a {@code fact} chunk), never WAVE_FORMAT_EXTENSIBLE. Integer encodings round to the
 * nearest step and clip to the encoding's range ({@code v * 32768} into [-32768, 32767] for PCM16).
 * Files are limited to the 4 GiB of a RIFF header (no RF64 output).
 *
 * <p>Streaming use: {@code try (WavWriter w = WavWriter.open(...)) { w.write(...); ... }}. If a
 * {@code write} fails with an I/O error, {@code close} deletes the temporary file and leaves the
 * target untouched; call {@link #abort()} to give up for any other reason.
 */
public final class WavWriter implements AutoCloseable {
  private static final long RIFF_LIMIT = 0xFFFFFFFFL;
  private static final int BUFFER_BYTES = 1 << 16;

  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private final SampleFormat format;
  private final int channels;
  private final int sampleRate;
  private final int headerBytes;
  private final ByteBuffer buffer;
  private long dataBytes;
  private boolean failed;
  private boolean closed;

  private WavWriter(Path target, int sampleRate, int channels, SampleFormat format)
      throws IOException {
    this.target = target;
    this.format = format;
    this.channels = channels;
    this.sampleRate = sampleRate;
    this.buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    Path dir = target.toAbsolutePath().getParent();
    FileChannel ch = null;
    Path tmp = null;
    // not Files.createTempFile: its 0600 permissions would carry over to the target
    while (ch == null) {
      tmp =
          dir.resolve(
              String.format(
                  ".%s.%016x.part", target.getFileName(), ThreadLocalRandom.current().nextLong()));
      try {
        ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        // name taken: draw another
      }
    }
    this.temp = tmp;
    try {
      ByteBuffer header = header(sampleRate, 0);
      this.headerBytes = header.remaining();
      writeFully(ch, header, 0);
    } catch (IOException | RuntimeException e) {
      ch.close();
      Files.deleteIfExists(temp);
      throw e;
    }
    this.channel = ch;
  }

  /**
   * Opens a streaming writer; nothing appears at {@code file} until {@link #close()}.
   *
   * @param file target path (replaced atomically if it exists; its directory must exist)
   * @param sampleRate frames per second (Hz), at least 1
   * @param channels interleaved channels per frame, 1 to 65535
   * @param format sample encoding, any {@link SampleFormat}
   * @throws IllegalArgumentException if a parameter is out of range
   * @throws IOException if the temporary file cannot be created
   */
  public static WavWriter open(Path file, int sampleRate, int channels, SampleFormat format)
      throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sampleRate must be > 0, got " + sampleRate);
    }
    if (channels < 1 || channels > 65535) {
      throw new IllegalArgumentException("channels must be in [1, 65535], got " + channels);
    }
    if ((long) channels * format.bytesPerSample() > 65535) {
      throw new IllegalArgumentException(
          channels + " channels of " + format + " exceed the 65535-byte WAV frame");
    }
    if ((long) sampleRate * channels * format.bytesPerSample() > RIFF_LIMIT) {
      throw new IllegalArgumentException(
          "sampleRate " + sampleRate + " Hz gives a byte rate beyond the 32-bit WAV field");
    }
    return new WavWriter(file, sampleRate, channels, format);
  }

  /**
   * Writes a whole file atomically.
   *
   * @param file target path (replaced atomically if it exists)
   * @param interleaved [frames * channels] samples, frame-major (mono: one sample per frame)
   * @param sampleRate frames per second (Hz)
   * @param channels channels per frame
   * @param format sample encoding
   * @throws IllegalArgumentException if a sample is not finite or the length is not a multiple of
   *     {@code channels}
   * @throws IOException on a write error (the target is then untouched)
   */
  public static void write(
      Path file, float[] interleaved, int sampleRate, int channels, SampleFormat format)
      throws IOException {
    WavWriter w = open(file, sampleRate, channels, format);
    try {
      w.write(interleaved, 0, interleaved.length);
    } catch (IOException | RuntimeException e) {
      w.abort();
      throw e;
    }
    w.close();
  }

  /**
   * Appends {@code len} interleaved samples (whole frames).
   *
   * @param interleaved samples, frame-major
   * @param off first sample
   * @param len number of samples, a multiple of the channel count
   * @throws IllegalArgumentException if {@code len} is not whole frames or a sample is NaN or
   *     infinite (nothing of this call is written then)
   * @throws IOException on a write error or past the 4 GiB RIFF limit (the writer is then failed:
   *     {@code close} discards the file)
   */
  public void write(float[] interleaved, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, interleaved.length);
    if (closed) {
      throw new IOException(target + ": writer is closed");
    }
    if (len % channels != 0) {
      throw new IllegalArgumentException(
          target + ": " + len + " samples are not whole frames of " + channels + " channels");
    }
    for (int i = off; i < off + len; i++) {
      if (!Float.isFinite(interleaved[i])) {
        throw new IllegalArgumentException(
            target + ": sample " + (i - off) + " of this block is " + interleaved[i]);
      }
    }
    long newData = dataBytes + (long) len * format.bytesPerSample();
    if (headerBytes - 8 + newData + (newData & 1) > RIFF_LIMIT) {
      failed = true;
      throw new IOException(target + ": WAV data would exceed the 4 GiB RIFF size limit");
    }
    int perBlock = BUFFER_BYTES / format.bytesPerSample();
    try {
      for (int done = 0; done < len; ) {
        int n = Math.min(perBlock, len - done);
        buffer.clear();
        SampleEncoder.encode(interleaved, off + done, n, format, buffer);
        buffer.flip();
        writeFully(channel, buffer, headerBytes + dataBytes);
        dataBytes += (long) n * format.bytesPerSample();
        done += n;
      }
    } catch (IOException e) {
      failed = true;
      throw e;
    }
  }

  /** Returns the number of whole frames written so far. */
  public long framesWritten() {
    return dataBytes / ((long) channels * format.bytesPerSample());
  }

  /** Discards everything written: deletes the temporary file, leaves the target untouched. */
  public void abort() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      channel.close();
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Completes the file: pad byte, sizes patched into the header, data synced to disk, then the
   * atomic rename onto the target. After a failed {@code write} it only deletes the temporary file.
   *
   * @throws IOException if completing or renaming fails (the temporary file is then deleted)
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    if (failed) {
      abort();
      return;
    }
    closed = true;
    try {
      long end = headerBytes + dataBytes;
      if ((dataBytes & 1) != 0) {
        writeFully(channel, ByteBuffer.allocate(1), end);
      }
      writeFully(channel, header(sampleRate, dataBytes), 0);
      channel.force(true);
      channel.close();
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /** Builds RIFF header + fmt (+ fact for float) + data header for {@code data} bytes of audio. */
  private ByteBuffer header(int rate, long data) {
    boolean isFloat = format.isFloatingPoint();
    int fmtSize = isFloat ? 18 : 16;
    int size = 12 + 8 + fmtSize + (isFloat ? 12 : 0) + 8;
    int blockAlign = channels * format.bytesPerSample();
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt((int) (size - 8 + data + (data & 1))).put(ascii("WAVE"));
    b.put(ascii("fmt ")).putInt(fmtSize);
    b.putShort((short) (isFloat ? 3 : 1)).putShort((short) channels).putInt(rate);
    b.putInt((int) ((long) rate * blockAlign)).putShort((short) blockAlign);
    b.putShort((short) format.bitsPerSample());
    if (isFloat) {
      b.putShort((short) 0); // cbSize
      b.put(ascii("fact")).putInt(4).putInt((int) (data / blockAlign));
    }
    b.put(ascii("data")).putInt((int) data);
    return b.flip();
  }

  private static byte[] ascii(String id) {
    return id.getBytes(StandardCharsets.US_ASCII);
  }

  private static void writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      pos += ch.write(b, pos);
    }
  }
}
