package io.uatr.datasets.synth;

import io.uatr.dsp.io.WavWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a synthetic ShipsEar-like corpus: {@code <ID>__<dd_mm_yy>_<Type>_<Pasa|Fondo>.wav} files,
 * {@code meta_info.tsv} (ShipsEar's columns plus ground truth, see {@link SynthRecord#COLUMNS}),
 * {@code splits.tsv} (ShipsEar's {@code split_name, part, ids} layout, one class-stratified
 * recording-level split named {@code <classes>class}, e.g. {@code 9class}) and a README.md with the
 * settings. Output is byte-identical for the same config.
 */
public final class SynthCorpus {
  private static final Logger LOG = LoggerFactory.getLogger(SynthCorpus.class);

  /** Name of the metadata table. */
  public static final String META_FILE = "meta_info.tsv";

  /** Name of the split table. */
  public static final String SPLIT_FILE = "splits.tsv";

  private SynthCorpus() {}

  /**
   * Generates the corpus.
   *
   * @param c settings
   * @param outDir output directory (created if missing; existing files of the same names are
   *     replaced atomically)
   * @return what was written
   * @throws IOException if a file cannot be written
   */
  public static SynthSummary generate(SynthConfig c, Path outDir) throws IOException {
    long start = System.nanoTime();
    Files.createDirectories(outDir);
    Map<String, Integer> counts = c.counts();
    List<String> labels = new ArrayList<>();
    List<Integer> indices = new ArrayList<>();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      for (int i = 0; i < e.getValue(); i++) {
        labels.add(e.getKey());
        indices.add(i);
      }
    }
    LOG.info(
        "Generating {} synthetic recordings ({}) into {} with {} thread(s)",
        labels.size(),
        counts,
        outDir,
        c.threads());
    warnAboutStaleWavs(outDir, labels.size());
    List<SynthRecord> records = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(c.threads());
    try {
      List<Future<SynthRecord>> futures = new ArrayList<>();
      for (int k = 0; k < labels.size(); k++) {
        String label = labels.get(k);
        int index = indices.get(k);
        int id = k + 1;
        futures.add(pool.submit(() -> generateOne(c, label, index, id, outDir)));
      }
      for (int k = 0; k < futures.size(); k++) {
        SynthRecord r = futures.get(k).get();
        records.add(r);
        LOG.info(
            "[{}/{}] {} ({}, {} s{})",
            k + 1,
            futures.size(),
            r.fileName(),
            r.label(),
            String.format(Locale.ROOT, "%.1f", r.durationS()),
            r.clippedSamples() > 0 ? ", " + r.clippedSamples() + " samples clipped" : "");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while generating the corpus", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(cause);
    } finally {
      pool.shutdownNow();
    }
    List<Integer> testIds = testIds(c, records);
    writeAtomically(outDir.resolve(META_FILE), metaTable(records));
    writeAtomically(outDir.resolve(SPLIT_FILE), splitTable(c, records, testIds));
    writeAtomically(outDir.resolve("README.md"), readme(c));
    long clipped = 0;
    int clippedRecs = 0;
    double seconds = 0;
    for (SynthRecord r : records) {
      clipped += r.clippedSamples();
      clippedRecs += r.clippedSamples() > 0 ? 1 : 0;
      seconds += r.durationS();
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (clipped > 0) {
      LOG.warn(
          "{} samples clipped in {} recording(s) at full scale {} dB re 1 uPa",
          clipped,
          clippedRecs,
          c.fullScaleDb());
    }
    LOG.info(
        "Wrote {} recordings, {} s of audio, in {} ms", records.size(), Math.round(seconds), ms);
    return new SynthSummary(outDir, records, testIds, seconds, clipped, clippedRecs, ms);
  }

  private static SynthRecord generateOne(
      SynthConfig c, String label, int index, int id, Path outDir) throws IOException {
    RecordingGenerator.Generated g = RecordingGenerator.generate(c, label, index, id);
    WavWriter.write(
        outDir.resolve(g.record().fileName()), g.samples(), c.sampleRate(), 1, c.sampleFormat());
    return g.record();
  }

  /**
   * Test IDs: in each class, round(count x test_fraction) recordings (at least one when the
   * fraction is positive and the class has two or more), chosen by a seeded shuffle.
   */
  static List<Integer> testIds(SynthConfig c, List<SynthRecord> records) {
    List<Integer> out = new ArrayList<>();
    for (String label : c.classes()) {
      List<Integer> ids = new ArrayList<>();
      for (SynthRecord r : records) {
        if (r.label().equals(label)) {
          ids.add(r.id());
        }
      }
      int k = (int) Math.round(ids.size() * c.testFraction());
      if (k == 0 && c.testFraction() > 0 && ids.size() >= 2) {
        k = 1;
      }
      SplittableRandom rng = RecordingGenerator.stream(c.seed(), label, -1);
      for (int i = ids.size() - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        Integer t = ids.get(i);
        ids.set(i, ids.get(j));
        ids.set(j, t);
      }
      out.addAll(ids.subList(0, k));
    }
    out.sort(null);
    return out;
  }

  static String metaTable(List<SynthRecord> records) {
    StringBuilder sb = new StringBuilder(String.join("\t", SynthRecord.COLUMNS)).append('\n');
    for (SynthRecord r : records) {
      sb.append(r.toTsv()).append('\n');
    }
    return sb.toString();
  }

  /** Name of the split the corpus writes, e.g. {@code 9class}. */
  public static String splitName(SynthConfig c) {
    return c.classes().size() + "class";
  }

  static String splitTable(SynthConfig c, List<SynthRecord> records, List<Integer> testIds) {
    String train =
        records.stream()
            .map(SynthRecord::id)
            .filter(id -> !testIds.contains(id))
            .map(String::valueOf)
            .collect(Collectors.joining(","));
    String test = testIds.stream().map(String::valueOf).collect(Collectors.joining(","));
    String name = splitName(c);
    return "split_name\tpart\tids\n"
        + name
        + "\ttrain\t"
        + train
        + "\n"
        + name
        + "\ttest\t"
        + test
        + "\n";
  }

  private static String readme(SynthConfig c) {
    return "# Synthetic ShipsEar-like corpus (uatr)\n\n"
        + "Generated by io.uatr.datasets.synth.SynthCorpus; not real recordings.\n\n"
        + "- Sample value 1.0 = "
        + c.fullScaleDb()
        + " dB re 1 uPa (full scale); "
        + c.sampleRate()
        + " Hz mono, "
        + c.sampleFormat()
        + ".\n"
        + "- Source: JOMOPANS-ECHO spectrum, cavitation modulation at shaft/blade rates, machinery"
        + " tonals; ambient: Wenz; propagation: spreading (20 log R to the channel depth, then 15 log"
        + " R), Thorp absorption, Lloyd's mirror, Doppler.\n"
        + "- meta_info.tsv: ShipsEar columns (wind in km/h, chanel_depth in m) plus ground truth;"
        + " depth_m is the hydrophone depth, range_m the horizontal range at the closest point of"
        + " approach.\n"
        + "- splits.tsv: split '"
        + splitName(c)
        + "', class-stratified by recording.\n\n"
        + "Settings: "
        + c
        + "\n";
  }

  private static void writeAtomically(Path target, String text) throws IOException {
    Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".synth", ".part");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void warnAboutStaleWavs(Path outDir, int count) throws IOException {
    List<String> stale = new ArrayList<>();
    try (var s = Files.list(outDir)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".wav"))
          .filter(
              n -> {
                int u = n.indexOf("__");
                try {
                  int id = u > 0 ? Integer.parseInt(n.substring(0, u)) : -1;
                  return id < 1 || id > count;
                } catch (NumberFormatException e) {
                  return true;
                }
              })
          .sorted()
          .forEach(stale::add);
    }
    if (!stale.isEmpty()) {
      LOG.warn(
          "{} holds {} WAV file(s) that this corpus does not describe (e.g. {}); loaders will"
              + " report them as not in the metadata",
          outDir,
          stale.size(),
          stale.get(0));
    }
  }
}
