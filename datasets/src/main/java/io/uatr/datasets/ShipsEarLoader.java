package io.uatr.datasets;

import io.uatr.dsp.io.WavInfo;
import io.uatr.dsp.io.WavReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a ShipsEar copy (or a corpus in its layout, such as the synthetic one): finds the WAVs,
 * joins them with the metadata, applies the class grouping and the split, and lists every
 * collection problem at once.
 *
 * <p>The ship identity used by the leakage check and the stratified split is the metadata's {@code
 * image_id} (the vessel photograph; recordings with the same image are taken to be the same
 * vessel), where it is not {@code N.A.}; ambient-noise recordings have no ship identity.
 */
public final class ShipsEarLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ShipsEarLoader.class);
  private static final String RESOURCE = "/io/uatr/datasets/shipsear/";
  private static final Pattern NAME = Pattern.compile("^(?:(.+?)_)?(\\d+)__.*\\.wav$");

  private ShipsEarLoader() {}

  /**
   * The ID in a file name: the number before the first double underscore, with or without a type
   * prefix ({@code 15__10_07_13_radaUno_Pasa.wav}, {@code Tugboat_15__10_07_13_radaUno_Pasa.wav}).
   *
   * @param fileName the file name
   * @return the ID, or null when the name has none
   */
  public static String idOf(String fileName) {
    Matcher m = NAME.matcher(fileName.toLowerCase(Locale.ROOT));
    return m.matches() ? Integer.toString(Integer.parseInt(m.group(2))) : null;
  }

  /**
   * The shipped metadata of all 90 ShipsEar recordings.
   *
   * @return the table (columns ids, label, local, date, chanel_depth, wind, distance, image_id)
   */
  public static TsvTable shippedMetadata() {
    return resource("meta_info.tsv");
  }

  /** The shipped published splits (9class and 12class). */
  public static TsvTable shippedSplits() {
    return resource("splits.tsv");
  }

  private static TsvTable resource(String name) {
    try (InputStream in = ShipsEarLoader.class.getResourceAsStream(RESOURCE + name)) {
      return TsvTable.read(in, "resource " + RESOURCE + name);
    } catch (IOException e) {
      throw new DatasetException("cannot read resource " + RESOURCE + name + ": " + e);
    }
  }

  private static TsvTable table(Path explicit, Path inRoot, String resourceName) {
    Path p = explicit != null ? explicit : Files.isRegularFile(inRoot) ? inRoot : null;
    if (p == null) {
      return resource(resourceName);
    }
    try (InputStream in = Files.newInputStream(p)) {
      return TsvTable.read(in, p.toString());
    } catch (IOException e) {
      throw new DatasetException(p + ": cannot read: " + e.getMessage());
    }
  }

  /**
   * Loads and splits the dataset.
   *
   * @param c settings
   * @return train and test recordings, skipped problems and the leakage report
   * @throws DatasetException listing every problem when {@code on_error} is fail, or when a table
   *     is malformed or the directory is missing
   */
  public static DatasetSplits load(ShipsEarConfig c) {
    if (!Files.isDirectory(c.root())) {
      throw new DatasetException(c.root() + ": not a directory (dataset path)");
    }
    TsvTable meta = table(c.metaInfo(), c.root().resolve("meta_info.tsv"), "meta_info.tsv");
    meta.require(List.of("ids", "label"));
    boolean shippedSplits =
        c.splits() == null && !Files.isRegularFile(c.root().resolve("splits.tsv"));
    TsvTable splits = table(c.splits(), c.root().resolve("splits.tsv"), "splits.tsv");
    splits.require(List.of("split_name", "part", "ids"));
    LabelMap labels = LabelMap.shipsEar(c.classes());
    SizeMap sizes = SizeMap.m3Default();
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (Map<String, String> row : meta.rows()) {
      rows.put(normaliseId(row.get("ids")), row);
    }
    List<DatasetProblem> problems = new ArrayList<>();
    Map<String, Path> files = scan(c.root(), rows, problems);
    String splitName = c.classes() + "class";
    Map<String, List<String>> partIds = new LinkedHashMap<>();
    Set<String> needed = new LinkedHashSet<>();
    if (c.split().equals("published")) {
      for (Map<String, String> row : splits.rows()) {
        if (row.get("split_name").equals(splitName)) {
          List<String> ids = new ArrayList<>();
          for (String id : row.get("ids").split(",")) {
            if (!id.isBlank()) {
              ids.add(normaliseId(id));
            }
          }
          partIds.computeIfAbsent(row.get("part"), k -> new ArrayList<>()).addAll(ids);
          needed.addAll(ids);
        }
      }
      if (partIds.isEmpty()) {
        throw new DatasetException(splits.source() + ": no split named '" + splitName + "'");
      }
    }
    List<TimeCut> cuts = shippedSplits ? timeCuts(splitName) : List.of();
    for (TimeCut t : cuts) {
      needed.add(t.id);
    }
    if (!c.split().equals("published")) {
      for (Map.Entry<String, Map<String, String>> e : rows.entrySet()) {
        if (labels.classOf(e.getValue().get("label")) != null) {
          needed.add(e.getKey());
        }
      }
    }
    Map<String, Recording> recs = new LinkedHashMap<>();
    for (String id : needed) {
      Map<String, String> row = rows.get(id);
      if (row == null) {
        throw new DatasetException(
            splits.source()
                + ": split '"
                + splitName
                + "' lists ID "
                + id
                + ", which "
                + meta.source()
                + " does not have");
      }
      Path file = files.get(id);
      if (file == null) {
        problems.add(
            new DatasetProblem(
                DatasetProblem.Kind.MISSING_FILE,
                id + "__*.wav",
                "metadata lists ID " + id + " (" + row.get("label") + ") but no WAV has it"));
        continue;
      }
      String type = row.get("label");
      String cls = labels.classOf(type);
      if (cls == null) {
        throw new DatasetException(
            "ID "
                + id
                + " is in split '"
                + splitName
                + "' but its type '"
                + type
                + "' is not in the "
                + labels.name()
                + " class set");
      }
      WavInfo info;
      try {
        info = WavReader.info(file);
      } catch (IOException | RuntimeException e) {
        problems.add(
            new DatasetProblem(
                DatasetProblem.Kind.UNREADABLE, file.getFileName().toString(), e.getMessage()));
        continue;
      }
      recs.put(
          id,
          new Recording(
              file,
              id,
              cls,
              labels.indexOf(cls),
              sizes.levelOf(type),
              metadata(row),
              info.durationSeconds(),
              info.sampleRate(),
              0,
              info.durationSeconds()));
    }
    if (!problems.isEmpty()) {
      if (c.onError() == OnError.FAIL) {
        throw new DatasetException("ShipsEar at " + c.root(), problems);
      }
      for (DatasetProblem p : problems) {
        LOG.warn("Skipped: {}", p);
      }
    }
    List<Recording> train = new ArrayList<>();
    List<Recording> test = new ArrayList<>();
    List<String> trainOnly = List.of();
    if (c.split().equals("vessels")) {
      VesselSplitter.Result v = vesselSplit(c, splits, rows, labels, recs);
      train.addAll(v.train());
      test.addAll(v.test());
      trainOnly = v.trainOnlyClasses();
    } else if (c.split().equals("published")) {
      addPart(partIds.getOrDefault("train", List.of()), recs, train);
      addPart(partIds.getOrDefault("test", List.of()), recs, test);
      for (TimeCut t : cuts) {
        Recording r = recs.get(t.id);
        if (r != null) {
          double end = Double.isNaN(t.end) ? r.durationS() : t.end;
          (t.part.equals("train") ? train : test).add(r.section(t.start, end));
        }
      }
    } else {
      StratifiedSplitter.Parts p =
          StratifiedSplitter.split(new ArrayList<>(recs.values()), c.testFraction(), c.seed());
      train.addAll(p.train());
      test.addAll(p.test());
    }
    Map<String, List<Recording>> parts = new LinkedHashMap<>();
    parts.put("train", train);
    parts.put("test", test);
    LeakageCheck.Report leak = LeakageCheck.check(parts);
    if (!leak.recordingsClean()) {
      LOG.warn("Recording-level leakage between train and test: {}", leak);
    } else if (!leak.ships().isEmpty()) {
      LOG.warn("The same ships appear in train and test: {}", leak.ships());
    }
    LOG.info(
        "ShipsEar {} ({} split): {} train, {} test recordings, {} skipped",
        labels.name(),
        c.split(),
        train.size(),
        test.size(),
        problems.size());
    return new DatasetSplits(labels, sizes, train, test, problems, leak, trainOnly);
  }

  /**
   * The vessel-disjoint split: recordings grouped by vessel ({@code image_id}; a recording without
   * one, and every ambient-noise recording, is its own group), per-class test fractions of the
   * published split ({@code 12class} for the 5-class grouping), seeded by {@code seed}. Classes
   * with a single vessel stay in train only and are logged.
   */
  private static VesselSplitter.Result vesselSplit(
      ShipsEarConfig c,
      TsvTable splits,
      Map<String, Map<String, String>> rows,
      LabelMap labels,
      Map<String, Recording> recs) {
    String source = (c.classes() == 5 ? 12 : c.classes()) + "class";
    Map<String, String> types = new LinkedHashMap<>();
    rows.forEach((id, row) -> types.put(id, row.get("label")));
    Map<String, Double> fractions =
        PublishedProportions.testFractions(splits, source, types, labels);
    if (fractions.isEmpty()) {
      LOG.warn(
          "{} has no split '{}': the vessels split uses test_fraction {} for every class",
          splits.source(),
          source,
          c.testFraction());
    }
    VesselSplitter.Result v =
        VesselSplitter.split(new ArrayList<>(recs.values()), fractions, c.testFraction(), c.seed());
    if (!v.trainOnlyClasses().isEmpty()) {
      LOG.warn(
          "Vessel-disjoint split: {} {} a single vessel and cannot be tested vessel-disjointly;"
              + " kept in train only (absent from test)",
          v.trainOnlyClasses(),
          v.trainOnlyClasses().size() == 1 ? "has" : "have");
    }
    return v;
  }

  private static void addPart(List<String> ids, Map<String, Recording> recs, List<Recording> out) {
    for (String id : ids) {
      Recording r = recs.get(id);
      if (r != null) {
        out.add(r);
      }
    }
  }

  private static Map<String, String> metadata(Map<String, String> row) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(Recording.TYPE, row.get("label"));
    putIfKnown(m, "range", row.get("distance"));
    putIfKnown(m, "channel_depth", row.get("chanel_depth"));
    putIfKnown(m, "wind", row.get("wind"));
    putIfKnown(m, "date", row.get("date"));
    putIfKnown(m, "local", row.get("local"));
    String image = row.get("image_id");
    boolean vessel = !"Natural ambient noise".equalsIgnoreCase(row.get("label"));
    if (vessel && image != null && !image.equalsIgnoreCase("N.A.") && !image.isBlank()) {
      m.put(Recording.SHIP, "shipsear-image-" + image);
    }
    for (Map.Entry<String, String> e : row.entrySet()) {
      if (!List.of("ids", "label", "distance", "chanel_depth", "wind", "date", "local", "image_id")
          .contains(e.getKey())) {
        putIfKnown(m, e.getKey(), e.getValue());
      }
    }
    return m;
  }

  private static void putIfKnown(Map<String, String> m, String key, String v) {
    if (v != null && !v.isBlank() && !v.equalsIgnoreCase("N.A.")) {
      m.put(key, v);
    }
  }

  private static String normaliseId(String id) {
    try {
      return Integer.toString(Integer.parseInt(id.trim()));
    } catch (NumberFormatException e) {
      return id.trim();
    }
  }

  private static Map<String, Path> scan(
      Path root, Map<String, Map<String, String>> rows, List<DatasetProblem> problems) {
    List<Path> wavs;
    try (Stream<Path> s = Files.walk(root)) {
      wavs =
          s.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new DatasetException(root + ": cannot list: " + e.getMessage());
    }
    Map<String, Path> byId = new LinkedHashMap<>();
    for (Path p : wavs) {
      String name = p.getFileName().toString();
      String id = idOf(name);
      if (id == null) {
        problems.add(
            new DatasetProblem(
                DatasetProblem.Kind.NOT_IN_METADATA, name, "name has no <ID>__ part"));
      } else if (!rows.containsKey(id)) {
        problems.add(
            new DatasetProblem(
                DatasetProblem.Kind.NOT_IN_METADATA, name, "ID " + id + " is not in the metadata"));
      } else if (byId.containsKey(id)) {
        problems.add(
            new DatasetProblem(
                DatasetProblem.Kind.DUPLICATE_ID,
                name,
                "ID " + id + " also used by " + byId.get(id).getFileName() + " (kept)"));
      } else {
        byId.put(id, p);
      }
    }
    return byId;
  }

  private record TimeCut(String id, String part, double start, double end) {}

  private static List<TimeCut> timeCuts(String splitName) {
    List<TimeCut> out = new ArrayList<>();
    for (Map<String, String> row : resource("time_cuts.tsv").rows()) {
      if (row.get("split_name").equals(splitName)) {
        String end = row.get("end_s");
        out.add(
            new TimeCut(
                normaliseId(row.get("id")),
                row.get("part"),
                Double.parseDouble(row.get("start_s")),
                end.equals("end") ? Double.NaN : Double.parseDouble(end)));
      }
    }
    return out;
  }
}
