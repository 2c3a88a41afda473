package io.uatr.dsp.features;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds a {@link FeatureSpec} from the {@code features} section of a configuration. Keys follow
 * librosa's names and defaults; unknown keys and invalid values are errors naming the key path.
 *
 * <p>Keys for every type: {@code type} (logmel, stft, mfcc, cqt, lofar, demon, modspec; default
 * logmel), {@code sr} (resample to this rate in Hz first; default none = native). The other keys
 * depend on the type; see {@link FeatureKeys}.
 */
public final class FeatureSpecs {
  /** The feature types. */
  public static final List<String> TYPES =
      List.of("logmel", "stft", "mfcc", "cqt", "lofar", "demon", "modspec");

  /**
   * Revision of the feature arithmetic: bump it in any change that alters the floats an extractor
   * (or the resampler before it) produces for the same input and settings. Feature caches include
   * it in their keys, so features computed by an older toolkit are recomputed rather than reused.
   * History: 1 up to the float-precision dB and the two-stage resampler; 2 with them; 3 with the
   * resampler's stage 2 summed in tap order (lane blocks).
   */
  public static final int NUMERICS_REVISION = 3;

  private FeatureSpecs() {}

  /**
   * Parses and validates a features section.
   *
   * @param r the section (path {@code features})
   * @return the resolved spec
   * @throws ConfigException naming the full key path of the first bad or unknown key
   */
  public static FeatureSpec fromConfig(ConfigReader r) {
    String type = r.getString("type", "logmel").toLowerCase(Locale.ROOT);
    Integer sr = r.has("sr") ? r.getInt("sr", 0) : null;
    if (sr != null && sr < 1) {
      throw new ConfigException(r.path("sr"), "must be a sample rate in Hz >= 1, was " + sr);
    }
    Map<String, Object> resolved = new LinkedHashMap<>();
    resolved.put("type", type);
    resolved.put("sr", sr);
    FeatureSpec spec =
        switch (type) {
          case "logmel" -> FeatureKeys.logMel(r, sr, resolved);
          case "stft" -> FeatureKeys.stft(r, sr, resolved);
          case "mfcc" -> FeatureKeys.mfcc(r, sr, resolved);
          case "cqt" -> FeatureKeys.cqt(r, sr, resolved);
          case "lofar" -> FeatureKeys.lofar(r, sr, resolved);
          case "demon" -> FeatureKeys.demon(r, sr, resolved);
          case "modspec" -> FeatureKeys.modSpec(r, sr, resolved);
          default ->
              throw new ConfigException(
                  r.path("type"),
                  "unknown feature type '"
                      + type
                      + "' (expected "
                      + String.join(", ", TYPES)
                      + ")");
        };
    r.rejectUnknown();
    return spec;
  }

  /**
   * Runs a record constructor and turns its validation error ("n_mels must be ...") into a
   * configuration error naming the key path.
   */
  static <T> T build(ConfigReader r, Supplier<T> ctor) {
    try {
      return ctor.get();
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      String msg = e.getMessage() == null ? "invalid value" : e.getMessage();
      int sp = msg.indexOf(' ');
      String key = sp > 0 ? msg.substring(0, sp) : "";
      if (r.wasRead(key)) {
        throw new ConfigException(r.path(key), msg.substring(sp + 1));
      }
      throw new ConfigException(r.path("type"), msg);
    }
  }
}
