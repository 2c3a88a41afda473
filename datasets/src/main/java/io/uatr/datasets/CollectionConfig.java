package io.uatr.datasets;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import java.nio.file.Path;
import java.util.Map;

/**
 * A custom collection: a folder per class, or a manifest CSV.
 *
 * @param root directory with one folder per class (folder layout), or the base of relative manifest
 *     paths (default: the manifest's directory) [{@code path}]
 * @param manifest CSV with header {@code path,label[,size][,split][,extra...]}; null for the folder
 *     layout [{@code manifest}]
 * @param testFraction test fraction of the seeded stratified split (used when the manifest has no
 *     split column) [{@code test_fraction}, default 0.25]
 * @param seed split seed [{@code seed}, default 1]
 * @param onError fail or skip on missing or unreadable files [{@code on_error}, default fail]
 * @param sizes class to size level (0-based), for collections without a size column [{@code sizes},
 *     mapping]
 */
public record CollectionConfig(
    Path root,
    Path manifest,
    double testFraction,
    long seed,
    OnError onError,
    Map<String, Integer> sizes) {

  /** Validates and names the bad value. */
  public CollectionConfig {
    if (root == null && manifest == null) {
      throw new IllegalArgumentException("path must be set (or manifest)");
    }
    sizes = LoaderSupport.checkCommon(testFraction, onError, sizes);
  }

  /**
   * Reads the settings.
   *
   * @param r the section
   * @return the config
   * @throws ConfigException naming the key path of an unknown key or invalid value
   */
  public static CollectionConfig fromConfig(ConfigReader r) {
    String path = r.getString("path", null);
    String manifest = r.getString("manifest", null);
    if (path == null && manifest == null) {
      throw new ConfigException(r.path("path"), "must be set (a folder per class), or manifest");
    }
    double fraction = r.getDouble("test_fraction", 0.25);
    long seed = r.getLong("seed", 1);
    OnError onError = LoaderSupport.onError(r);
    Map<String, Integer> sizes = LoaderSupport.sizes(r);
    r.rejectUnknown();
    try {
      return new CollectionConfig(
          path == null ? null : Path.of(path),
          manifest == null ? null : Path.of(manifest),
          fraction,
          seed,
          onError,
          sizes);
    } catch (IllegalArgumentException e) {
      throw r.invalid(e.getMessage().split(" ", 2)[0], e);
    }
  }
}
