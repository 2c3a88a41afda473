package io.uatr.experiments.config;

import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The only way this module makes a SnakeYAML instance: the safe constructor (plain maps, lists,
 * strings, numbers, booleans, null and timestamps; never a Java class named by a tag), no global
 * tags, no recursive keys, at most {@value #MAX_ALIASES} aliases per document, at most {@value
 * #MAX_NESTING} levels of nesting, at most {@value #CODE_POINT_LIMIT} code points per document and
 * no duplicate keys. Configurations are small hand-written files; these limits only stop a hostile
 * or broken one early.
 */
public final class SafeYaml {
  /** Most aliases a document may use ("billion laughs" guard). */
  public static final int MAX_ALIASES = 50;

  /** Deepest nesting of collections. */
  public static final int MAX_NESTING = 50;

  /** Largest document, in code points (1 Mi). */
  public static final int CODE_POINT_LIMIT = 1 << 20;

  /** The tags a configuration value may carry (YAML 1.1 core types); any other is refused. */
  static final Set<Tag> ALLOWED_TAGS =
      Set.of(
          Tag.STR,
          Tag.INT,
          Tag.FLOAT,
          Tag.BOOL,
          Tag.NULL,
          Tag.TIMESTAMP,
          Tag.MAP,
          Tag.SEQ,
          Tag.MERGE);

  private SafeYaml() {}

  /** Returns the loader options described in the class comment. */
  public static LoaderOptions loaderOptions() {
    LoaderOptions o = new LoaderOptions();
    o.setAllowDuplicateKeys(false);
    o.setAllowRecursiveKeys(false);
    o.setMaxAliasesForCollections(MAX_ALIASES);
    o.setNestingDepthLimit(MAX_NESTING);
    o.setCodePointLimit(CODE_POINT_LIMIT);
    o.setTagInspector(tag -> false);
    return o;
  }

  /** Returns a loader with the safe constructor and {@link #loaderOptions()}. */
  public static Yaml loader() {
    return new Yaml(new SafeConstructor(loaderOptions()));
  }

  /**
   * Returns a dumper with the given options (the safe constructor, should anything be loaded).
   *
   * @param options dump style
   * @return the instance
   */
  public static Yaml dumper(DumperOptions options) {
    return new Yaml(new SafeConstructor(loaderOptions()), new Representer(options), options);
  }
}
