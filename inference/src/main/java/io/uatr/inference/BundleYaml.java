package io.uatr.inference;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads and writes {@code bundle.yaml} (block-style YAML). Reading uses SnakeYAML's safe
 * constructor only (plain maps, lists, strings, numbers, booleans, null), refuses every global tag
 * (such as {@code !!java.io.File}) and any other non-core tag, recursive keys and duplicate keys,
 * and allows at most {@value #MAX_ALIASES} aliases, {@value #MAX_NESTING} levels of nesting and
 * {@value #CODE_POINT_LIMIT} code points.
 */
final class BundleYaml {
  /** Most aliases a manifest may use. */
  static final int MAX_ALIASES = 50;

  /** Deepest nesting of collections. */
  static final int MAX_NESTING = 50;

  /** Largest manifest, in code points (4 Mi). */
  static final int CODE_POINT_LIMIT = 4 << 20;

  private BundleYaml() {}

  static LoaderOptions loaderOptions() {
    LoaderOptions o = new LoaderOptions();
    o.setAllowDuplicateKeys(false);
    o.setAllowRecursiveKeys(false);
    o.setMaxAliasesForCollections(MAX_ALIASES);
    o.setNestingDepthLimit(MAX_NESTING);
    o.setCodePointLimit(CODE_POINT_LIMIT);
    o.setTagInspector(tag -> false);
    return o;
  }

  static void write(Map<String, Object> doc, Path file) throws IOException {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    o.setIndent(2);
    o.setWidth(100);
    Yaml yaml = new Yaml(new SafeConstructor(loaderOptions()), new Representer(o), o);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("# uatr model bundle (see io.uatr.inference.BundleManifest)\n");
      yaml.dump(doc, w);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> read(Path file) throws IOException {
    Yaml yaml = new Yaml(new SafeConstructor(loaderOptions()));
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object doc = yaml.load(r);
      if (!(doc instanceof Map<?, ?>)) {
        throw new BundleException(file + ": not a YAML mapping");
      }
      return (Map<String, Object>) doc;
    } catch (YAMLException e) {
      throw new BundleException(file + ": invalid YAML: " + e.getMessage(), e);
    }
  }
}
