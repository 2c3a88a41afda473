package io.uatr.datasets;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a ShipsEar copy lies and how to split it.
 *
 * @param root directory searched recursively for WAVs named {@code <ID>__...wav} or {@code
 *     <Type>_<ID>__...wav} [{@code path}, required]
 * @param metaInfo metadata table; null means {@code root/meta_info.tsv} when present, else the
 *     shipped ShipsEar table [{@code meta_info}]
 * @param splits split table; null means {@code root/splits.tsv} when present, else the shipped
 *     published splits [{@code splits}]
 * @param classes class set 5, 9 or 12 [{@code classes}, default 9]
 * @param split {@code published} (the split table's {@code <classes>class} split), {@code
 *     stratified} (seeded class-stratified recording-level split, ships kept together) or {@code
 *     vessels} (seeded class-stratified split by vessel with the published split's per-class test
 *     fractions, see {@link VesselSplitter}) [{@code split}, default published for 9 and 12,
 *     stratified for 5]
 * @param testFraction test fraction of the stratified split, and of a class the published split
 *     does not list in the vessels split [{@code test_fraction}, default 0.25]
 * @param seed seed of the stratified and vessels splits [{@code seed}, default 1]
 * @param onError fail or skip on collection problems [{@code on_error}, default fail]
 */
public record ShipsEarConfig(
    Path root,
    Path metaInfo,
    Path splits,
    int classes,
    String split,
    double testFraction,
    long seed,
    OnError onError) {

  /** Validates and names the bad value. */
  public ShipsEarConfig {
    if (root == null) {
      throw new IllegalArgumentException("path must be set to the ShipsEar directory");
    }
    if (classes != 5 && classes != 9 && classes != 12) {
      throw new IllegalArgumentException("classes must be 5, 9 or 12, was " + classes);
    }
    if (!split.equals("published") && !split.equals("stratified") && !split.equals("vessels")) {
      throw new IllegalArgumentException(
          "split must be published, stratified or vessels, was '" + split + "'");
    }
    if (classes == 5 && split.equals("published")) {
      throw new IllegalArgumentException(
          "split: there is no published 5-class split; use stratified or vessels");
    }
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new IllegalArgumentException("test_fraction must be in [0, 1), was " + testFraction);
    }
    if (onError == null) {
      throw new IllegalArgumentException("on_error must be fail or skip");
    }
  }

  /**
   * Reads the settings.
   *
   * @param r the section
   * @return the config
   * @throws ConfigException naming the key path of an unknown key or invalid value
   */
  public static ShipsEarConfig fromConfig(ConfigReader r) {
    String path = r.getString("path", null);
    if (path == null) {
      throw new ConfigException(r.path("path"), "must be set to the ShipsEar directory");
    }
    String meta = r.getString("meta_info", null);
    String splits = r.getString("splits", null);
    int classes = r.getInt("classes", 9);
    String split =
        r.getString("split", classes == 5 ? "stratified" : "published").toLowerCase(Locale.ROOT);
    double fraction = r.getDouble("test_fraction", 0.25);
    long seed = r.getLong("seed", 1);
    String onError = r.getString("on_error", "fail").toUpperCase(Locale.ROOT);
    OnError oe;
    try {
      oe = OnError.valueOf(onError);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(r.path("on_error"), "must be fail or skip, was '" + onError + "'");
    }
    r.rejectUnknown();
    try {
      return new ShipsEarConfig(
          Path.of(path),
          meta == null ? null : Path.of(meta),
          splits == null ? null : Path.of(splits),
          classes,
          split,
          fraction,
          seed,
          oe);
    } catch (IllegalArgumentException e) {
      throw r.invalid(e.getMessage().split("[ :]", 2)[0], e);
    }
  }
}
