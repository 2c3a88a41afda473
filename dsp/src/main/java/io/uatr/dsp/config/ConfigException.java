package io.uatr.dsp.config;

/**
 * A configuration value that is missing, of the wrong type, out of range, or unknown. The message
 * starts with the full key path ({@code features.n_mels}); the YAML layer adds file and line.
 */
public class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String keyPath;

  /**
   * Creates the exception.
   *
   * @param keyPath full dotted key path, for example {@code features.n_mels}
   * @param problem what is wrong, for example "must be >= 1, was 0"
   */
  public ConfigException(String keyPath, String problem) {
    super(keyPath + ": " + problem);
    this.keyPath = keyPath;
  }

  /** The full dotted key path of the bad value. */
  public String keyPath() {
    return keyPath;
  }
}
