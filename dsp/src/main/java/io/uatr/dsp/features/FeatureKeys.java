package io.uatr.dsp.features;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import io.uatr.dsp.spectral.PadMode;
import io.uatr.dsp.spectral.StftConfig;
import io.uatr.dsp.spectral.WindowType;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keys of each feature type, their defaults, and the typed config they build. Names follow
 * librosa where librosa has the setting.
 *
 * <ul>
 *   <li>every STFT-based type (logmel, stft, mfcc): {@code n_fft} 2048, {@code hop_length} 512,
 *       {@code win_length} n_fft, {@code window} hann (periodic), {@code center} true, {@code
 *       pad_mode} reflect (librosa 0.10+ defaults to constant; torch to reflect).
 *   <li>logmel: {@code n_mels} 128, {@code fmin} 0, {@code fmax} sr/2, {@code htk} false, {@code
 *       norm} slaney|none, {@code power} 2.0, {@code amin} 1e-10, {@code top_db} none.
 *   <li>mfcc: the logmel keys (no {@code top_db}) and {@code n_mfcc} 20.
 *   <li>stft: {@code scale} power|magnitude|db, {@code amin} 1e-10, {@code top_db} none (db only).
 *   <li>cqt: {@code hop_length} 512, {@code fmin} 32.70 (C1), {@code n_bins} 84, {@code
 *       bins_per_octave} 12, {@code filter_scale} 1, {@code window} hann, {@code db} false, {@code
 *       amin} 1e-5, {@code top_db} none, {@code sparsity} 1e-4.
 *   <li>lofar: {@code n_fft} 4096, {@code hop_length} 2048, {@code n_average} 1, {@code fmin} 0,
 *       {@code fmax} 1000, {@code tpsw_window} 16, {@code tpsw_gap} 2, {@code tpsw_alpha} 2.0,
 *       {@code db} true.
 *   <li>demon: {@code band_low} 1000, {@code band_high} 8000, {@code filter_order} 4, {@code
 *       demodulation} square|hilbert, {@code decimation} [0, 0] (automatic), {@code window_seconds}
 *       10, {@code hop_seconds} 5, {@code fmin} 0.5, {@code fmax} 100, {@code normalisation}
 *       tpsw|median|max|none, {@code tpsw_window} 30, {@code tpsw_gap} 3, {@code tpsw_alpha} 2.0.
 *   <li>modspec: the STFT keys with {@code n_fft} 256, {@code hop_length} 32; the mel keys {@code
 *       n_mels} 16, {@code fmin} 0, {@code fmax} sr/2, {@code htk} false, {@code norm} slaney; and
 *       {@code mod_window_s} 4.0, {@code mod_fmin} 0.5, {@code mod_fmax} 50, {@code db} true,
 *       {@code amin} 1e-10 ({@link ModSpecExtractor}). No {@code power} or {@code top_db}.
 * </ul>
 */
final class FeatureKeys {
  private FeatureKeys() {}

  static StftConfig stftConfig(ConfigReader r, Map<String, Object> out) {
    return stftConfig(r, out, StftConfig.defaults());
  }

  static StftConfig stftConfig(ConfigReader r, Map<String, Object> out, StftConfig d) {
    int nFft = r.getInt("n_fft", d.nFft());
    StftConfig c =
        FeatureSpecs.build(
            r,
            () ->
                new StftConfig(
                    nFft,
                    r.getInt("hop_length", d.hopLength()),
                    r.getInt("win_length", nFft),
                    r.parse("window", d.window().key(), WindowType::parse),
                    r.getBoolean("center", d.center()),
                    r.parse(
                        "pad_mode", d.padMode().name().toLowerCase(Locale.ROOT), PadMode::parse)));
    out.put("n_fft", c.nFft());
    out.put("hop_length", c.hopLength());
    out.put("win_length", c.winLength());
    out.put("window", c.window().key());
    out.put("center", c.center());
    out.put("pad_mode", c.padMode().name().toLowerCase(Locale.ROOT));
    return c;
  }

  static MelConfig melConfig(ConfigReader r, Map<String, Object> out, boolean allowTopDb) {
    StftConfig stft = stftConfig(r, out);
    MelConfig d = MelConfig.of(stft, 128);
    Double topDb = allowTopDb ? r.getDoubleOrNull("top_db") : null;
    MelConfig c =
        FeatureSpecs.build(
            r,
            () ->
                new MelConfig(
                    stft,
                    r.getInt("n_mels", d.nMels()),
                    r.getDouble("fmin", d.fmin()),
                    r.getDoubleOrNull("fmax"),
                    r.getBoolean("htk", d.htk()),
                    r.parse("norm", "slaney", MelNorm::parse),
                    r.getDouble("power", d.power()),
                    r.getDouble("amin", d.amin()),
                    topDb));
    out.put("n_mels", c.nMels());
    out.put("fmin", c.fmin());
    out.put("fmax", c.fmax());
    out.put("htk", c.htk());
    out.put("norm", c.norm().name().toLowerCase(Locale.ROOT));
    out.put("power", c.power());
    out.put("amin", c.amin());
    if (allowTopDb) {
      out.put("top_db", c.topDb());
    }
    return c;
  }

