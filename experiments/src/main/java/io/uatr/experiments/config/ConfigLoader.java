package io.uatr.experiments.config;

import io.uatr.dsp.config.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Loads a YAML configuration: resolves {@code extends: relative/base.yaml} (deep merge, the
 * extending file wins, chains allowed, cycles rejected), then applies {@code --set a.b=VALUE}
 * overrides. Records the file and line of every key. Duplicate keys in one mapping are errors.
 *
 * <p>An override's VALUE is any YAML value: a scalar ({@code 64} is a number, {@code true} a
 * boolean, {@code null} null), a flow list ({@code [1, 2]}) or a flow mapping ({@code
 * {Passengership: 1, Tanker: 2}}). It <em>replaces</em> whatever was at that key, a whole subtree
 * included (as Hydra does): {@code --set dataset.sizes={Tanker: 2}} leaves no other key under
 * {@code dataset.sizes}; to change one key of a mapping, set that key ({@code --set
 * dataset.sizes.Tanker=2}).
 *
 * <p>YAML is read with {@link SafeYaml}'s limits, and a value with any tag other than the core
 * types (for example {@code !!java.io.File} or a local {@code !thing}) is refused with an error
 * naming the key and where it was written.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * Loads and resolves a configuration.
   *
   * @param file the YAML file, or null to start from an empty configuration
   * @param overrides {@code key.path=value} strings applied in order
   * @return the merged tree with key origins
   * @throws ConfigException for a bad override, a YAML syntax error, a duplicate key or a missing
   *     file (the message names it)
   */
  public static ConfigSource load(Path file, List<String> overrides) {
    Map<String, Object> tree = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    if (file != null) {
      loadFile(file.toAbsolutePath().normalize(), tree, origins, new HashSet<>());
    }
    for (String o : overrides) {
      applyOverride(o, tree, origins);
    }
    return new ConfigSource(tree, origins);
  }

  private static void loadFile(
      Path file, Map<String, Object> tree, Map<String, String> origins, Set<Path> seen) {
    if (!seen.add(file)) {
      throw new ConfigException("extends", "cycle: " + file + " extends itself");
    }
    Node node = compose(file);
    if (node == null) {
      return;
    }
    if (!(node instanceof MappingNode mapping)) {
      throw new ConfigException("", file + ": the top level must be a mapping of sections");
    }
    Map<String, Object> own = new LinkedHashMap<>();
    Map<String, String> ownOrigins = new LinkedHashMap<>();
    convertMapping(mapping, "", inFile(file), own, ownOrigins);
    Object ext = own.remove("extends");
    ownOrigins.remove("extends");
    if (ext != null) {
      List<String> bases = new ArrayList<>();
      if (ext instanceof List<?> l) {
        l.forEach(b -> bases.add(b.toString()));
      } else {
        bases.add(ext.toString());
      }
      for (String b : bases) {
        Path base = file.getParent().resolve(b).normalize();
        loadFile(base, tree, origins, seen);
      }
    }
    deepMerge(tree, own);
    origins.putAll(ownOrigins);
    seen.remove(file);
  }

  private static Node compose(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return SafeYaml.loader().compose(r);
    } catch (NoSuchFileException e) {
      throw new ConfigException("", "config file not found: " + file);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? -1 : e.getProblemMark().getLine() + 1;
      throw new ConfigException("", file + ", line " + line + ": invalid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new ConfigException("", file + ": invalid YAML: " + e.getMessage());
    } catch (IOException e) {
      throw new ConfigException("", "cannot read config file " + file + ": " + e.getMessage());
    }
  }

  private static void convertMapping(
      MappingNode node,
      String prefix,
      Function<Node, String> where,
      Map<String, Object> out,
      Map<String, String> origins) {
    for (NodeTuple t : node.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)
          || !SafeYaml.ALLOWED_TAGS.contains(k.getTag())) {
        throw new ConfigException(
            prefix, "keys must be plain strings (" + where.apply(t.getKeyNode()) + ")");
      }
      String key = k.getValue();
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      if (out.containsKey(key)) {
        throw new ConfigException(path, "duplicate key (" + where.apply(k) + ")");
      }
      origins.put(path, where.apply(k));
      out.put(key, convert(t.getValueNode(), path, where, origins));
    }
  }

  private static Object convert(
      Node n, String path, Function<Node, String> where, Map<String, String> origins) {
    if (!SafeYaml.ALLOWED_TAGS.contains(n.getTag())) {
      throw new ConfigException(
          path,
          "the YAML tag "
              + n.getTag().getValue()
              + " is not allowed: values are plain strings, numbers, booleans, null, lists and"
              + " mappings ("
              + where.apply(n)
              + ")");
    }
    if (n instanceof MappingNode m) {
      Map<String, Object> map = new LinkedHashMap<>();
      convertMapping(m, path, where, map, origins);
      return map;
    }
    if (n instanceof SequenceNode s) {
      List<Object> list = new ArrayList<>();
      int i = 0;
      for (Node item : s.getValue()) {
        list.add(convert(item, path + "[" + i++ + "]", where, origins));
      }
      return list;
    }
    return Scalars.parse(((ScalarNode) n).getValue(), n.getTag().getValue());
  }

  private static Function<Node, String> inFile(Path file) {
    return n -> "file " + file + ", line " + (n.getStartMark().getLine() + 1);
  }

  @SuppressWarnings("unchecked")
  static void deepMerge(Map<String, Object> base, Map<String, Object> over) {
    for (Map.Entry<String, Object> e : over.entrySet()) {
      Object old = base.get(e.getKey());
      if (old instanceof Map && e.getValue() instanceof Map) {
        deepMerge((Map<String, Object>) old, (Map<String, Object>) e.getValue());
      } else {
        base.put(e.getKey(), e.getValue());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void applyOverride(
      String override, Map<String, Object> tree, Map<String, String> origins) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException(override, "--set expects key.path=value, was '" + override + "'");
    }
    String path = override.substring(0, eq).trim();
    String value = override.substring(eq + 1);
    String[] parts = path.split("\\.");
    Map<String, Object> node = tree;
    StringBuilder sofar = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].isEmpty()) {
        throw new ConfigException(path, "--set has an empty key segment");
      }
      sofar.append(i == 0 ? "" : ".").append(parts[i]);
      Object child = node.get(parts[i]);
      if (child == null) {
        child = new LinkedHashMap<String, Object>();
        node.put(parts[i], child);
      } else if (!(child instanceof Map)) {
        throw new ConfigException(
            sofar.toString(), "--set " + path + ": '" + sofar + "' is not a mapping");
      }
      node = (Map<String, Object>) child;
    }
    String leaf = parts[parts.length - 1];
    if (leaf.isEmpty()) {
      throw new ConfigException(path, "--set has an empty key segment");
    }
    String origin = "--set " + override;
    Map<String, String> inner = new LinkedHashMap<>();
    node.put(leaf, parseOverrideValue(path, value, origin, inner));
    // the value replaces the whole subtree: forget where its old keys were written
    origins.keySet().removeIf(k -> k.startsWith(path + ".") || k.startsWith(path + "["));
    origins.put(path, origin);
    origins.putAll(inner);
  }

  /**
   * Parses an override's value as one YAML value (a scalar, a flow list or a flow mapping).
   *
   * @param path the key being set (for errors)
   * @param value the text after {@code =}
   * @param origin the {@code --set} argument (for errors)
   * @param origins receives the origin of every key inside a mapping value
   * @return a scalar, a {@code List} or a {@code Map<String,Object>}
   */
  private static Object parseOverrideValue(
      String path, String value, String origin, Map<String, String> origins) {
    if (value.isEmpty()) {
      return "";
    }
    Node n;
    try {
      n = SafeYaml.loader().compose(new StringReader(value));
    } catch (MarkedYAMLException e) {
      throw new ConfigException(path, origin + ": invalid YAML value: " + e.getProblem());
    } catch (YAMLException e) {
      throw new ConfigException(path, origin + ": invalid YAML value: " + e.getMessage());
    }
    if (n == null) {
      return null;
    }
    return convert(n, path, x -> origin, origins);
  }
}
