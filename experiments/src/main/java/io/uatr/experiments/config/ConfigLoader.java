package io.uatr.experiments.config;

import io.uatr.dsp.config.ConfigException;
import java.io.IOException;
import java.io.Reader;
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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Loads a YAML configuration: resolves {@code extends: relative/base.yaml} (deep merge, the
 * extending file wins, chains allowed, cycles rejected), then applies {@code --set a.b=c} overrides
 * (values parsed as YAML scalars, so {@code 64} is a number and {@code true} a boolean). Records
 * the file and line of every key. Duplicate keys in one mapping are errors.
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
    convertMapping(mapping, "", file, own, ownOrigins);
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
    LoaderOptions opts = new LoaderOptions();
    opts.setAllowDuplicateKeys(false);
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new Yaml(opts).compose(r);
    } catch (NoSuchFileException e) {
      throw new ConfigException("", "config file not found: " + file);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? -1 : e.getProblemMark().getLine() + 1;
      throw new ConfigException("", file + ", line " + line + ": invalid YAML: " + e.getProblem());
    } catch (IOException e) {
      throw new ConfigException("", "cannot read config file " + file + ": " + e.getMessage());
    }
  }

  private static void convertMapping(
      MappingNode node,
      String prefix,
      Path file,
      Map<String, Object> out,
      Map<String, String> origins) {
    for (NodeTuple t : node.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw new ConfigException(prefix, "keys must be plain strings (" + where(file, t) + ")");
      }
      String key = k.getValue();
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      if (out.containsKey(key)) {
        throw new ConfigException(path, "duplicate key (" + where(file, t) + ")");
      }
      origins.put(path, where(file, t));
      out.put(key, convert(t.getValueNode(), path, file, origins));
    }
  }

  private static Object convert(Node n, String path, Path file, Map<String, String> origins) {
    if (n instanceof MappingNode m) {
      Map<String, Object> map = new LinkedHashMap<>();
      convertMapping(m, path, file, map, origins);
      return map;
    }
    if (n instanceof SequenceNode s) {
      List<Object> list = new ArrayList<>();
      int i = 0;
      for (Node item : s.getValue()) {
        list.add(convert(item, path + "[" + i++ + "]", file, origins));
      }
      return list;
    }
    return Scalars.parse(((ScalarNode) n).getValue(), ((ScalarNode) n).getTag().getValue());
  }

  private static String where(Path file, NodeTuple t) {
    return "file " + file + ", line " + (t.getKeyNode().getStartMark().getLine() + 1);
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
    node.put(parts[parts.length - 1], Scalars.parseOverride(value));
    origins.put(path, "--set " + override);
  }
}
