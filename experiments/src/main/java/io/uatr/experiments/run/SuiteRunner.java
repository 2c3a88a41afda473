package io.uatr.experiments.run;

import io.uatr.dsp.config.ConfigException;
import io.uatr.experiments.config.ConfigSource;
import io.uatr.experiments.config.Sections;
import io.uatr.experiments.report.SuiteReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a suite: the base sections of the configuration, once per variant listed under {@code
 * suite.variants} (each a tree of overrides deep-merged over the base), every variant over every
 * seed, into {@code OUTPUT/<variant>/}, then writes {@code results.md}, {@code results.csv} and
 * {@code report.md} in the suite directory. A configuration without a {@code suite} section is a
 * suite of one variant. Finished runs are skipped on a rerun.
 *
 * <p>A variant's name is also its directory name, so it must match {@value #VARIANT_NAME} and may
 * not be {@code .} or contain {@code ..}; any other name is a configuration error naming the key
 * {@code suite.variants.NAME}, so no variant can write outside the suite's {@code output.dir}.
 */
public final class SuiteRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SuiteRunner.class);

  /** The pattern every variant name matches. */
  public static final String VARIANT_NAME = "[A-Za-z0-9_.-]+";

  private static final Pattern VARIANT = Pattern.compile(VARIANT_NAME);

  /**
   * One variant: its name, its resolved configuration and settings.
   *
   * @param name variant name
   * @param source the variant's resolved configuration (base plus overrides)
   * @param settings the typed settings
   */
  public record Variant(String name, ConfigSource source, RunSettings settings) {}

  /**
   * A parsed suite.
   *
   * @param name suite name
   * @param dir suite output directory
   * @param variants the variants in the order written
   * @param reference the variant the others are compared with ({@code suite.reference}; default
   *     {@code m3} when there is such a variant, else the first)
   */
  public record Suite(String name, Path dir, List<Variant> variants, String reference) {}

  /** Default reference variant of the paired comparisons. */
  public static final String DEFAULT_REFERENCE = "m3";

  private SuiteRunner() {}

  /**
   * Reads and validates a suite (every variant is validated before anything runs).
   *
   * @param src the resolved configuration
   * @param defaultName name when the config gives none
   * @return the suite
   * @throws ConfigException naming the key path, file and line of a bad key
   */
  @SuppressWarnings("unchecked")
  public static Suite parse(ConfigSource src, String defaultName) {
    try {
      Sections.checkTopLevel(src);
    } catch (ConfigException e) {
      throw RunSettings.withOrigin(src, e);
    }
    Map<String, Object> base = deepCopy(src.tree());
    Object suite = base.remove("suite");
    String name = String.valueOf(base.getOrDefault("name", defaultName));
    Map<String, Object> out = (Map<String, Object>) base.getOrDefault("output", Map.of());
    Path dir = Path.of(String.valueOf(out.getOrDefault("dir", "runs/" + name)));
    Map<String, Object> variants = new LinkedHashMap<>();
    if (suite == null) {
      variants.put(name, Map.of());
    } else {
      if (!(suite instanceof Map<?, ?> sm)) {
        throw RunSettings.withOrigin(src, new ConfigException("suite", "must be a mapping"));
      }
      for (Object k : sm.keySet()) {
        if (!k.equals("variants") && !k.equals("reference")) {
          throw RunSettings.withOrigin(
              src,
              new ConfigException(
                  "suite." + k, "unknown key (known keys here: variants, reference)"));
        }
      }
      Object v = sm.get("variants");
      if (!(v instanceof Map<?, ?> vm) || vm.isEmpty()) {
        throw RunSettings.withOrigin(
            src,
            new ConfigException("suite.variants", "must map variant names to override sections"));
      }
      for (Map.Entry<?, ?> e : vm.entrySet()) {
        String vn = String.valueOf(e.getKey());
        if (!VARIANT.matcher(vn).matches() || vn.equals(".") || vn.contains("..")) {
          throw RunSettings.withOrigin(
              src,
              new ConfigException(
                  "suite.variants." + vn,
                  "a variant name must match "
                      + VARIANT_NAME
                      + " and may not be '.' or contain '..' (it names the variant's directory"
                      + " under output.dir)"));
        }
        Object ov = e.getValue() == null ? Map.of() : e.getValue();
        if (!(ov instanceof Map)) {
          throw RunSettings.withOrigin(
              src,
              new ConfigException(
                  "suite.variants." + e.getKey(), "must be a mapping of overrides (or {})"));
        }
        variants.put(String.valueOf(e.getKey()), ov);
      }
    }
    List<Variant> list = new ArrayList<>();
    for (Map.Entry<String, Object> e : variants.entrySet()) {
      Map<String, Object> tree = deepCopy(base);
      merge(tree, deepCopy((Map<String, Object>) e.getValue()));
      String vname = variants.size() == 1 && suite == null ? name : e.getKey();
      tree.put("name", suite == null ? name : name + "/" + vname);
      Map<String, Object> o =
          (Map<String, Object>) tree.computeIfAbsent("output", k -> new LinkedHashMap<>());
      Path vdir = suite == null ? dir : dir.resolve(vname);
      if (!vdir.normalize().startsWith(dir.normalize()) || suite != null && vdir.equals(dir)) {
        // unreachable after the name check; a guard against writing outside output.dir
        throw new ConfigException("suite.variants." + vname, "would be written outside " + dir);
      }
      o.put("dir", vdir.toString());
      Map<String, String> origins = new LinkedHashMap<>(src.origins());
      String prefix = "suite.variants." + e.getKey() + ".";
      for (Map.Entry<String, String> oe : src.origins().entrySet()) {
        if (oe.getKey().startsWith(prefix)) {
          origins.put(oe.getKey().substring(prefix.length()), oe.getValue());
        }
      }
      ConfigSource vs = new ConfigSource(tree, origins);
      RunSettings rs;
      try {
        rs = RunSettings.from(vs, vname);
      } catch (ConfigException ex) {
        if (suite == null) {
          throw ex;
        }
        throw new ConfigException(
            ex.keyPath(),
            "variant " + vname + ": " + ex.getMessage().substring(ex.keyPath().length() + 2));
      }
      list.add(new Variant(vname, vs, rs));
    }
    Object ref = suite instanceof Map<?, ?> sm ? sm.get("reference") : null;
    String reference =
        variants.containsKey(DEFAULT_REFERENCE) ? DEFAULT_REFERENCE : list.get(0).name();
    if (ref != null) {
      reference = String.valueOf(ref);
      if (!variants.containsKey(reference)) {
        throw RunSettings.withOrigin(
            src,
            new ConfigException(
                "suite.reference",
                "names no variant ('" + reference + "'; variants: " + variants.keySet() + ")"));
      }
    }
    return new Suite(name, dir, list, reference);
  }

  /**
   * Runs every variant (skipping finished runs) and writes the suite's results and report.
   *
   * @param suite the suite
   * @param runner the runner (shares prepared data between variants)
   * @return results per variant, each with one entry per seed
   * @throws IOException when a file cannot be read or written
   */
  public static Map<String, List<RunResult>> run(Suite suite, ExperimentRunner runner)
      throws IOException {
    Map<String, List<RunResult>> results = new LinkedHashMap<>();
    boolean synthetic = false;
    for (Variant v : suite.variants()) {
      LOG.info("suite {}: variant {}", suite.name(), v.name());
      results.put(v.name(), runner.run(v.settings(), v.source(), v.settings().outputDir()));
      synthetic |= v.settings().dataset().synthetic();
    }
    if (suite.variants().size() > 1 || suite.variants().get(0).settings().seeds().size() > 1) {
      SuiteReport.write(suite, results, synthetic);
    }
    return results;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> deepCopy(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Map) {
        v = deepCopy((Map<String, Object>) v);
      } else if (v instanceof List<?> l) {
        v = new ArrayList<>(l);
      }
      out.put(e.getKey(), v);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static void merge(Map<String, Object> base, Map<String, Object> over) {
    for (Map.Entry<String, Object> e : over.entrySet()) {
      Object old = base.get(e.getKey());
      if (old instanceof Map && e.getValue() instanceof Map) {
        merge((Map<String, Object>) old, (Map<String, Object>) e.getValue());
      } else {
        base.put(e.getKey(), e.getValue());
      }
    }
  }
}
