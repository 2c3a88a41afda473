package io.uatr.dsp.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Typed, validating access to one section of a parsed configuration (a {@code Map} as a YAML parser
 * gives it). Every getter names the full key path in its errors, and {@link #rejectUnknown()}
 * reports keys that no getter asked for, so typos never pass silently.
 */
public final class ConfigReader {
  private final Map<String, ?> map;
  private final String path;
  private final Set<String> used = new LinkedHashSet<>();

  /**
   * Wraps a section.
   *
   * @param map the section's keys and values (null means empty)
   * @param path the section's dotted path, for example {@code features} ("" for the root)
   */
  public ConfigReader(Map<String, ?> map, String path) {
    this.map = map == null ? Map.of() : map;
    this.path = path;
  }

  /** Full dotted path of {@code key} in this section. */
  public String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /**
   * Whether a getter has asked for {@code key} (so it is a known key of this section).
   *
   * @param key a key of this section
   * @return true once any getter or {@link #has} named it
   */
  public boolean wasRead(String key) {
    return used.contains(key);
  }

  /**
   * Parses a string key with a parser that throws {@link IllegalArgumentException} on bad input,
   * turning that into a configuration error naming the key path.
   *
   * @param key the key
   * @param def default text
   * @param parser for example an enum's {@code parse}
   * @param <T> parsed type
   * @return the parsed value
   */
  public <T> T parse(String key, String def, java.util.function.Function<String, T> parser) {
    String v = getString(key, def);
    try {
      return parser.apply(v);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(path(key), e.getMessage());
    }
  }

  /** Whether the key is present with a non-null value (marks it as known). */
  public boolean has(String key) {
    used.add(key);
    return map.get(key) != null;
  }

  private Object raw(String key) {
    used.add(key);
    return map.get(key);
  }

  /** String value, or {@code def} when absent. */
  public String getString(String key, String def) {
    Object v = raw(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Map || v instanceof List) {
      throw new ConfigException(path(key), "must be a string, was " + describe(v));
    }
    return v.toString();
  }

  /** Integer value, or {@code def} when absent. */
  public int getInt(String key, int def) {
    Object v = raw(key);
    if (v == null) {
      return def;
    }
    double d = number(key, v);
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      throw new ConfigException(path(key), "must be an integer, was " + v);
    }
    return (int) d;
  }

  /** Long value, or {@code def} when absent. */
  public long getLong(String key, long def) {
    Object v = raw(key);
    if (v == null) {
      return def;
    }
    double d = number(key, v);
    if (d != Math.rint(d)) {
      throw new ConfigException(path(key), "must be an integer, was " + v);
    }
    return v instanceof Number n && !(v instanceof Double) ? n.longValue() : (long) d;
  }

  /** Double value, or {@code def} when absent. */
  public double getDouble(String key, double def) {
    Object v = raw(key);
    return v == null ? def : number(key, v);
  }

  /** Double value, or null when absent or written as {@code null}/{@code none}. */
  public Double getDoubleOrNull(String key) {
    Object v = raw(key);
    if (v == null || "none".equalsIgnoreCase(v.toString()) || "null".equals(v.toString())) {
      return null;
    }
    return number(key, v);
  }

  /** Boolean value ({@code true}/{@code false}), or {@code def} when absent. */
  public boolean getBoolean(String key, boolean def) {
    Object v = raw(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = v.toString().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw new ConfigException(path(key), "must be true or false, was " + describe(v));
  }

  /** List value (elements as parsed), or {@code def} when absent. */
  public List<?> getList(String key, List<?> def) {
    Object v = raw(key);
    if (v == null) {
      return def;
    }
    if (v instanceof List<?> l) {
      return l;
    }
    throw new ConfigException(path(key), "must be a list, was " + describe(v));
  }

  /** Sub-section reader (empty when absent). */
  @SuppressWarnings("unchecked")
  public ConfigReader section(String key) {
    Object v = raw(key);
    if (v != null && !(v instanceof Map)) {
      throw new ConfigException(path(key), "must be a mapping, was " + describe(v));
    }
    return new ConfigReader((Map<String, ?>) v, path(key));
  }

  /**
   * Fails on the first key that no getter asked for.
   *
   * @throws ConfigException naming the unknown key and the known ones
   */
  public void rejectUnknown() {
    List<String> unknown = new ArrayList<>();
    for (String k : map.keySet()) {
      if (!used.contains(k)) {
        unknown.add(k);
      }
    }
    if (!unknown.isEmpty()) {
      throw new ConfigException(
          path(unknown.get(0)), "unknown key (known keys here: " + String.join(", ", used) + ")");
    }
  }

  /**
   * Wraps a validation failure of a record built from this section.
   *
   * @param key the offending key
   * @param e the record's validation error
   * @return an exception naming the full key path
   */
  public ConfigException invalid(String key, IllegalArgumentException e) {
    return new ConfigException(path(key), e.getMessage());
  }

  /** A copy of the raw section, in key order. */
  public Map<String, Object> asMap() {
    return new LinkedHashMap<>(map);
  }

  private double number(String key, Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(path(key), "must be a number, was " + describe(v));
    }
  }

  private static String describe(Object v) {
    if (v instanceof Map) {
      return "a mapping";
    }
    if (v instanceof List) {
      return "a list";
    }
    return "'" + v + "'";
  }
}