  static FeatureSpec logMel(ConfigReader r, Integer sr, Map<String, Object> out) {
    MelConfig c = melConfig(r, out, true);
    // the streaming extractor leaves top_db to the pipeline's post-pass over the whole matrix
    MelConfig streaming = c.withTopDb(null);
    return new SimpleFeatureSpec(
        "logmel",
        sr,
        c.topDb(),
        "dB",
        out,
        (rate, sink) -> new LogMelExtractor(streaming, rate, sink));
  }

  static FeatureSpec mfcc(ConfigReader r, Integer sr, Map<String, Object> out) {
    if (r.has("top_db")) {
      throw new ConfigException(
          r.path("top_db"),
          "not supported for mfcc: clipping the log-mel to its global maximum needs the whole"
              + " recording before the DCT, which the streaming front end does not hold");
    }
    MelConfig mel = melConfig(r, out, false);
    MfccConfig c = FeatureSpecs.build(r, () -> new MfccConfig(mel, r.getInt("n_mfcc", 20)));
    out.put("n_mfcc", c.nMfcc());
    return new SimpleFeatureSpec(
        "mfcc", sr, null, "coefficient", out, (rate, sink) -> new MfccExtractor(c, rate, sink));
  }

  static FeatureSpec stft(ConfigReader r, Integer sr, Map<String, Object> out) {
    StftConfig stft = stftConfig(r, out);
    SpectrogramConfig c =
        FeatureSpecs.build(
            r,
            () ->
                new SpectrogramConfig(
                    stft,
                    r.parse("scale", "db", SpectrogramScale::parse),
                    r.getDouble("amin", 1e-10),
                    r.getDoubleOrNull("top_db")));
    out.put("scale", c.scale().name().toLowerCase(Locale.ROOT));
    out.put("amin", c.amin());
    out.put("top_db", c.topDb());
    SpectrogramConfig streaming = new SpectrogramConfig(stft, c.scale(), c.amin(), null);
    String unit =
        c.scale() == SpectrogramScale.DB ? "dB" : c.scale().name().toLowerCase(Locale.ROOT);
    return new SimpleFeatureSpec(
        "stft", sr, c.topDb(), unit, out, (rate, sink) -> new StftExtractor(streaming, rate, sink));
  }

  static FeatureSpec cqt(ConfigReader r, Integer sr, Map<String, Object> out) {
    CqtConfig d = CqtConfig.defaults();
    CqtConfig c =
        FeatureSpecs.build(
            r,
            () ->
                new CqtConfig(
                    r.getInt("hop_length", d.hopLength()),
                    r.getDouble("fmin", d.fmin()),
                    r.getInt("n_bins", d.nBins()),
                    r.getInt("bins_per_octave", d.binsPerOctave()),
                    r.getDouble("filter_scale", d.filterScale()),
                    r.parse("window", "hann", WindowType::parse),
                    r.getBoolean("db", d.db()),
                    r.getDouble("amin", d.amin()),
                    r.getDoubleOrNull("top_db"),
                    r.getDouble("sparsity", d.sparsity())));
    out.put("hop_length", c.hopLength());
    out.put("fmin", c.fmin());
    out.put("n_bins", c.nBins());
    out.put("bins_per_octave", c.binsPerOctave());
    out.put("filter_scale", c.filterScale());
    out.put("window", c.window().key());
    out.put("db", c.db());
    out.put("amin", c.amin());
    out.put("top_db", c.topDb());
    out.put("sparsity", c.sparsity());
    CqtConfig streaming =
        new CqtConfig(
            c.hopLength(),
            c.fmin(),
            c.nBins(),
            c.binsPerOctave(),
            c.filterScale(),
            c.window(),
            c.db(),
            c.amin(),
            null,
            c.sparsity());
    return new SimpleFeatureSpec(
        "cqt",
        sr,
        c.topDb(),
        c.db() ? "dB" : "magnitude",
        out,
        (rate, sink) -> {
          FeatureSpecs.build(
              r,
              () -> {
                c.validateFor(rate);
                return c;
              });
          return new CqtExtractor(streaming, rate, sink);
        });
  }

  static FeatureSpec lofar(ConfigReader r, Integer sr, Map<String, Object> out) {
    LofarConfig d = LofarConfig.defaults();
    LofarConfig c =
        FeatureSpecs.build(
            r,
            () ->
                new LofarConfig(
                    r.getInt("n_fft", d.nFft()),
                    r.getInt("hop_length", d.hopLength()),
                    r.getInt("n_average", d.nAverage()),
                    r.getDouble("fmin", d.fmin()),
                    r.getDouble("fmax", d.fmax()),
                    r.getInt("tpsw_window", d.tpswWindow()),
                    r.getInt("tpsw_gap", d.tpswGap()),
                    r.getDouble("tpsw_alpha", d.tpswAlpha()),
                    r.getBoolean("db", d.db())));
    out.put("n_fft", c.nFft());
    out.put("hop_length", c.hopLength());
    out.put("n_average", c.nAverage());
    out.put("fmin", c.fmin());
    out.put("fmax", c.fmax());
    out.put("tpsw_window", c.tpswWindow());
    out.put("tpsw_gap", c.tpswGap());
    out.put("tpsw_alpha", c.tpswAlpha());
    out.put("db", c.db());
    return new SimpleFeatureSpec(
        "lofar",
        sr,
        null,
        c.db() ? "dB re background" : "ln re background",
        out,
        (rate, sink) -> new LofarExtractor(c, rate, sink));
  }

