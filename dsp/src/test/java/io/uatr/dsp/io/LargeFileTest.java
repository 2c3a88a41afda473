package io.uatr.dsp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files beyond 2^31 bytes and 2^31 frames, as sparse files (no disk space or memory used): sizes
 * are handled as unsigned/64-bit, seeking and reading at the far end works, and {@code readAll}
 * refuses what does not fit in an array. Skipped on file systems without sparse files.
 */
class LargeFileTest {
  @TempDir Path dir;

  private static final Set<String> SPARSE = Set.of("ext4", "ext3", "xfs", "btrfs", "tmpfs", "zfs");

  private void assumeSparse() throws Exception {
    assumeTrue(SPARSE.contains(Files.getFileStore(dir).type()), "no sparse files here");
  }

  /** Writes {@code header}, extends the file to {@code length} (sparse), writes {@code tail}. */
  private Path sparse(String name, byte[] header, long length, float[] tail) throws Exception {
    Path p = dir.resolve(name);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.write(header);
      f.setLength(length);
      ByteBuffer b = ByteBuffer.allocate(4 * tail.length).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : tail) {
        b.putFloat(v);
      }
      f.seek(length - b.capacity());
      f.write(b.array());
    }
    return p;
  }

  @Test
  void rf64BeyondIntegerFramesStreamsAndSeeks() throws Exception {
    assumeSparse();
    long frames = 2_300_000_000L; // > Integer.MAX_VALUE, 9.2 GB of float32
    long dataBytes = 4 * frames;
    ByteBuffer ds64 = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
    ds64.putLong(4 + 36 + 24 + 8 + dataBytes).putLong(dataBytes).putLong(frames).putInt(0);
    byte[] header =
        WavBytes.riff("RF64", "WAVE")
            .chunk("ds64", ds64.array())
            .fmt(3, 1, 32000, 32)
            .chunk("data", 0xFFFFFFFFL, new byte[0])
            .bytesAsIs();
    float[] tail = {0.25f, -0.5f, 0.75f};
    Path p = sparse("huge.wav", header, header.length + dataBytes, tail);

    WavInfo info = WavReader.info(p);
    assertEquals(frames, info.frames());
    assertEquals(frames / 32000.0, info.durationSeconds(), 1e-9);
    try (AudioStream in = WavReader.open(p, ChannelSelection.mixDown())) {
      float[] buf = new float[8];
      assertEquals(8, in.read(buf, 0, 8)); // sparse start reads as silence
      assertEquals(0f, buf[7]);
      in.seek(frames - 3);
      assertEquals(3, in.read(buf, 0, 8));
      assertEquals(tail[0], buf[0]);
      assertEquals(tail[2], buf[2]);
      assertEquals(frames, in.position());
      assertEquals(-1, in.read(buf, 0, 8));
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> WavReader.readAll(p, ChannelSelection.mixDown()));
    assertEquals(true, e.getMessage().contains("use WavReader.open"));
  }

  @Test
  void plainRiffDataSizeAbove2GiBIsUnsigned() throws Exception {
    assumeSparse();
    long dataBytes = 3_000_000_000L; // > 2^31: negative as a signed int
    byte[] header =
        WavBytes.riff().fmt(3, 2, 48000, 32).chunk("data", dataBytes, new byte[0]).bytes();
    Path p = sparse("big.wav", header, header.length + dataBytes, new float[] {0.5f, -0.25f});
    WavInfo info = WavReader.info(p);
    assertEquals(dataBytes / 8, info.frames());
    try (AudioStream in = WavReader.open(p, ChannelSelection.channel(1))) {
      in.seek(info.frames() - 1);
      float[] buf = new float[1];
      assertEquals(1, in.read(buf, 0, 1));
      assertEquals(-0.25f, buf[0]);
    }
  }
}
