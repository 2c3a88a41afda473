package io.uatr.datasets;

import io.uatr.dsp.io.WavInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a custom collection: either a folder per class ({@code root/<label>/**.wav}) or a manifest
 * CSV ({@code path,label[,size][,split][,extra...]}, header required, RFC 4180 quoting, paths
 * relative to the manifest's directory or {@code path}). Classes are numbered in sorted name order.
 * Without a split column the split is seeded, class-stratified and by recording (or ship, when an
 * extra column {@code ship} names one).
 */
public final class CustomCollection {
  private static final Logger LOG = LoggerFactory.getLogger(CustomCollection.class);

  private CustomCollection() {}

  /**
   * Loads and splits the collection.
   *
   * @param c settings
   * @return train and test recordings, skipped problems, leakage report
   * @throws DatasetException for a malformed manifest (naming the line) or, with on_error fail,
   *     every missing or unreadable file at once
   */
  public static DatasetSplits load(CollectionConfig c) {
    return c.manifest() != null ? loadManifest(c) : loadFolders(c);
  }

  /**
   * A size map from class to level, with the M3 level names when the levels fit (none, small,
   * medium, large), else the level numbers.
   */
  static SizeMap sizeMap(Map<String, Integer> sizes) {
    int max = -1;
    for (int v : sizes.values()) {
      max = Math.max(max, v);
    }
    if (max < 0) {
      return SizeMap.none();
    }
    List<String> levels = new ArrayList<>();
    List<String> m3 = SizeMap.m3Default().levels();
    for (int i = 0; i <= max; i++) {
      levels.add(max < m3.size() ? m3.get(i) : Integer.toString(i));
    }
    return new SizeMap(levels, sizes);
  }

  private static DatasetSplits loadFolders(CollectionConfig c) {
    Path root = c.root();
    if (!Files.isDirectory(root)) {
      throw new DatasetException(root + ": not a directory (collection path)");
    }
    List<String> classes = new ArrayList<>();
    try (Stream<Path> s = Files.list(root)) {
      s.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .forEach(classes::add);
    } catch (IOException e) {
      throw new DatasetException(root + ": cannot list: " + e.getMessage());
    }
    if (classes.isEmpty()) {
      throw new DatasetException(root + ": no class folders");
    }
    LabelMap labels = labelMap("folders", classes);
    SizeMap sizes = sizeMap(c.sizes());
    List<DatasetProblem> problems = new ArrayList<>();
    List<Recording> all = new ArrayList<>();
    for (String cls : classes) {
      for (Path wav : LoaderSupport.wavs(root.resolve(cls))) {
        WavInfo info = LoaderSupport.info(wav, root, problems);
        if (info != null) {
          String id = LoaderSupport.relative(root, wav);
          all.add(recording(wav, id, cls, labels, sizes.levelOf(cls), Map.of(), info));
        }
      }
    }
    LoaderSupport.handle("collection at " + root, problems, c.onError(), LOG);
    StratifiedSplitter.Parts p = StratifiedSplitter.split(all, c.testFraction(), c.seed());
    return LoaderSupport.finish(labels, sizes, p.train(), p.test(), problems, LOG);
  }

  private static LabelMap labelMap(String name, List<String> classes) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String cls : classes) {
      m.put(cls, cls);
    }
    return new LabelMap(name, m);
  }

  private static Recording recording(
      Path wav,
      String id,
      String cls,
      LabelMap labels,
      int size,
      Map<String, String> extra,
      WavInfo info) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(Recording.TYPE, cls);
    m.putAll(extra);
    return new Recording(
        wav,
        id,
        cls,
        labels.indexOf(cls),
        size,
        m,
        info.durationSeconds(),
        info.sampleRate(),
        0,
        info.durationSeconds());
  }

  private static DatasetSplits loadManifest(CollectionConfig c) {
    Path manifest = c.manifest();
    Path base = c.root() != null ? c.root() : manifest.toAbsolutePath().getParent();
    List<String> lines;
    try {
      lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DatasetException(manifest + ": cannot read: " + e.getMessage());
    }
    if (lines.isEmpty()) {
      throw new DatasetException(manifest + ": empty, expected a header path,label[,...]");
    }
    List<String> header = Csv.parse(lines.get(0), manifest, 1);
    if (header.size() < 2
        || !header.get(0).trim().equalsIgnoreCase("path")
        || !header.get(1).trim().equalsIgnoreCase("label")) {
      throw new DatasetException(
          manifest + " line 1: header must start with path,label, was " + header);
    }
    int sizeCol = indexOf(header, "size");
    int splitCol = indexOf(header, "split");
    TreeSet<String> classSet = new TreeSet<>();
    List<List<String>> rows = new ArrayList<>();
    List<Integer> lineNos = new ArrayList<>();
    for (int n = 1; n < lines.size(); n++) {
      if (lines.get(n).isBlank()) {
        continue;
      }
      List<String> f = Csv.parse(lines.get(n), manifest, n + 1);
      if (f.size() != header.size()) {
        throw new DatasetException(
            manifest
                + " line "
                + (n + 1)
                + ": "
                + f.size()
                + " fields, header has "
                + header.size());
      }
      if (f.get(0).isBlank() || f.get(1).isBlank()) {
        throw new DatasetException(manifest + " line " + (n + 1) + ": path and label must be set");
      }
      classSet.add(f.get(1).trim());
      rows.add(f);
      lineNos.add(n + 1);
    }
    LabelMap labels = labelMap("manifest", new ArrayList<>(classSet));
    SizeMap sizes = sizeMap(c.sizes());
    List<DatasetProblem> problems = new ArrayList<>();
    List<Recording> train = new ArrayList<>();
    List<Recording> test = new ArrayList<>();
    List<Recording> unsplit = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      List<String> f = rows.get(i);
      int line = lineNos.get(i);
      String rel = f.get(0).trim();
      String cls = f.get(1).trim();
      int size = sizes.levelOf(cls);
      if (sizeCol >= 0 && !f.get(sizeCol).isBlank()) {
        try {
          size = Integer.parseInt(f.get(sizeCol).trim());
        } catch (NumberFormatException e) {
          throw new DatasetException(
              manifest
                  + " line "
                  + line
                  + ": size must be an integer level, was '"
                  + f.get(sizeCol)
                  + "'");
        }
      }
      String part = splitCol >= 0 ? f.get(splitCol).trim().toLowerCase(Locale.ROOT) : "";
      if (splitCol >= 0 && !part.equals("train") && !part.equals("test")) {
        throw new DatasetException(
            manifest + " line " + line + ": split must be train or test, was '" + part + "'");
      }
      Map<String, String> extra = new LinkedHashMap<>();
      for (int k = 2; k < header.size(); k++) {
        if (k != sizeCol && k != splitCol && !f.get(k).isBlank()) {
          extra.put(header.get(k).trim(), f.get(k).trim());
        }
      }
      Path wav = base.resolve(rel);
      if (!Files.isRegularFile(wav)) {
        problems.add(
            new DatasetProblem(
                DatasetProblem.Kind.MISSING_FILE, rel, "listed on line " + line + ", not found"));
        continue;
      }
      WavInfo info = LoaderSupport.info(wav, base, problems);
      if (info == null) {
        continue;
      }
      Recording r = recording(wav, rel, cls, labels, size, extra, info);
      (part.equals("train") ? train : part.equals("test") ? test : unsplit).add(r);
    }
    LoaderSupport.handle("manifest " + manifest, problems, c.onError(), LOG);
    if (splitCol < 0) {
      StratifiedSplitter.Parts p = StratifiedSplitter.split(unsplit, c.testFraction(), c.seed());
      train.addAll(p.train());
      test.addAll(p.test());
    }
    return LoaderSupport.finish(labels, sizes, train, test, problems, LOG);
  }

  private static int indexOf(List<String> header, String name) {
    for (int i = 2; i < header.size(); i++) {
      if (header.get(i).trim().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }
}
