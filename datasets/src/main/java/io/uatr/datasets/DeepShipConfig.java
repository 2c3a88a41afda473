package io.uatr.datasets;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 */
public record DeepShipConfig(
    Path root, List<String> classes, double testFraction, long seed, OnError onError) {

  /** Validates and names the bad value. */
  public DeepShipConfig {
    if (root == null) {
      throw new IllegalArgumentException("path must be set to the DeepShip directory");
    }
    classes = List.copyOf(classes);
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new IllegalArgumentException("test_fraction must be in [0, 1), was " + testFraction);
    }
    if (onError == null) {
      throw new IllegalArgumentException("on_error must be fail or skip");
    }
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
    String oe = r.getString("on_error", "fail").toUpperCase(Locale.ROOT);
    OnError onError;
    try {
      onError = OnError.valueOf(oe);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(r.path("on_error"), "must be fail or skip, was '" + oe + "'");
    }
    r.rejectUnknown();
    try {
      return new DeepShipConfig(Path.of(path), classes, fraction, seed, onError);
    } catch (IllegalArgumentException e) {
      throw r.invalid(e.getMessage().split(" ", 2)[0], e);
    }
  }
}
