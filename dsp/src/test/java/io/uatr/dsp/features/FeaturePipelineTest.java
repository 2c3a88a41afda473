package io.uatr.dsp.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import io.uatr.dsp.io.ChannelSelection;
import io.uatr.dsp.io.SampleFormat;
import io.uatr.dsp.io.WavFormatException;
import io.uatr.dsp.io.WavWriter;
import io.uatr.dsp.npy.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturePipelineTest {
  @TempDir Path dir;

  private static FeatureSpec spec(Map<String, Object> keys) {
    return FeatureSpecs.fromConfig(new ConfigReader(keys, "features"));
  }

  @Test
  void wavToNpyMatchesTheNumpyGoldenIncludingTopDb() throws Exception {
    float[] xf = GoldenFeaturesTest.X52;
    Path wav = dir.resolve("sig.wav");
    WavWriter.write(wav, xf, 52734, 1, SampleFormat.FLOAT32);
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("type", "logmel");
    keys.put("n_fft", 512);
    keys.put("hop_length", 256);
    keys.put("n_mels", 64);
    keys.put("top_db", 50);
    Path out = dir.resolve("out.npy");
    FeaturePipeline.Result r =
        FeaturePipeline.toNpy(wav, ChannelSelection.mixDown(), spec(keys), out, null);
    double[][] ref = NpyReader.golden("logmel_topdb_52734").matrix();
    double[][] lin = NpyReader.golden("logmel_topdb_52734_linear").matrix();
    assertEquals(64, r.bins());
    assertEquals(ref[0].length, r.frames());
    float[][] got = Npy.read(out).toMatrix();
    GoldenFeaturesTest.assertDbClose("pipeline top_db", ref, lin, got);
    assertEquals(256.0 / 52734, r.frameSeconds(), 1e-12);
  }

  @Test
  void resamplesWhenSrIsSet() throws Exception {
    int fs = 48000;
    float[] x = new float[fs]; // 1 s of a 1 kHz tone
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / fs));
    }
    Path wav = dir.resolve("tone.wav");
    WavWriter.write(wav, x, fs, 1, SampleFormat.PCM_S16);
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("type", "stft");
    keys.put("sr", 16000);
    keys.put("n_fft", 1024);
    keys.put("hop_length", 512);
    Path out = dir.resolve("s.npy");
    FeaturePipeline.Result r =
        FeaturePipeline.toNpy(wav, ChannelSelection.mixDown(), spec(keys), out, null);
    assertEquals(513, r.bins());
    assertEquals(1 + 16000 / 512, r.frames());
    float[][] m = Npy.read(out).toMatrix();
    int peak = 0;
    for (int k = 1; k < 513; k++) {
      if (m[k][10] > m[peak][10]) {
        peak = k;
      }
    }
    assertEquals(1000.0, peak * 16000.0 / 1024, 16000.0 / 1024, "tone bin after resampling");
  }

  @Test
  void everyTypeBuildsAndStreams() throws Exception {
    float[] x = new float[52734 * 12];
    java.util.Random rnd = new java.util.Random(1);
    for (int i = 0; i < x.length; i++) {
      double am = 1 + 0.5 * Math.cos(2 * Math.PI * 7 * i / 52734.0);
      x[i] = (float) (0.1 * am * rnd.nextGaussian());
    }
    Path wav = dir.resolve("n.wav");
    WavWriter.write(wav, x, 52734, 1, SampleFormat.FLOAT32);
    for (String type : FeatureSpecs.TYPES) {
      FeatureSpec s = spec(Map.of("type", type));
      Path out = dir.resolve(type + ".npy");
      FeaturePipeline.Result r =
          FeaturePipeline.toNpy(wav, ChannelSelection.mixDown(), s, out, null);
      float[][] m = Npy.read(out).toMatrix();
      assertEquals(r.bins(), m.length, type);
      assertEquals(r.frames(), m[0].length, type);
      assertTrue(r.frames() >= 1, type);
      for (float[] row : m) {
        for (float v : row) {
          assertFalse(Float.isNaN(v), type + " has NaN");
        }
      }
      assertEquals(type, s.resolved().get("type"));
    }
  }

  @Test
  void configErrorsNameTheKey() {
    ConfigException unknown =
        assertThrows(ConfigException.class, () -> spec(Map.of("type", "logmel", "n_melz", 3)));
    assertEquals("features.n_melz", unknown.keyPath());
    ConfigException bad =
        assertThrows(ConfigException.class, () -> spec(Map.of("type", "logmel", "n_mels", 0)));
    assertEquals("features.n_mels", bad.keyPath());
    ConfigException win =
        assertThrows(ConfigException.class, () -> spec(Map.of("window", "kaiser")));
    assertEquals("features.window", win.keyPath());
    ConfigException type = assertThrows(ConfigException.class, () -> spec(Map.of("type", "x")));
    assertEquals("features.type", type.keyPath());
    ConfigException demod =
        assertThrows(
            ConfigException.class, () -> spec(Map.of("type", "demon", "demodulation", "am")));
    assertEquals("features.demodulation", demod.keyPath());
    ConfigException mfccTop =
        assertThrows(ConfigException.class, () -> spec(Map.of("type", "mfcc", "top_db", 80)));
    assertEquals("features.top_db", mfccTop.keyPath());
  }

  @Test
  void defaultsAreLibrosas() {
    Map<String, Object> r = spec(Map.of()).resolved();
    assertEquals("logmel", r.get("type"));
    assertEquals(2048, r.get("n_fft"));
    assertEquals(512, r.get("hop_length"));
    assertEquals(2048, r.get("win_length"));
    assertEquals("hann", r.get("window"));
    assertEquals(true, r.get("center"));
    assertEquals(128, r.get("n_mels"));
    assertEquals(0.0, r.get("fmin"));
    assertEquals(null, r.get("fmax"));
    assertEquals(false, r.get("htk"));
    assertEquals("slaney", r.get("norm"));
    assertEquals(null, r.get("top_db"));
  }

  @Test
  void unreadableInputNamesTheFileAndLeavesNoOutput() throws Exception {
    Path bad = dir.resolve("text.wav");
    Files.writeString(bad, "this is not audio");
    Path out = dir.resolve("never.npy");
    WavFormatException e =
        assertThrows(
            WavFormatException.class,
            () ->
                FeaturePipeline.toNpy(bad, ChannelSelection.mixDown(), spec(Map.of()), out, null));
    assertTrue(e.getMessage().contains("text.wav"), e.getMessage());
    assertFalse(Files.exists(out));
    assertArrayEquals(
        new String[] {"text.wav"}, Files.list(dir).map(p -> p.getFileName().toString()).toArray());
  }
}
