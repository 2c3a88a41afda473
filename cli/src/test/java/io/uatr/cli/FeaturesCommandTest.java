package io.uatr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.io.SampleFormat;
import io.uatr.dsp.io.WavWriter;
import io.uatr.dsp.npy.Npy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FeaturesCommandTest {
  @TempDir Path dir;
  private Path wav;
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void makeWav() throws Exception {
    int fs = 16000;
    float[] stereo = new float[2 * fs];
    for (int i = 0; i < fs; i++) {
      stereo[2 * i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / fs));
      stereo[2 * i + 1] = (float) (0.3 * Math.sin(2 * Math.PI * 3000 * i / fs));
    }
    wav = dir.resolve("tone.wav");
    WavWriter.write(wav, stereo, fs, 2, SampleFormat.PCM_S16);
  }

  private int run(String... args) {
    CommandLine cl = Uatr.commandLine();
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void writesNpyAndPng() throws Exception {
    Path out = dir.resolve("f.npy");
    Path png = dir.resolve("f.png");
    int rc =
        run(
            "features",
            "--input",
            wav.toString(),
            "--output",
            out.toString(),
            "--plot",
            png.toString(),
            "--set",
            "features.n_mels=40",
            "--set",
            "features.n_fft=1024");
    assertEquals(0, rc, err.toString());
    Npy.FloatArray a = Npy.read(out);
    assertEquals(40, a.shape()[0]);
    assertEquals(1 + 16000 / 512, a.shape()[1]);
    assertEquals(1000, ImageIO.read(png.toFile()).getWidth());
  }

  @Test
  void channelOptionSelectsOneChannel() throws Exception {
    Path left = dir.resolve("l.npy");
    Path right = dir.resolve("r.npy");
    String[] common = {"--set", "features.type=stft", "--set", "features.n_fft=1024"};
    assertEquals(
        0,
        run(
            concat(
                common,
                "features",
                "--input",
                wav.toString(),
                "--output",
                left.toString(),
                "--channel",
                "0")));
    assertEquals(
        0,
        run(
            concat(
                common,
                "features",
                "--input",
                wav.toString(),
                "--output",
                right.toString(),
                "--channel",
                "1")));
    float[][] l = Npy.read(left).toMatrix();
    float[][] r = Npy.read(right).toMatrix();
    int bin440 = (int) Math.round(440 * 1024 / 16000.0);
    int bin3k = (int) Math.round(3000 * 1024 / 16000.0);
    assertTrue(l[bin440][10] > l[bin3k][10] + 40, "left channel holds 440 Hz");
    assertTrue(r[bin3k][10] > r[bin440][10] + 40, "right channel holds 3 kHz");
    assertEquals(
        2,
        run("features", "--input", wav.toString(), "--output", left.toString(), "--channel", "5"));
  }

  private static String[] concat(String[] tail, String... head) {
    String[] all = new String[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  @Test
  void configErrorsExitTwoNamingKeyFileAndLine() throws Exception {
    Path cfg = dir.resolve("c.yaml");
    Files.writeString(cfg, "features:\n  type: logmel\n  hop_lenght: 256\n");
    int rc =
        run(
            "features",
            "--input",
            wav.toString(),
            "--output",
            dir.resolve("x.npy").toString(),
            "--config",
            cfg.toString());
    assertEquals(2, rc);
    String msg = err.toString();
    assertTrue(msg.contains("features.hop_lenght"), msg);
    assertTrue(msg.contains("c.yaml, line 3"), msg);
    assertFalse(Files.exists(dir.resolve("x.npy")));
    assertEquals(
        2,
        run(
            "features",
            "--input",
            wav.toString(),
            "--output",
            "x.npy",
            "--set",
            "features.type=wavelet"));
    assertEquals(
        2,
        run("features", "--input", wav.toString(), "--output", "x.npy", "--set", "modle.type=m3"));
  }

  @Test
  void unreadableInputExitsOneNamingTheFile() throws Exception {
    Path bad = dir.resolve("bad.wav");
    Files.write(bad, new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'A', 'V', 'I', ' '});
    int rc =
        run("features", "--input", bad.toString(), "--output", dir.resolve("y.npy").toString());
    assertEquals(1, rc);
    assertTrue(err.toString().contains("bad.wav"), err.toString());
    assertEquals(
        1,
        run(
            "features",
            "--input",
            dir.resolve("missing.wav").toString(),
            "--output",
            dir.resolve("y.npy").toString()));
  }
}
