package io.uatr.experiments.data;

import io.uatr.datasets.SegmentConfig;
import io.uatr.datasets.synth.SynthConfig;
import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code dataset} section of a run configuration.
 *
 * @param type {@code shipsear}, {@code deepship}, {@code custom} or {@code synthetic} [{@code
 *     type}, required]
 * @param root dataset directory; for {@code synthetic} the corpus directory, generated there when
 *     it holds no corpus yet [{@code root}, required]
 * @param loader the loader's own keys ({@code classes}, {@code split}, {@code meta_info}, {@code
 *     splits}, {@code test_fraction}, {@code seed}, {@code on_error}, {@code manifest}, {@code
 *     sizes}), passed on to the loader with {@code path = root}
 * @param synth corpus settings for {@code synthetic} [{@code synth.*}], else null
 * @param segment segment length and hop [{@code segment.*}, default the M3 protocol 30 s / 15 s]
 * @param normalize {@code segment} (each segment's feature matrix to zero mean and unit variance;
 *     gain invariant like M3's per-segment audio normalisation, but it also rescales the dB range)
 *     or {@code none} [{@code normalize}, default segment]
 * @param sizeLevels size level names overriding the loader's, with {@code classSizes} [{@code
 *     size_levels}, default the loader's]
 * @param classSizes class name to size level index; classes not listed get -1 (unknown) [{@code
 *     class_sizes}]
 * @param cacheDir feature cache directory, or null for none [{@code cache_dir}, default
 *     runs/cache/features]
 * @param threads recordings decoded in parallel [{@code threads}, default 2]
 */
public record DataSettings(
    String type,
    Path root,
    Map<String, Object> loader,
    SynthConfig synth,
    SegmentConfig segment,
    String normalize,
    List<String> sizeLevels,
    Map<String, Integer> classSizes,
    Path cacheDir,
    int threads) {

  /** Dataset types. */
  public static final List<String> TYPES = List.of("shipsear", "deepship", "custom", "synthetic");

  private static final Set<String> LOADER_KEYS =
      Set.of(
          "classes",
          "split",
          "meta_info",
          "splits",
          "test_fraction",
          "seed",
          "on_error",
          "manifest",
          "sizes");

  /** Validates and names the bad value. */
  public DataSettings {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "type must be one of " + String.join(", ", TYPES) + ", was '" + type + "'");
    }
    if (root == null) {
      throw new IllegalArgumentException("root must be set to the dataset directory");
    }
    if (!normalize.equals("segment") && !normalize.equals("none")) {
      throw new IllegalArgumentException(
          "normalize must be segment or none, was '" + normalize + "'");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    loader = Map.copyOf(loader);
    classSizes = Map.copyOf(classSizes);
    sizeLevels = sizeLevels == null ? null : List.copyOf(sizeLevels);
    if (sizeLevels == null && !classSizes.isEmpty()) {
      throw new IllegalArgumentException("class_sizes needs size_levels");
    }
    for (Map.Entry<String, Integer> e : classSizes.entrySet()) {
      if (e.getValue() < 0 || e.getValue() >= sizeLevels.size()) {
        throw new IllegalArgumentException(
            "class_sizes."
                + e.getKey()
                + " must be a size level index in [0, "
                + sizeLevels.size()
                + "), was "
                + e.getValue());
      }
    }
  }

  /** Whether the data is the synthetic corpus (results are labelled SYNTHETIC). */
  public boolean synthetic() {
    return type.equals("synthetic");
  }

  /**
   * Reads the section.
   *
   * @param r the {@code dataset} section
   * @return the settings
   * @throws ConfigException naming the key path of an unknown key or bad value
   */
  public static DataSettings fromConfig(ConfigReader r) {
    String type = r.getString("type", null);
    if (type == null) {
      throw new ConfigException(r.path("type"), "must be set (" + String.join(", ", TYPES) + ")");
    }
    type = type.toLowerCase(Locale.ROOT);
    String root = r.getString("root", null);
    if (root == null) {
      throw new ConfigException(r.path("root"), "must be set to the dataset directory");
    }
    Map<String, Object> loader = new LinkedHashMap<>();
    for (String k : LOADER_KEYS) {
      if (r.has(k)) {
        loader.put(k, r.asMap().get(k));
      }
    }
    SynthConfig synth = null;
    if (type.equals("synthetic")) {
      synth = SynthConfig.fromConfig(r.section("synth"));
    } else if (r.has("synth")) {
      throw new ConfigException(r.path("synth"), "only allowed with type: synthetic");
    }
    SegmentConfig segment = SegmentConfig.fromConfig(r.section("segment"));
    String normalize = r.getString("normalize", "segment").toLowerCase(Locale.ROOT);
    List<String> levels = null;
    List<?> lv = r.getList("size_levels", null);
    if (lv != null) {
      levels = new ArrayList<>();
      for (Object o : lv) {
        levels.add(String.valueOf(o));
      }
    }
    Map<String, Integer> classSizes = new LinkedHashMap<>();
    ConfigReader cs = r.section("class_sizes");
    for (String k : cs.asMap().keySet()) {
      classSizes.put(k, cs.getInt(k, -1));
    }
    String cache = r.has("cache_dir") ? r.getString("cache_dir", null) : "runs/cache/features";
    int threads = r.getInt("threads", 2);
    r.rejectUnknown();
    try {
      return new DataSettings(
          type,
          Path.of(root),
          loader,
          synth,
          segment,
          normalize,
          levels,
          classSizes,
          cache == null || cache.equals("none") ? null : Path.of(cache),
          threads);
    } catch (IllegalArgumentException e) {
      String key = e.getMessage().split("[ .]", 2)[0];
      throw r.invalid(key, e);
    }
  }

  /** The loader's section: {@code path = root} plus the loader keys. */
  public ConfigReader loaderSection() {
    Map<String, Object> m = new LinkedHashMap<>(loader);
    m.put("path", root.toString());
    return new ConfigReader(m, "dataset");
  }
}
