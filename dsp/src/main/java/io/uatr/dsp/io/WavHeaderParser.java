package io.uatr.dsp.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the chunks of a RIFF/WAVE or RF64 file and returns its {@link WavInfo}. Reads only chunk
 * headers, {@code ds64} and {@code fmt }: the work is O(number of chunks), never O(file length).
 */
final class WavHeaderParser {
  private static final Logger LOG = LoggerFactory.getLogger(WavHeaderParser.class);

  private static final int TAG_PCM = 0x0001;
  private static final int TAG_FLOAT = 0x0003;
  private static final int TAG_EXTENSIBLE = 0xFFFE;
  private static final long SIZE_IN_DS64 = 0xFFFFFFFFL;
  private static final int MAX_HEADER_CHUNK = 1 << 16;

  /** Bytes 2..15 of the KSDATAFORMAT_SUBTYPE_* GUIDs that embed a format tag in bytes 0..1. */
  private static final byte[] GUID_TAIL = {
    0,
    0,
    0x00,
    0x00,
    0x10,
    0x00,
    (byte) 0x80,
    0x00,
    0x00,
    (byte) 0xAA,
    0x00,
    0x38,
    (byte) 0x9B,
    0x71
  };

  private WavHeaderParser() {}

  /** The decoded {@code fmt } chunk: the format and the frame size in bytes. */
  private record Fmt(SampleFormat format, int channels, int sampleRate, int blockAlign) {}

  /** Sizes from the RF64 {@code ds64} chunk. */
  private record Ds64(long dataSize, Map<String, Long> table) {}

  /**
   * Parses the header of {@code file}, open as {@code channel}.
   *
   * @throws WavFormatException if the file is not a WAV file this package can decode
   * @throws IOException on a read error
   */
  static WavInfo parse(Path file, FileChannel channel) throws IOException {
    long fileSize = channel.size();
    if (fileSize < 12) {
      throw new WavFormatException(
          file, "not a RIFF/WAVE file: only " + fileSize + " bytes, shorter than a RIFF header");
    }
    ByteBuffer head = read(channel, 0, 12);
    String magic = fourCc(head, 0);
    boolean rf64 = magic.equals("RF64") || magic.equals("BW64");
    if (magic.equals("RIFX")) {
      throw new WavFormatException(file, "big-endian RIFX files are not supported");
    }
    if (!rf64 && !magic.equals("RIFF")) {
      throw new WavFormatException(
          file, "not a RIFF/WAVE file: magic is " + describe(head, 0) + ", expected 'RIFF'");
    }
    if (!fourCc(head, 8).equals("WAVE")) {
      throw new WavFormatException(
          file, "not a WAVE file: RIFF form type is " + describe(head, 8) + ", expected 'WAVE'");
    }

    Ds64 ds64 = null;
    Fmt fmt = null;
    long dataOffset = -1;
    long dataSize = -1;
    List<String> seen = new ArrayList<>();
    long pos = 12;
    while (pos + 8 <= fileSize && (fmt == null || dataOffset < 0)) {
      ByteBuffer ch = read(channel, pos, 8);
      String id = fourCc(ch, 0);
      long size = Integer.toUnsignedLong(ch.getInt(4));
      seen.add(id);
      if (rf64 && seen.size() == 1 && !id.equals("ds64")) {
        throw new WavFormatException(
            file, magic + " file whose first chunk is '" + id + "', not the required 'ds64'");
      }
      if (rf64 && size == SIZE_IN_DS64 && ds64 != null) {
        size = id.equals("data") ? ds64.dataSize() : ds64.table().getOrDefault(id, SIZE_IN_DS64);
      }
      switch (id) {
        case "ds64" -> ds64 = parseDs64(file, channel, pos + 8, size);
        case "fmt " -> fmt = parseFmt(file, readChunk(file, channel, pos + 8, size, id));
        case "data" -> {
          dataOffset = pos + 8;
          dataSize = size;
        }
        default -> {
          // unknown chunk (LIST, fact, bext, JUNK, cue , ...): skipped
        }
      }
      long next = pos + 8 + size + (size & 1);
      if (next < 0) {
        break; // overflow from an absurd size: nothing valid can follow
      }
      pos = next;
    }
    if (fmt == null) {
      throw new WavFormatException(file, "no 'fmt ' chunk (chunks found: " + seen + ")");
    }
    if (dataOffset < 0) {
      throw new WavFormatException(file, "no 'data' chunk (chunks found: " + seen + ")");
    }
    return checkData(file, fileSize, fmt, dataOffset, dataSize);
  }

