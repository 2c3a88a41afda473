package io.uatr.inference.batch;

/**
 * One output column.
 *
 * @param name column name
 * @param type value type
 */
public record Column(String name, Type type) {

  /** Value types (null always allowed). */
  public enum Type {
    /** Text. */
    STRING,
    /** 32-bit integer. */
    INT,
    /** 32-bit float (probabilities). */
    FLOAT,
    /** 64-bit float (times in s, size values). */
    DOUBLE
  }
}
