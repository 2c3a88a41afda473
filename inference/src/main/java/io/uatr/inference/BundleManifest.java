package io.uatr.inference;

import io.uatr.datasets.SegmentConfig;
import io.uatr.models.spec.ModelSpec;
import io.uatr.models.spec.SizeHead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The contents of {@code bundle.yaml}: everything {@code predict} needs besides the parameters.
 *
 * <p>Preprocessing contract (the same as training must use, see {@link SegmentFeatures}): decode
 * the WAV to mono (mix-down or one channel), resample to {@code sampleRate}, cut segments with
 * {@code segment} (as {@link io.uatr.datasets.Segmenter} does over the whole file), compute the
 * features of each segment on its own samples with the {@code features} config (top_db applied per
 * segment), normalise with {@code normalization}, feed [1][1][bins][frames].
 *
 * @param formatVersion bundle format version ({@link #FORMAT_VERSION} when written)
 * @param model the model spec
 * @param paramsName DJL parameter file prefix ({@code <name>-NNNN.params})
 * @param classNames [num_classes] class names in output order
 * @param sizeLabels [num_size_levels] size level names (size_head levels), else empty
 * @param features the resolved {@code features} config ({@code FeatureSpec.resolved()})
 * @param sampleRate rate in Hz the audio is resampled to before segmenting and features
 * @param segment segment length, hop and tail policies
 * @param normalization feature normalisation and its statistics
 * @param inputBins feature rows the model was trained on
 * @param inputFrames feature frames per segment the model was trained on
 * @param provenance free-form facts (run name, git commit, seed, versions); may be empty
 * @param routerFeatures the resolved {@code features.router} config of the model's router input
 *     ({@code router_features} in bundle.yaml; {@link RouterFeatures}), empty when the model reads
 *     none; required when the model spec needs a router input
 */
public record BundleManifest(
    int formatVersion,
    ModelSpec model,
    String paramsName,
    List<String> classNames,
    List<String> sizeLabels,
    Map<String, Object> features,
    int sampleRate,
    SegmentConfig segment,
    Normalization normalization,
    int inputBins,
    int inputFrames,
    Map<String, Object> provenance,
    Map<String, Object> routerFeatures) {

  /** The bundle format version this code writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** Validates the fields against each other and names the bad key. */
  public BundleManifest {
    Objects.requireNonNull(model, "model.spec must be set");
    Objects.requireNonNull(segment, "segment must be set");
    Objects.requireNonNull(normalization, "normalization must be set");
    if (paramsName == null || paramsName.isBlank() || paramsName.contains("/")) {
      throw new IllegalArgumentException(
          "model.params_name must be a plain name, was " + paramsName);
    }
    classNames = List.copyOf(Objects.requireNonNull(classNames, "labels.classes must be set"));
    sizeLabels = sizeLabels == null ? List.of() : List.copyOf(sizeLabels);
    features =
        java.util.Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNull(features, "features must be set")));
    provenance = provenance == null ? Map.of() : new LinkedHashMap<>(provenance);
    routerFeatures =
        routerFeatures == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(routerFeatures));
    if (model.needsRouterInput() && routerFeatures.isEmpty()) {
      throw new IllegalArgumentException(
          "router_features must be set: model.spec.type "
              + model.type().key()
              + " reads a router input per segment");
    }
    if (classNames.size() != model.numClasses()) {
      throw new IllegalArgumentException(
          "labels.classes has "
              + classNames.size()
              + " names but model.spec.num_classes is "
              + model.numClasses());
    }
    if (model.sizeHead() == SizeHead.LEVELS && sizeLabels.size() != model.numSizeLevels()) {
      throw new IllegalArgumentException(
          "labels.sizes has "
              + sizeLabels.size()
              + " names but model.spec.num_size_levels is "
              + model.numSizeLevels());
    }
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("audio.sample_rate must be > 0, was " + sampleRate);
    }
    if (inputBins <= 0 || inputFrames <= 0) {
      throw new IllegalArgumentException(
          "input.bins and input.frames must be > 0, were " + inputBins + ", " + inputFrames);
    }
  }

  /**
   * Creates a manifest of the current format version with parameter prefix {@code model}.
   *
   * @param modelSpec the model spec's map ({@code ModelSpec.toMap()})
   * @param classNames [num_classes] class names
   * @param sizeLabels size level names (empty unless size_head levels)
   * @param features {@code FeatureSpec.resolved()}
   * @param sampleRate rate in Hz the audio is resampled to before segmenting
   * @param segment segment length, hop and policies
   * @param normalization feature normalisation
   * @param inputBins feature rows per segment
   * @param inputFrames feature frames per segment
   * @param provenance free-form facts (may be null)
   * @return the manifest
   */
  public static BundleManifest of(
      Map<String, ?> modelSpec,
      List<String> classNames,
      List<String> sizeLabels,
      Map<String, Object> features,
      int sampleRate,
      SegmentConfig segment,
      Normalization normalization,
      int inputBins,
      int inputFrames,
      Map<String, Object> provenance) {
    return of(
        modelSpec,
        classNames,
        sizeLabels,
        features,
        sampleRate,
        segment,
        normalization,
        inputBins,
        inputFrames,
        provenance,
        Map.of());
  }

  /**
   * Creates a manifest of the current format version with a router input.
   *
   * @param modelSpec the model spec's map ({@code ModelSpec.toMap()})
   * @param classNames [num_classes] class names
   * @param sizeLabels size level names (empty unless size_head levels)
   * @param features {@code FeatureSpec.resolved()}
   * @param sampleRate rate in Hz the audio is resampled to before segmenting
   * @param segment segment length, hop and policies
   * @param normalization feature normalisation
   * @param inputBins feature rows per segment
   * @param inputFrames feature frames per segment
   * @param provenance free-form facts (may be null)
   * @param routerFeatures {@code FeatureSpec.resolved()} of the router input (empty for none)
   * @return the manifest
   */
  public static BundleManifest of(
      Map<String, ?> modelSpec,
      List<String> classNames,
      List<String> sizeLabels,
      Map<String, Object> features,
      int sampleRate,
      SegmentConfig segment,
      Normalization normalization,
      int inputBins,
      int inputFrames,
      Map<String, Object> provenance,
      Map<String, Object> routerFeatures) {
    return new BundleManifest(
        FORMAT_VERSION,
        ModelSpec.fromMap(modelSpec),
        "model",
        classNames,
        sizeLabels,
        features,
        sampleRate,
        segment,
        normalization,
        inputBins,
        inputFrames,
        provenance,
        routerFeatures);
  }

  /** Returns the manifest as the plain maps written to bundle.yaml. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format_version", formatVersion);
    Map<String, Object> mod = new LinkedHashMap<>();
    mod.put("params_name", paramsName);
    mod.put("spec", model.toMap());
    m.put("model", mod);
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("classes", new ArrayList<>(classNames));
    labels.put("sizes", new ArrayList<>(sizeLabels));
    m.put("labels", labels);
    m.put("features", new LinkedHashMap<>(new java.util.TreeMap<>(features)));
    m.put("audio", new LinkedHashMap<>(Map.of("sample_rate", sampleRate)));
    Map<String, Object> seg = new LinkedHashMap<>();
    seg.put("length_s", segment.lengthS());
    seg.put("hop_s", segment.hopS());
    seg.put("last_partial", segment.lastPartial().name().toLowerCase(Locale.ROOT));
    seg.put("min_partial_s", segment.minPartialS());
    seg.put("short_recordings", segment.shortRecordings().name().toLowerCase(Locale.ROOT));
    m.put("segment", seg);
    m.put("normalization", normalization.toMap());
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("bins", inputBins);
    in.put("frames", inputFrames);
    m.put("input", in);
    m.put("provenance", new LinkedHashMap<>(provenance));
    if (!routerFeatures.isEmpty()) {
      m.put("router_features", new LinkedHashMap<>(new java.util.TreeMap<>(routerFeatures)));
    }
    return m;
  }

  /**
   * Reads a manifest from bundle.yaml's maps. The format version is checked by the caller first.
   *
   * @param m the parsed document
   * @return the manifest
   * @throws IllegalArgumentException naming the missing or bad key
   */
  public static BundleManifest fromMap(Map<String, ?> m) {
    Map<String, ?> mod = section(m, "model");
    Map<String, ?> labels = section(m, "labels");
    Map<String, ?> audio = section(m, "audio");
    Map<String, ?> seg = section(m, "segment");
    Map<String, ?> in = section(m, "input");
    Object prov = m.get("provenance");
    ModelSpec spec;
    try {
      spec = ModelSpec.fromMap(section(mod, "spec"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("model.spec: " + e.getMessage(), e);
    }
    SegmentConfig sc =
        new SegmentConfig(
            number(seg, "segment.length_s"),
            number(seg, "segment.hop_s"),
            policy(seg, "last_partial"),
            number(seg, "segment.min_partial_s"),
            policy(seg, "short_recordings"));
    @SuppressWarnings("unchecked")
    Map<String, Object> provMap = prov instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
    return new BundleManifest(
        (int) number(m, "format_version"),
        spec,
        String.valueOf(mod.get("params_name")),
        strings(labels, "labels.classes"),
        labels.get("sizes") == null ? List.of() : strings(labels, "labels.sizes"),
        section(m, "features"),
        (int) number(audio, "audio.sample_rate"),
        sc,
        Normalization.fromMap(section(m, "normalization")),
        (int) number(in, "input.bins"),
        (int) number(in, "input.frames"),
        provMap,
        m.get("router_features") == null ? Map.of() : section(m, "router_features"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> section(Map<String, ?> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(
          key + " must be a section, was " + (v == null ? "missing" : v));
    }
    return (Map<String, Object>) v;
  }

  static double number(Map<String, ?> m, String key) {
    String last = key.substring(key.lastIndexOf('.') + 1);
    Object v = m.get(last);
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(
          key + " must be a number, was " + (v == null ? "missing" : v));
    }
    return n.doubleValue();
  }

  private static SegmentConfig.Policy policy(Map<String, ?> m, String key) {
    Object v = m.get(key);
    try {
      return SegmentConfig.Policy.valueOf(String.valueOf(v).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "segment." + key + " must be drop, pad or loop, was '" + v + "'");
    }
  }

  private static List<String> strings(Map<String, ?> m, String key) {
    Object v = m.get(key.substring(key.lastIndexOf('.') + 1));
    if (!(v instanceof List<?> l)) {
      throw new IllegalArgumentException(key + " must be a list of names");
    }
    List<String> out = new ArrayList<>();
    for (Object o : l) {
      out.add(String.valueOf(o));
    }
    return out;
  }
}