  private static WavInfo checkData(
      Path file, long fileSize, Fmt fmt, long dataOffset, long dataSize) throws WavFormatException {
    int blockAlign = fmt.blockAlign();
    long available = Math.max(0, fileSize - dataOffset);
    if (dataSize == 0) {
      throw new WavFormatException(
          file,
          "zero-length 'data' chunk: no audio"
              + (available > 0
                  ? " (" + available + " bytes follow its header: an unfinished recording?)"
                  : ""));
    }
    boolean truncated = dataSize > available;
    long usable = truncated ? available : dataSize;
    long frames = usable / blockAlign;
    if (frames == 0) {
      throw new WavFormatException(
          file,
          "no whole frame in the 'data' chunk: "
              + usable
              + " bytes present, "
              + blockAlign
              + " bytes per frame"
              + (truncated ? " (the chunk claims " + dataSize + " bytes)" : ""));
    }
    if (truncated) {
      long claimed = dataSize / blockAlign;
      LOG.warn(
          "{}: 'data' chunk claims {} bytes ({} frames) but the file holds {} bytes of it;"
              + " reading the {} whole frames present, {} frames lost (recording cut short?)",
          file,
          dataSize,
          claimed,
          available,
          frames,
          claimed - frames);
    } else if (dataSize % blockAlign != 0) {
      LOG.warn(
          "{}: 'data' chunk of {} bytes is not a whole number of {}-byte frames;"
              + " ignoring the last {} bytes",
          file,
          dataSize,
          blockAlign,
          dataSize % blockAlign);
    }
    return new WavInfo(
        file,
        fmt.sampleRate(),
        fmt.channels(),
        fmt.format().bitsPerSample(),
        fmt.format(),
        frames,
        dataOffset,
        truncated);
  }

  private static Ds64 parseDs64(Path file, FileChannel channel, long pos, long size)
      throws IOException {
    if (size < 28) {
      throw new WavFormatException(file, "'ds64' chunk of " + size + " bytes, expected >= 28");
    }
    ByteBuffer b = readChunk(file, channel, pos, size, "ds64");
    long dataSize = b.getLong(8);
    long tableLength = Integer.toUnsignedLong(b.getInt(24));
    if (28 + 12 * tableLength > size) {
      throw new WavFormatException(
          file, "'ds64' table of " + tableLength + " entries overruns its " + size + "-byte chunk");
    }
    Map<String, Long> table = new HashMap<>();
    for (int i = 0; i < tableLength; i++) {
      int p = 28 + 12 * i;
      table.put(fourCc(b, p), b.getLong(p + 4));
    }
    if (dataSize < 0) {
      throw new WavFormatException(file, "'ds64' data size " + dataSize + " is negative");
    }
    return new Ds64(dataSize, table);
  }

