package io.uatr.experiments.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** YAML scalar typing: numbers, booleans and null as YAML 1.1 core schema resolves them. */
final class Scalars {
  private Scalars() {}

  static Object parse(String text, String tag) {
    if (tag.endsWith(":str")) {
      return text;
    }
    Object v = new Yaml().load(text.isEmpty() ? "''" : text);
    return v instanceof Map || v instanceof List ? text : v;
  }

  static Object parseOverride(String text) {
    Object v = new Yaml().load(text.isEmpty() ? "''" : text);
    if (v instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    return v instanceof Map ? text : v;
  }
}
