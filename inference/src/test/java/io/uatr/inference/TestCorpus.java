package io.uatr.inference;

import io.uatr.dsp.io.SampleFormat;
import io.uatr.dsp.io.WavWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A directory of good and bad recordings for batch tests: name to expected status. */
public final class TestCorpus {

  private TestCorpus() {}

  /**
   * Writes the corpus.
   *
   * @param dir target directory (created)
   * @return file name to expected status ("ok" or "error"), in a fixed order
   * @throws IOException on a write error
   */
  public static Map<String, String> build(Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, String> m = new LinkedHashMap<>();
    int sr = TestFeatures.SR;
    // good files: encodings, rates, channel counts
    TestAudio.wav(
        dir.resolve("good_f32.wav"), TestAudio.signal(2.1, sr, 200, 1), sr, SampleFormat.FLOAT32);
    m.put("good_f32.wav", "ok");
    TestAudio.wav(
        dir.resolve("good_s16_16k.wav"),
        TestAudio.signal(1.7, 16000, 330, 2),
        16000,
        SampleFormat.PCM_S16);
    m.put("good_s16_16k.wav", "ok");
    TestAudio.wav(
        dir.resolve("good_s24_22k.wav"),
        TestAudio.signal(1.2, 22050, 510, 3),
        22050,
        SampleFormat.PCM_S24);
    m.put("good_s24_22k.wav", "ok");
    TestAudio.wav(
        dir.resolve("good_u8.wav"), TestAudio.signal(0.8, sr, 700, 4), sr, SampleFormat.PCM_U8);
    m.put("good_u8.wav", "ok");
    float[] l = TestAudio.signal(1.5, 6000, 150, 5);
    float[] r = TestAudio.signal(1.5, 6000, 450, 6);
    float[] st = new float[2 * l.length];
    for (int i = 0; i < l.length; i++) {
      st[2 * i] = l[i];
      st[2 * i + 1] = r[i];
    }
    WavWriter.write(dir.resolve("good_stereo_s32_6k.wav"), st, 6000, 2, SampleFormat.PCM_S32);
    m.put("good_stereo_s32_6k.wav", "ok");
    Path t =
        TestAudio.wav(
            dir.resolve("truncated.wav"),
            TestAudio.signal(2.0, sr, 260, 7),
            sr,
            SampleFormat.PCM_S16);
    truncate(t, 44 + 2L * 10000);
    m.put("truncated.wav", "ok");
    // bad files
    Path h = TestAudio.wav(dir.resolve("header_only.wav"), new float[0], sr, SampleFormat.PCM_S16);
    m.put(h.getFileName().toString(), "error");
    Path wm =
        TestAudio.wav(
            dir.resolve("wrong_magic.wav"),
            TestAudio.signal(1, sr, 200, 8),
            sr,
            SampleFormat.PCM_S16);
    patch(wm, 0, "RIFX".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    m.put("wrong_magic.wav", "error");
    Files.write(dir.resolve("empty.wav"), new byte[0]);
    m.put("empty.wav", "error");
    Files.writeString(dir.resolve("text.wav"), "this is not audio\njust some text\n");
    m.put("text.wav", "error");
    Path nan =
        TestAudio.wav(
            dir.resolve("nan.wav"), TestAudio.signal(1.5, sr, 200, 9), sr, SampleFormat.FLOAT32);
    long dataStart = Files.size(nan) - 4L * 12000;
    patch(nan, dataStart + 4L * 5000, le(Float.floatToRawIntBits(Float.NaN)));
    m.put("nan.wav", "error");
    Path tag =
        TestAudio.wav(
            dir.resolve("format_tag.wav"),
            TestAudio.signal(1.5, sr, 200, 10),
            sr,
            SampleFormat.PCM_S16);
    patch(tag, 20, new byte[] {0x55, 0x00});
    m.put("format_tag.wav", "error");
    Files.createDirectories(dir.resolve("folder.wav"));
    m.put("folder.wav", "error");
    return m;
  }

  private static byte[] le(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }

  private static void patch(Path f, long pos, byte[] b) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.seek(pos);
      raf.write(b);
    }
  }

  private static void truncate(Path f, long len) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(len);
    }
  }
}
