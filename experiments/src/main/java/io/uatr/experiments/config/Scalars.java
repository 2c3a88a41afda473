package io.uatr.experiments.config;

/** YAML scalar typing: numbers, booleans and null as YAML 1.1 core schema resolves them. */
final class Scalars {
  private Scalars() {}

  /**
   * Types a scalar the parser resolved to {@code tag}.
   *
   * @param text the scalar's text
   * @param tag its resolved tag, for example {@code tag:yaml.org,2002:int}
   * @return a String, Integer, Long, BigInteger, Double, Boolean, Date or null
   */
  static Object parse(String text, String tag) {
    if (tag.endsWith(":str")) {
      return text;
    }
    Object v = SafeYaml.loader().load(text.isEmpty() ? "''" : text);
    return v instanceof java.util.Map || v instanceof java.util.List ? text : v;
  }
}
