package io.uatr.models.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An enum constant with a lower-case configuration key, and the parser for such keys. */
public interface Keyed {

  /** Returns the configuration key of this constant, e.g. {@code "noisy_top_k"}. */
  String key();

  /**
   * Parses a configuration value into one of the constants of {@code type}.
   *
   * @param type the enum class
   * @param configKey the full configuration key, used in the error message (e.g. {@code
   *     "model.gate"})
   * @param value the value as written in the configuration (case-insensitive)
   * @return the matching constant
   * @throws IllegalArgumentException naming the key, the bad value and the allowed values
   */
  static <E extends Enum<E> & Keyed> E parse(Class<E> type, String configKey, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(configKey + " must be set");
    }
    String text = value.toString().trim().toLowerCase(Locale.ROOT);
    for (E e : type.getEnumConstants()) {
      if (e.key().equals(text)) {
        return e;
      }
    }
    String allowed =
        Arrays.stream(type.getEnumConstants()).map(Keyed::key).collect(Collectors.joining("|"));
    throw new IllegalArgumentException(
        configKey + " must be one of " + allowed + ", was '" + value + "'");
  }
}