  static FeatureSpec demon(ConfigReader r, Integer sr, Map<String, Object> out) {
    DemonConfig d = DemonConfig.defaults();
    List<?> dec = r.getList("decimation", List.of(d.decimation1(), d.decimation2()));
    if (dec.size() != 2) {
      throw new io.uatr.dsp.config.ConfigException(
          r.path("decimation"), "must be a list of two factors (or [0, 0] for automatic)");
    }
    DemonConfig c =
        FeatureSpecs.build(
            r,
            () ->
                new DemonConfig(
                    r.getDouble("band_low", d.bandLow()),
                    r.getDouble("band_high", d.bandHigh()),
                    r.getInt("filter_order", d.filterOrder()),
                    r.parse(
                        "demodulation",
                        d.demodulation().name().toLowerCase(),
                        DemonDemodulation::parse),
                    integer(r, "decimation", dec.get(0)),
                    integer(r, "decimation", dec.get(1)),
                    r.getDouble("window_seconds", d.windowSeconds()),
                    r.getDouble("hop_seconds", d.hopSeconds()),
                    r.getDouble("fmin", d.fmin()),
                    r.getDouble("fmax", d.fmax()),
                    r.parse(
                        "normalisation",
                        d.normalisation().name().toLowerCase(),
                        DemonNormalization::parse),
                    r.getInt("tpsw_window", d.tpswWindow()),
                    r.getInt("tpsw_gap", d.tpswGap()),
                    r.getDouble("tpsw_alpha", d.tpswAlpha())));
    out.put("band_low", c.bandLow());
    out.put("band_high", c.bandHigh());
    out.put("filter_order", c.filterOrder());
    out.put("demodulation", c.demodulation().name().toLowerCase());
    out.put("decimation", List.of(c.decimation1(), c.decimation2()));
    out.put("window_seconds", c.windowSeconds());
    out.put("hop_seconds", c.hopSeconds());
    out.put("fmin", c.fmin());
    out.put("fmax", c.fmax());
    out.put("normalisation", c.normalisation().name().toLowerCase());
    out.put("tpsw_window", c.tpswWindow());
    out.put("tpsw_gap", c.tpswGap());
    out.put("tpsw_alpha", c.tpswAlpha());
    String unit = c.normalisation() == DemonNormalization.NONE ? "envelope amplitude" : "relative";
    return new SimpleFeatureSpec(
        "demon", sr, null, unit, out, (rate, sink) -> new DemonExtractor(c, rate, sink));
  }

  static FeatureSpec modSpec(ConfigReader r, Integer sr, Map<String, Object> out) {
    ModSpecConfig d = ModSpecConfig.defaults();
    StftConfig stft = stftConfig(r, out, d.mel().stft());
    MelConfig dm = d.mel();
    MelConfig mel =
        FeatureSpecs.build(
            r,
            () ->
                new MelConfig(
                    stft,
                    r.getInt("n_mels", dm.nMels()),
                    r.getDouble("fmin", dm.fmin()),
                    r.getDoubleOrNull("fmax"),
                    r.getBoolean("htk", dm.htk()),
                    r.parse("norm", "slaney", MelNorm::parse),
                    2.0,
                    dm.amin(),
                    null));
    ModSpecConfig c =
        FeatureSpecs.build(
            r,
            () ->
                new ModSpecConfig(
                    mel,
                    r.getDouble("mod_window_s", d.modWindowSeconds()),
                    r.getDouble("mod_fmin", d.modFmin()),
                    r.getDouble("mod_fmax", d.modFmax()),
                    r.getBoolean("db", d.db()),
                    r.getDouble("amin", d.amin())));
    if (sr != null) {
      FeatureSpecs.build(r, () -> c.layout(sr));
    }
    out.put("n_mels", mel.nMels());
    out.put("fmin", mel.fmin());
    out.put("fmax", mel.fmax());
    out.put("htk", mel.htk());
    out.put("norm", mel.norm().name().toLowerCase(Locale.ROOT));
    out.put("mod_window_s", c.modWindowSeconds());
    out.put("mod_fmin", c.modFmin());
    out.put("mod_fmax", c.modFmax());
    out.put("db", c.db());
    out.put("amin", c.amin());
    return new SimpleFeatureSpec(
        "modspec",
        sr,
        null,
        c.db() ? "dB re modulation depth" : "modulation depth",
        out,
        (rate, sink) -> {
          FeatureSpecs.build(r, () -> c.layout(rate));
          return new ModSpecExtractor(c, rate, sink);
        });
  }

  private static int integer(ConfigReader r, String key, Object v) {
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new io.uatr.dsp.config.ConfigException(r.path(key), "factors must be integers, was " + v);
  }
}
