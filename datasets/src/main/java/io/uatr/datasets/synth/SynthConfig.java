package io.uatr.datasets.synth;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import io.uatr.dsp.io.SampleFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of the synthetic corpus. Config keys (section {@code dataset.synth} or wherever the
 * caller reads it from) in brackets.
 *
 * @param seed master seed; each recording draws from its own stream derived from (seed, class,
 *     index) [{@code seed}, default 1]
 * @param classes ShipsEar type names to generate, in order [{@code classes}, default the nine types
 *     of the ShipsEar 9-class split]
 * @param recordingsPerClass recordings per class [{@code recordings_per_class}, default 8]
 * @param classBalance {@code equal} (each class gets recordingsPerClass) or {@code shipsear}
 *     (counts proportional to ShipsEar's recordings per type, total about recordingsPerClass x
 *     classes, at least 2 each) [{@code class_balance}, default equal]
 * @param classCounts explicit per-class counts that override the above [{@code class_counts},
 *     mapping label: count]
 * @param durationS recording duration range in s [{@code duration_s}, default [20, 40]]
 * @param snrDb range of the broadband (10 Hz to fs/2) signal-to-noise ratio at the closest point of
 *     approach in dB; the ambient level is set to give the drawn value [{@code snr_db}, default [5,
 *     20]]
 * @param interfererProbability chance that a vessel recording has a distant second vessel [{@code
 *     interferer_probability}, default 0.25]
 * @param windKmh wind speed range in km/h [{@code wind_kmh}, default [0, 18]]
 * @param channelDepthM water depth range in m [{@code channel_depth_m}, default [5, 20]]
 * @param sampleRate sample rate in Hz [{@code sample_rate}, default 52734]
 * @param testFraction fraction of each class's recordings in the test part of the split [{@code
 *     test_fraction}, default 0.25]
 * @param fullScaleDb pressure level in dB re 1 uPa that maps to sample value 1.0 [{@code
 *     full_scale_db}, default 170]
 * @param sampleFormat WAV encoding [{@code sample_format}: pcm16, pcm24 (default), float32]
 * @param threads recordings generated in parallel [{@code threads}, default 2]
 * @param transientProbability chance that each block of a vessel recording carries a transient
 *     spurious modulation: the received vessel noise multiplied by 1 + depth sin(2 pi f t + phi)
 *     with f drawn uniformly from 0.5-60 Hz per block, a DEMON line that belongs to no shaft
 *     harmonic and lasts one block only [{@code transient_mod_probability}, default 0: none]
 * @param transientDepth modulation depth of those blocks, in [0, 1] [{@code transient_mod_depth},
 *     default 0.9]
 * @param transientBlockS block length in s [{@code transient_mod_block_s}, default 2]
 */
