package io.uatr.dsp.features;

import io.uatr.dsp.spectral.Decibels;
import io.uatr.dsp.spectral.FrameSink;

/**
 * Log-mel spectrogram as librosa's {@code power_to_db(melspectrogram(y, sr, ...), ref=1.0, amin,
 * top_db)}: the pure static functions and a small configured object that delegates to them.
 */
public final class LogMel {
  private final MelConfig config;
  private final double sampleRate;

  /**
   * Creates the configured transform.
   *
   * @param config log-mel settings
   * @param sampleRate input sampling rate in Hz
   */
  public LogMel(MelConfig config, double sampleRate) {
    this.config = config;
    this.sampleRate = sampleRate;
  }

  /**
   * Log-mel of a whole signal with this object's settings.
   *
   * @param x [samples] signal
   * @return [n_mels][frames] dB
   */
  public float[][] compute(float[] x) {
    return compute(x, sampleRate, config);
  }

  /**
   * Log-mel of a whole signal, top_db included.
   *
   * @param x [samples] mono signal
   * @param sampleRate sampling rate in Hz
   * @param config settings
   * @return [n_mels][frames] dB re 1 (signal units squared for power 2), frames = 1 + len / hop
   *     when centred
   */
  public static float[][] compute(float[] x, double sampleRate, MelConfig config) {
    float[][] out = run(x, sampleRate, config, true);
    if (config.topDb() != null) {
      applyTopDb(out, config.topDb());
    }
    return out;
  }

  /**
   * Linear mel spectrogram, librosa's {@code melspectrogram}.
   *
   * @param x [samples] mono signal
   * @param sampleRate sampling rate in Hz
   * @param config settings (amin and top_db are ignored)
   * @return [n_mels][frames] mel energies (signal units to the power {@code power})
   */
  public static float[][] melSpectrogram(float[] x, double sampleRate, MelConfig config) {
    return run(x, sampleRate, config, false);
  }

  private static float[][] run(float[] x, double sampleRate, MelConfig config, boolean db) {
    int frames = (int) config.stft().frames(x.length);
    float[][] out = new float[config.nMels()][frames];
    LogMelExtractor e = new LogMelExtractor(config, sampleRate, columnSink(out), db);
    e.push(x, 0, x.length);
    e.finish();
    return out;
  }

  /**
   * A sink that stores frame {@code t} as column {@code t} of a [rows][frames] matrix.
   *
   * @param out [rows][frames] destination
   * @return the sink
   */
  static FrameSink columnSink(float[][] out) {
    return (frame, t) -> {
      int c = (int) t;
      for (int r = 0; r < out.length; r++) {
        out[r][c] = frame[r];
      }
    };
  }

  /**
   * {@code 10 log10(max(s, amin))} for one value (librosa's {@code power_to_db} with ref 1.0).
   *
   * @param s power
   * @param amin floor, > 0
   * @return dB
   */
  public static float powerToDb(float s, float amin) {
    return (float) (10.0 * Math.log10(Math.max(s, amin)));
  }

  /**
   * {@code out[i] = 10 log10(max(in[i], amin))}, via {@link #fastDb(float)} (absolute error below
   * 2e-5 dB against {@code Math.log10}).
   *
   * @param in [n] powers
   * @param out [n] dB (may be {@code in})
   * @param amin floor, > 0
   */
  public static void powerToDb(float[] in, float[] out, float amin) {
    for (int i = 0; i < in.length; i++) {
      out[i] = fastDb(Math.max(in[i], amin));
    }
  }

  /**
   * {@code 10 log10(v)} within about one float ulp, below 2e-5 dB ({@link Decibels#fastDb(float)}).
   *
   * @param v a power, normally &gt; 0
   * @return dB
   */
  public static float fastDb(float v) {
    return Decibels.fastDb(v);
  }

  /**
   * Clips a dB matrix in place to {@code max - topDb}, the maximum taken over the WHOLE matrix as
   * librosa's {@code power_to_db(top_db=...)} does. This is the second pass a streaming extractor
   * leaves to its caller (see {@link FeatureExtractor#topDbPostPass()}).
   *
   * @param db [rows][frames] dB values, changed in place
   * @param topDb clip range in dB, >= 0
   * @return the floor applied, {@code max - topDb} (NaN for an empty matrix)
   */
  public static float applyTopDb(float[][] db, double topDb) {
    if (!(topDb >= 0)) {
      throw new IllegalArgumentException("top_db must be >= 0, was " + topDb);
    }
    float max = Float.NEGATIVE_INFINITY;
    boolean any = false;
    for (float[] row : db) {
      for (float v : row) {
        max = Math.max(max, v);
        any = true;
      }
    }
    if (!any) {
      return Float.NaN;
    }
    float floor = (float) (max - topDb);
    for (float[] row : db) {
      for (int i = 0; i < row.length; i++) {
        if (row[i] < floor) {
          row[i] = floor;
        }
      }
    }
    return floor;
  }
}
