package io.uatr.experiments.config;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import java.util.Map;

/**
 * A resolved configuration tree (after {@code extends} and {@code --set}) together with where each
 * key was written, so that an error about a key can name the file and line.
 *
 * @param tree the merged configuration: nested {@code Map<String,Object>}, lists and scalars
 * @param origins for each dotted key path, where its value came from ({@code file:line} or {@code
 *     --set key=value})
 */
public record ConfigSource(Map<String, Object> tree, Map<String, String> origins) {

  /** A reader over the whole tree (root path ""). */
  public ConfigReader root() {
    return new ConfigReader(tree, "");
  }

  /** A reader over one top-level section, for example {@code features}. */
  public ConfigReader section(String name) {
    return root().section(name);
  }

  /**
   * Where the value at {@code keyPath} (or its nearest written parent) came from.
   *
   * @param keyPath dotted key path
   * @return {@code file F, line N}, {@code --set k=v}, or null when the key was never written (a
   *     default)
   */
  public String originOf(String keyPath) {
    String p = keyPath;
    while (p != null && !p.isEmpty()) {
      String o = origins.get(p);
      if (o != null) {
        return o;
      }
      int dot = p.lastIndexOf('.');
      p = dot < 0 ? null : p.substring(0, dot);
    }
    return null;
  }

  /**
   * Adds the origin of the bad key to a configuration error.
   *
   * @param e the error
   * @return a message such as {@code features.n_mels: must be >= 1, was 0 (file a.yaml, line 4)}
   */
  public String describe(ConfigException e) {
    String o = originOf(e.keyPath());
    return o == null ? e.getMessage() : e.getMessage() + " (" + o + ")";
  }
}