  private static Fmt parseFmt(Path file, ByteBuffer b) throws WavFormatException {
    if (b.limit() < 16) {
      throw new WavFormatException(
          file, "'fmt ' chunk of " + b.limit() + " bytes, expected at least 16");
    }
    int tag = Short.toUnsignedInt(b.getShort(0));
    int channels = Short.toUnsignedInt(b.getShort(2));
    long rate = Integer.toUnsignedLong(b.getInt(4));
    int blockAlign = Short.toUnsignedInt(b.getShort(12));
    int bits = Short.toUnsignedInt(b.getShort(14));
    int effectiveTag = tag;
    if (tag == TAG_EXTENSIBLE) {
      if (b.limit() < 40) {
        throw new WavFormatException(
            file,
            "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk of " + b.limit() + " bytes, expected at least 40");
      }
      effectiveTag = subFormatTag(file, b);
    }
    if (effectiveTag != TAG_PCM && effectiveTag != TAG_FLOAT) {
      throw new WavFormatException(
          file,
          "unsupported encoding "
              + (tag == TAG_EXTENSIBLE ? "WAVE_FORMAT_EXTENSIBLE with sub-format " : "format tag ")
              + FormatTags.describe(effectiveTag)
              + "; supported: PCM (0x0001) and IEEE float (0x0003), plain or"
              + " WAVE_FORMAT_EXTENSIBLE");
    }
    if (channels == 0) {
      throw new WavFormatException(file, "'fmt ' chunk declares 0 channels");
    }
    if (rate == 0 || rate > Integer.MAX_VALUE) {
      throw new WavFormatException(file, "'fmt ' chunk declares sample rate " + rate + " Hz");
    }
    SampleFormat format = sampleFormat(file, effectiveTag == TAG_FLOAT, bits);
    int expectedAlign = channels * format.bytesPerSample();
    if (blockAlign != expectedAlign) {
      throw new WavFormatException(
          file,
          "'fmt ' block align "
              + blockAlign
              + " does not match "
              + channels
              + " channel(s) x "
              + format.bytesPerSample()
              + " bytes = "
              + expectedAlign);
    }
    return new Fmt(format, channels, (int) rate, blockAlign);
  }

  private static int subFormatTag(Path file, ByteBuffer b) throws WavFormatException {
    byte[] guid = new byte[16];
    b.get(24, guid);
    for (int i = 2; i < 16; i++) {
      if (guid[i] != GUID_TAIL[i - 2]) {
        throw new WavFormatException(
            file,
            "unsupported encoding: WAVE_FORMAT_EXTENSIBLE (0xFFFE) with unknown sub-format GUID "
                + FormatTags.guidToString(guid));
      }
    }
    return Short.toUnsignedInt(b.getShort(24));
  }

  private static SampleFormat sampleFormat(Path file, boolean isFloat, int bits)
      throws WavFormatException {
    if (isFloat) {
      return switch (bits) {
        case 32 -> SampleFormat.FLOAT32;
        case 64 -> SampleFormat.FLOAT64;
        default ->
            throw new WavFormatException(
                file, "unsupported bit depth " + bits + " for IEEE float (supported: 32, 64)");
      };
    }
    // a plain header may give the valid bits (e.g. 12 or 20) of a whole-byte container
    return switch ((bits + 7) / 8) {
      case 1 -> SampleFormat.PCM_U8;
      case 2 -> SampleFormat.PCM_S16;
      case 3 -> SampleFormat.PCM_S24;
      case 4 -> SampleFormat.PCM_S32;
      default ->
          throw new WavFormatException(
              file, "unsupported bit depth " + bits + " for PCM (supported: 8, 16, 24, 32)");
    };
  }

  private static ByteBuffer readChunk(
      Path file, FileChannel channel, long pos, long size, String id) throws IOException {
    if (size > MAX_HEADER_CHUNK) {
      throw new WavFormatException(
          file, "'" + id + "' chunk of " + size + " bytes is implausibly large");
    }
    if (pos + size > channel.size()) {
      throw new WavFormatException(
          file, "'" + id + "' chunk of " + size + " bytes at offset " + pos + " runs past the end");
    }
    return read(channel, pos, (int) size);
  }

  private static ByteBuffer read(FileChannel channel, long pos, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (channel.read(b, pos + b.position()) < 0) {
        throw new IOException("unexpected end of file at byte " + (pos + b.position()));
      }
    }
    return b.clear();
  }

  private static String fourCc(ByteBuffer b, int at) {
    byte[] id = new byte[4];
    b.get(at, id);
    return new String(id, StandardCharsets.ISO_8859_1);
  }

  /** Returns e.g. {@code 'OggS' (4F 67 67 53)}, non-printable bytes shown as '.'. */
  private static String describe(ByteBuffer b, int at) {
    StringBuilder text = new StringBuilder("'");
    StringBuilder hex = new StringBuilder(" (");
    for (int i = 0; i < 4; i++) {
      int v = Byte.toUnsignedInt(b.get(at + i));
      text.append(v >= 0x20 && v < 0x7F ? (char) v : '.');
      hex.append(String.format("%02X", v)).append(i < 3 ? " " : ")");
    }
    return text.append('\'').append(hex).toString();
  }
}