public record SynthConfig(
    long seed,
    List<String> classes,
    int recordingsPerClass,
    String classBalance,
    Map<String, Integer> classCounts,
    Interval durationS,
    Interval snrDb,
    double interfererProbability,
    Interval windKmh,
    Interval channelDepthM,
    int sampleRate,
    double testFraction,
    double fullScaleDb,
    SampleFormat sampleFormat,
    int threads,
    double transientProbability,
    double transientDepth,
    double transientBlockS) {

  /** The nine ShipsEar types of the 9-class split (no pilot ship, trawler, tugboat). */
  public static final List<String> NINE_CLASSES =
      List.of(
          "Dredger",
          "Fishboat",
          "Motorboat",
          "Mussel boat",
          ClassPrior.AMBIENT,
          "Ocean liner",
          "Passengers",
          "RORO",
          "Sailboat");

  private static final List<String> KEYS =
      List.of(
          "seed",
          "classes",
          "recordings_per_class",
          "class_balance",
          "class_counts",
          "duration_s",
          "snr_db",
          "interferer_probability",
          "wind_kmh",
          "channel_depth_m",
          "sample_rate",
          "test_fraction",
          "full_scale_db",
          "sample_format",
          "threads",
          "transient_mod_probability",
          "transient_mod_depth",
          "transient_mod_block_s");

  /** Validates every field and names the bad one. */
  public SynthConfig {
    if (classes == null || classes.isEmpty()) {
      throw new IllegalArgumentException("classes must list at least one type");
    }
    classes = List.copyOf(classes);
    for (String c : classes) {
      if (!c.equals(ClassPrior.AMBIENT)) {
        ClassPrior.of(c);
      }
    }
    if (classes.stream().distinct().count() != classes.size()) {
      throw new IllegalArgumentException("classes has duplicates: " + classes);
    }
    if (recordingsPerClass < 1) {
      throw new IllegalArgumentException(
          "recordings_per_class must be >= 1, was " + recordingsPerClass);
    }
    if (!classBalance.equals("equal") && !classBalance.equals("shipsear")) {
      throw new IllegalArgumentException(
          "class_balance must be equal or shipsear, was '" + classBalance + "'");
    }
    classCounts = classCounts == null ? Map.of() : new LinkedHashMap<>(classCounts);
    for (Map.Entry<String, Integer> e : classCounts.entrySet()) {
      if (!classes.contains(e.getKey())) {
        throw new IllegalArgumentException(
            "class_counts names '" + e.getKey() + "', which is not in classes " + classes);
      }
      if (e.getValue() < 0) {
        throw new IllegalArgumentException(
            "class_counts." + e.getKey() + " must be >= 0, was " + e.getValue());
      }
    }
    if (durationS.lo() < 1 || durationS.hi() > 3600) {
      throw new IllegalArgumentException("duration_s must lie in [1, 3600] s, was " + durationS);
    }
    if (!(interfererProbability >= 0 && interfererProbability <= 1)) {
      throw new IllegalArgumentException(
          "interferer_probability must be in [0, 1], was " + interfererProbability);
    }
    if (windKmh.lo() < 0 || windKmh.hi() > 100) {
      throw new IllegalArgumentException("wind_kmh must lie in [0, 100], was " + windKmh);
    }
    if (channelDepthM.lo() < 3 || channelDepthM.hi() > 200) {
      throw new IllegalArgumentException(
          "channel_depth_m must lie in [3, 200], was " + channelDepthM);
    }
    if (sampleRate < 8000) {
      throw new IllegalArgumentException("sample_rate must be >= 8000 Hz, was " + sampleRate);
    }
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new IllegalArgumentException("test_fraction must be in [0, 1), was " + testFraction);
    }
    if (!(fullScaleDb > 100 && fullScaleDb < 260)) {
      throw new IllegalArgumentException(
          "full_scale_db must be in (100, 260) dB re 1 uPa, was " + fullScaleDb);
    }
    if (sampleFormat != SampleFormat.PCM_S16
        && sampleFormat != SampleFormat.PCM_S24
        && sampleFormat != SampleFormat.FLOAT32) {
      throw new IllegalArgumentException(
          "sample_format must be pcm16, pcm24 or float32, was " + sampleFormat);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    if (!(transientProbability >= 0 && transientProbability <= 1)) {
      throw new IllegalArgumentException(
          "transient_mod_probability must be in [0, 1], was " + transientProbability);
    }
    if (!(transientDepth >= 0 && transientDepth <= 1)) {
      throw new IllegalArgumentException(
          "transient_mod_depth must be in [0, 1], was " + transientDepth);
    }
    if (!(transientBlockS > 0) || Double.isInfinite(transientBlockS)) {
      throw new IllegalArgumentException(
          "transient_mod_block_s must be a finite number > 0, was " + transientBlockS);
    }
  }

  /** The default corpus: 9 classes x 8 recordings of 20-40 s, seed 1. */
  public static SynthConfig defaults() {
    return fromConfig(new ConfigReader(Map.of(), ""));
  }

  /**
   * Reads the settings from a config section, with the defaults listed on the record.
   *
   * @param r the section
   * @return the config
   * @throws ConfigException naming the key path of an unknown key or an invalid value
   */
  public static SynthConfig fromConfig(ConfigReader r) {
    long seed = r.getLong("seed", 1);
    List<String> classes = new ArrayList<>();
    for (Object o : r.getList("classes", NINE_CLASSES)) {
      classes.add(String.valueOf(o));
    }
    int perClass = r.getInt("recordings_per_class", 8);
    String balance = r.getString("class_balance", "equal").toLowerCase(Locale.ROOT);
    Map<String, Integer> counts = new LinkedHashMap<>();
    ConfigReader cc = r.section("class_counts");
    for (String k : cc.asMap().keySet()) {
      counts.put(k, cc.getInt(k, 0));
    }
    Interval duration = interval(r, "duration_s", 20, 40);
    Interval snr = interval(r, "snr_db", 5, 20);
    double pInt = r.getDouble("interferer_probability", 0.25);
    Interval wind = interval(r, "wind_kmh", 0, 18);
    Interval depth = interval(r, "channel_depth_m", 5, 20);
    int fs = r.getInt("sample_rate", 52734);
    double testFraction = r.getDouble("test_fraction", 0.25);
    double fullScale = r.getDouble("full_scale_db", 170);
    String fmt = r.getString("sample_format", "pcm24").toLowerCase(Locale.ROOT);
    SampleFormat format;
    switch (fmt) {
      case "pcm16":
        format = SampleFormat.PCM_S16;
        break;
      case "pcm24":
        format = SampleFormat.PCM_S24;
        break;
      case "float32":
        format = SampleFormat.FLOAT32;
        break;
      default:
        throw new ConfigException(
            r.path("sample_format"), "must be pcm16, pcm24 or float32, was '" + fmt + "'");
    }
    int threads = r.getInt("threads", 2);
    double tProb = r.getDouble("transient_mod_probability", 0);
    double tDepth = r.getDouble("transient_mod_depth", 0.9);
    double tBlock = r.getDouble("transient_mod_block_s", 2);
    r.rejectUnknown();
    try {
      return new SynthConfig(
          seed,
          classes,
          perClass,
          balance,
          counts,
          duration,
          snr,
          pInt,
          wind,
          depth,
          fs,
          testFraction,
          fullScale,
          format,
          threads,
          tProb,
          tDepth,
          tBlock);
    } catch (IllegalArgumentException e) {
      String first = e.getMessage().split(" ", 2)[0];
      String key = KEYS.contains(first.split("\\.")[0]) ? first : "classes";
      throw new ConfigException(r.path(key), e.getMessage());
    }
  }

  private static Interval interval(ConfigReader r, String key, double lo, double hi) {
    List<?> l = r.getList(key, List.of(lo, hi));
    if (l.size() != 2) {
      throw new ConfigException(r.path(key), "must be a list [min, max], was " + l);
    }
    try {
      double a = Double.parseDouble(String.valueOf(l.get(0)));
      double b = Double.parseDouble(String.valueOf(l.get(1)));
      return new Interval(a, b);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(r.path(key), "must be a list [min, max] of numbers, was " + l);
    }
  }

  /**
   * Number of recordings of each class, in class order.
   *
   * @return label to count
   */
  public Map<String, Integer> counts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    Map<String, Integer> real = classBalance.equals("shipsear") ? shipsEarCounts() : Map.of();
    int total = 0;
    for (String c : classes) {
      total += real.getOrDefault(c, 0);
    }
    for (String c : classes) {
      int n = recordingsPerClass;
      if (classBalance.equals("shipsear")) {
        double share = real.getOrDefault(c, 0) / (double) Math.max(1, total);
        n = Math.max(2, (int) Math.round(recordingsPerClass * classes.size() * share));
      }
      out.put(c, classCounts.getOrDefault(c, n));
    }
    return out;
  }

  /** Recordings per type in the ShipsEar metadata shipped as a resource. */
  static Map<String, Integer> shipsEarCounts() {
    Map<String, Integer> m = new LinkedHashMap<>();
    try (InputStream in =
            SynthConfig.class.getResourceAsStream("/io/uatr/datasets/shipsear/meta_info.tsv");
        BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      br.readLine();
      for (String line = br.readLine(); line != null; line = br.readLine()) {
        if (!line.isBlank()) {
          m.merge(line.split("\t")[1], 1, Integer::sum);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }
}
