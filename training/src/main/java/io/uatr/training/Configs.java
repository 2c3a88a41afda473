package io.uatr.training;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import java.util.function.Supplier;

/** Turns a record's validation error into a {@link ConfigException} naming the key path. */
final class Configs {

  private Configs() {}

  /**
   * Builds a record; an {@link IllegalArgumentException} whose message starts with a key name
   * becomes a {@link ConfigException} on that key of {@code r}.
   */
  static <T> T build(ConfigReader r, Supplier<T> make) {
    try {
      return make.get();
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      String key = e.getMessage().split(" ", 2)[0];
      throw new ConfigException(r.path(key), e.getMessage());
    }
  }
}
