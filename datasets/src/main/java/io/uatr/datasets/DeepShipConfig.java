package io.uatr.datasets;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a DeepShip copy lies and how to split it.
 *
 * @param root directory with one folder per class [{@code path}, required]
 * @param classes class folder names to use, in index order; empty means every folder, sorted
 *     [{@code classes}]
 * @param testFraction test fraction of the recording-level split [{@code test_fraction}, default
 *     0.25]
 * @param seed split seed [{@code seed}, default 1]
 * @param onError fail or skip on unreadable files [{@code on_error}, default fail]
 * @param sizes class to size level (0-based) for a size task; empty means size -1 (unknown) [{@code
 *     sizes}, mapping]
 */
public record DeepShipConfig(
    Path root,
    List<String> classes,
    double testFraction,
    long seed,
    OnError onError,
    Map<String, Integer> sizes) {

  /** Validates and names the bad value. */
  public DeepShipConfig {
    if (root == null) {
      throw new IllegalArgumentException("path must be set to the DeepShip directory");
    }
    classes = List.copyOf(classes);
    sizes = LoaderSupport.checkCommon(testFraction, onError, sizes);
  }

  /**
   * Reads the settings.
   *
   * @param r the section
   * @return the config
   * @throws ConfigException naming the key path of an unknown key or invalid value
   */
  public static DeepShipConfig fromConfig(ConfigReader r) {
    String path = r.getString("path", null);
    if (path == null) {
      throw new ConfigException(r.path("path"), "must be set to the DeepShip directory");
    }
    List<String> classes = new ArrayList<>();
    for (Object o : r.getList("classes", List.of())) {
      classes.add(String.valueOf(o));
    }
    double fraction = r.getDouble("test_fraction", 0.25);
    long seed = r.getLong("seed", 1);
    OnError onError = LoaderSupport.onError(r);
    Map<String, Integer> sizes = LoaderSupport.sizes(r);
    r.rejectUnknown();
    try {
      return new DeepShipConfig(Path.of(path), classes, fraction, seed, onError, sizes);
    } catch (IllegalArgumentException e) {
      throw r.invalid(e.getMessage().split(" ", 2)[0], e);
    }
  }
}
