package io.uatr.experiments.data;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import io.uatr.dsp.features.LogMel;
import io.uatr.dsp.features.MelConfig;
import io.uatr.dsp.features.MelNorm;
import io.uatr.dsp.spectral.PadMode;
import io.uatr.dsp.spectral.StftConfig;
import io.uatr.dsp.spectral.WindowType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code features} section of a run configuration, as the experiment runner reads it: a log-mel
 * spectrogram (librosa key names) of audio resampled to {@code sr}.
 *
 * <p>Only {@code type: logmel} is read here; the other feature types of the toolkit (MFCC, CQT,
 * LOFAR, DEMON) are rejected with a message until the shared {@code FeatureSpecs} reader exists.
 *
 * @param sampleRate rate the audio is resampled to, in Hz [{@code sr}, default 16000]
 * @param mel log-mel settings [{@code n_fft} 1024, {@code hop_length} 512, {@code win_length}
 *     n_fft, {@code window} hann, {@code center} true, {@code pad_mode} reflect, {@code n_mels} 64,
 *     {@code fmin} 0, {@code fmax} sr/2, {@code htk} false, {@code norm} slaney, {@code power} 2,
 *     {@code top_db} 80]
 */
public record FeatureSettings(int sampleRate, MelConfig mel) {

  /** Validates the rate. */
  public FeatureSettings {
    if (sampleRate < 100) {
      throw new IllegalArgumentException("sr must be >= 100 Hz, was " + sampleRate);
    }
    if (mel.fmax() != null && mel.fmax() > sampleRate / 2.0) {
      throw new IllegalArgumentException(
          "fmax must be <= sr/2 = " + sampleRate / 2.0 + ", was " + mel.fmax());
    }
  }

  /**
   * Reads the section.
   *
   * @param r the {@code features} section
   * @return the settings
   * @throws ConfigException naming the key path of an unknown key or bad value
   */
  public static FeatureSettings fromConfig(ConfigReader r) {
    String type = r.getString("type", "logmel").toLowerCase(Locale.ROOT);
    if (!type.equals("logmel")) {
      throw new ConfigException(
          r.path("type"),
          "the experiment runner supports logmel features only so far, was '" + type + "'");
    }
    int sr = r.getInt("sr", 16000);
    int nFft = r.getInt("n_fft", 1024);
    int hop = r.getInt("hop_length", 512);
    int win = r.getInt("win_length", nFft);
    WindowType window;
    PadMode pad;
    MelNorm norm;
    try {
      window = WindowType.parse(r.getString("window", "hann"));
    } catch (IllegalArgumentException e) {
      throw r.invalid("window", e);
    }
    try {
      pad = PadMode.parse(r.getString("pad_mode", "reflect"));
    } catch (IllegalArgumentException e) {
      throw r.invalid("pad_mode", e);
    }
    try {
      norm = MelNorm.parse(r.getString("norm", "slaney"));
    } catch (IllegalArgumentException e) {
      throw r.invalid("norm", e);
    }
    boolean center = r.getBoolean("center", true);
    int nMels = r.getInt("n_mels", 64);
    double fmin = r.getDouble("fmin", 0);
    Double fmax = r.getDoubleOrNull("fmax");
    boolean htk = r.getBoolean("htk", false);
    double power = r.getDouble("power", 2.0);
    double amin = r.getDouble("amin", 1e-10);
    Double topDb = r.has("top_db") ? r.getDoubleOrNull("top_db") : Double.valueOf(80);
    r.rejectUnknown();
    StftConfig stft;
    try {
      stft = new StftConfig(nFft, hop, win, window, center, pad);
    } catch (IllegalArgumentException e) {
      throw r.invalid(firstWord(e), e);
    }
    MelConfig mel;
    try {
      mel = new MelConfig(stft, nMels, fmin, fmax, htk, norm, power, amin, topDb);
    } catch (IllegalArgumentException e) {
      throw r.invalid(firstWord(e), e);
    }
    try {
      return new FeatureSettings(sr, mel);
    } catch (IllegalArgumentException e) {
      throw r.invalid(firstWord(e), e);
    }
  }

  private static String firstWord(IllegalArgumentException e) {
    return e.getMessage().split(" ", 2)[0];
  }

  /**
   * Computes the feature matrix of one segment.
   *
   * @param x [samples] audio at {@link #sampleRate()}
   * @return [n_mels][frames] log-mel in dB
   */
  public float[][] compute(float[] x) {
    return LogMel.compute(x, sampleRate, mel);
  }

  /** Every setting with its resolved value, for provenance and cache keys. */
  public Map<String, Object> resolved() {
    Map<String, Object> m = new LinkedHashMap<>();
    StftConfig s = mel.stft();
    m.put("type", "logmel");
    m.put("sr", sampleRate);
    m.put("n_fft", s.nFft());
    m.put("hop_length", s.hopLength());
    m.put("win_length", s.winLength());
    m.put("window", s.window().name().toLowerCase(Locale.ROOT));
    m.put("center", s.center());
    m.put("pad_mode", s.padMode().name().toLowerCase(Locale.ROOT));
    m.put("n_mels", mel.nMels());
    m.put("fmin", mel.fmin());
    m.put("fmax", mel.fmax() == null ? sampleRate / 2.0 : mel.fmax());
    m.put("htk", mel.htk());
    m.put("norm", mel.norm().name().toLowerCase(Locale.ROOT));
    m.put("power", mel.power());
    m.put("amin", mel.amin());
    m.put("top_db", mel.topDb());
    return m;
  }

  /**
   * Centre frequency of each mel band, for plot axes.
   *
   * @return [n_mels] frequencies in Hz
   */
  public double[] bandCentresHz() {
    double fmax = mel.fmax() == null ? sampleRate / 2.0 : mel.fmax();
    double lo = hzToMel(mel.fmin());
    double hi = hzToMel(fmax);
    double[] out = new double[mel.nMels()];
    for (int i = 0; i < out.length; i++) {
      out[i] = melToHz(lo + (hi - lo) * (i + 1) / (out.length + 1));
    }
    return out;
  }

  private static double hzToMel(double f) {
    return 2595 * Math.log10(1 + f / 700);
  }

  private static double melToHz(double m) {
    return 700 * (Math.pow(10, m / 2595) - 1);
  }
}
