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
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a DeepShip copy: one folder per class holding either {@code <N>.wav} files (the public
 * sample; N is the row index of the class's headerless {@code <class>-metafile}) or recording
 * folders of {@code <hhmmss>.wav} files (the full set; a numeric folder name is looked up in the
 * metafile). Metafile fields: index, AIS type code, ship name, date (yyyymmdd), time (hhmmss) and
 * two further fields of unverified meaning (kept as {@code field6}, {@code field7}). The split is
 * seeded, class-stratified and by ship where the metafile names one, else by recording folder.
 */
public final class DeepShipLoader {
  private static final Logger LOG = LoggerFactory.getLogger(DeepShipLoader.class);

  private DeepShipLoader() {}

  /**
   * Parses a headerless DeepShip metafile.
   *
   * @param file the metafile
   * @return index to fields {@code ais_type, ship, date, time, field6, field7} (blank ones left
   *     out), in file order
   * @throws DatasetException naming the file and line of a row without an integer index
   */
  public static Map<String, Map<String, String>> readMetafile(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot read: " + e.getMessage());
    }
    String[] keys = {"ais_type", "ship", "date", "time", "field6", "field7"};
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",", -1);
      String index = f[0].trim();
      if (!index.matches("\\d+")) {
        throw new DatasetException(
            file
                + " line "
                + (n + 1)
                + ": first field must be the integer index, was '"
                + index
                + "'");
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int k = 0; k < keys.length && k + 1 < f.length; k++) {
        String v = f[k + 1].trim();
        if (!v.isEmpty()) {
          row.put(keys[k], v);
        }
      }
      out.put(Integer.toString(Integer.parseInt(index)), row);
    }
    return out;
  }

  /**
   * Loads and splits the dataset.
   *
   * @param c settings
   * @return train and test recordings (size level from {@code sizes}, else -1), skipped problems,
   *     leakage report
   * @throws DatasetException for a missing directory or class folder, a malformed metafile, or
   *     (with on_error fail) every unreadable file at once
   */
  public static DatasetSplits load(DeepShipConfig c) {
    if (!Files.isDirectory(c.root())) {
      throw new DatasetException(c.root() + ": not a directory (dataset path)");
    }
    List<String> classes = new ArrayList<>(c.classes());
    if (classes.isEmpty()) {
      try (Stream<Path> s = Files.list(c.root())) {
        s.filter(Files::isDirectory)
            .map(p -> p.getFileName().toString())
            .filter(n -> !n.startsWith("."))
            .sorted()
            .forEach(classes::add);
      } catch (IOException e) {
        throw new DatasetException(c.root() + ": cannot list: " + e.getMessage());
      }
    }
    Map<String, String> identity = new LinkedHashMap<>();
    for (String cls : classes) {
      if (!Files.isDirectory(c.root().resolve(cls))) {
        throw new DatasetException(c.root().resolve(cls) + ": class folder missing");
      }
      identity.put(cls, cls);
    }
    LabelMap labels = new LabelMap("deepship", identity);
    SizeMap sizes = CustomCollection.sizeMap(c.sizes());
    List<DatasetProblem> problems = new ArrayList<>();
    List<Recording> all = new ArrayList<>();
    for (String cls : classes) {
      Path dir = c.root().resolve(cls);
      Map<String, Map<String, String>> meta = metafile(dir);
      for (Path wav : LoaderSupport.wavs(dir)) {
        WavInfo info = LoaderSupport.info(wav, c.root(), problems);
        if (info == null) {
          continue;
        }
        Path rel = dir.relativize(wav);
        String stem = rel.getFileName().toString().replaceFirst("(?i)\\.wav$", "");
        String folder = rel.getNameCount() > 1 ? rel.getName(0).toString() : stem;
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Recording.TYPE, cls);
        m.put(Recording.GROUP, cls + "/" + folder);
        String index = folder.matches("\\d+") ? Integer.toString(Integer.parseInt(folder)) : null;
        Map<String, String> row = index == null ? null : meta.get(index);
        if (row != null) {
          for (Map.Entry<String, String> e : row.entrySet()) {
            m.put(e.getKey().equals("ship") ? Recording.SHIP : e.getKey(), e.getValue());
          }
        }
        String id = cls + "/" + LoaderSupport.relative(dir, wav).replaceFirst("(?i)\\.wav$", "");
        all.add(
            new Recording(
                wav,
                id,
                cls,
                labels.indexOf(cls),
                sizes.levelOf(cls),
                m,
                info.durationSeconds(),
                info.sampleRate(),
                0,
                info.durationSeconds()));
      }
    }
    LoaderSupport.handle("DeepShip at " + c.root(), problems, c.onError(), LOG);
    StratifiedSplitter.Parts p = StratifiedSplitter.split(all, c.testFraction(), c.seed());
    return LoaderSupport.finish(labels, sizes, p.train(), p.test(), problems, LOG);
  }

  private static Map<String, Map<String, String>> metafile(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> metas =
          s.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("metafile"))
              .sorted()
              .toList();
      return metas.isEmpty() ? Map.of() : readMetafile(metas.get(0));
    } catch (IOException e) {
      throw new DatasetException(dir + ": cannot list: " + e.getMessage());
    }
  }
}
