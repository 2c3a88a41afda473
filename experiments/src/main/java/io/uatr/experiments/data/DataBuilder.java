package io.uatr.experiments.data;

import io.uatr.datasets.CachedFeatures;
import io.uatr.datasets.CollectionConfig;
import io.uatr.datasets.CustomCollection;
import io.uatr.datasets.DatasetSplits;
import io.uatr.datasets.DeepShipConfig;
import io.uatr.datasets.DeepShipLoader;
import io.uatr.datasets.FeatureCache;
import io.uatr.datasets.Recording;
import io.uatr.datasets.Segmenter;
import io.uatr.datasets.ShipsEarConfig;
import io.uatr.datasets.ShipsEarLoader;
import io.uatr.datasets.synth.SynthCorpus;
import io.uatr.dsp.config.ConfigReader;
import io.uatr.dsp.filter.Resampler;
import io.uatr.dsp.io.ChannelSelection;
import io.uatr.dsp.io.WavReader;
import io.uatr.inference.Normalization;
import io.uatr.training.FeatureSegment;
import io.uatr.training.SegmentFeatures;
import io.uatr.training.SegmentSet;
import io.uatr.training.Split;
import io.uatr.training.WaveformFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@code dataset} and {@code features} section into training segments: loads and splits the
 * recordings (generating the synthetic corpus first when asked), decodes each WAV to mono,
 * resamples it to {@code features.sr}, cuts it into segments, computes and normalises each segment
 * and computes its log-mel. Features are cached per recording in {@code dataset.cache_dir}. Every
 * segment carries its recording's standardised {@link NuisanceFeatures} (range, depth, wind), for a
 * model's nuisance tower and heads.
 */
public final class DataBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(DataBuilder.class);

  /** File in a synthetic corpus directory holding the settings it was generated with. */
  public static final String SYNTH_MARKER = ".uatr-synth-config";

  private DataBuilder() {}

  /**
   * Loads and splits the recordings (no audio is decoded, except to generate a synthetic corpus).
   *
   * @param d dataset settings
   * @return the recording-level split with problems and leakage report, with the size overrides of
   *     {@code size_levels}/{@code class_sizes} applied
   * @throws IOException when the synthetic corpus cannot be written
   */
  public static DatasetSplits load(DataSettings d) throws IOException {
    DatasetSplits s;
    ConfigReader lr = d.loaderSection();
    switch (d.type()) {
      case "shipsear" -> s = ShipsEarLoader.load(ShipsEarConfig.fromConfig(lr));
      case "deepship" -> s = DeepShipLoader.load(DeepShipConfig.fromConfig(lr));
      case "custom" -> s = CustomCollection.load(CollectionConfig.fromConfig(lr));
      case "synthetic" -> {
        ensureSynthetic(d);
        Map<String, Object> m = new LinkedHashMap<>(d.loader());
        m.put("path", d.root().toString());
        m.putIfAbsent("classes", d.synth().classes().size());
        s = ShipsEarLoader.load(ShipsEarConfig.fromConfig(new ConfigReader(m, "dataset")));
      }
      default -> throw new IllegalStateException(d.type());
    }
    return d.sizeLevels() == null ? s : withSizes(s, d);
  }

  private static DatasetSplits withSizes(DatasetSplits s, DataSettings d) {
    io.uatr.datasets.SizeMap sizes =
        new io.uatr.datasets.SizeMap(d.sizeLevels(), new LinkedHashMap<>());
    return new DatasetSplits(
        s.labels(),
        sizes,
        resize(s.train(), d.classSizes()),
        resize(s.test(), d.classSizes()),
        s.problems(),
        s.leakage(),
        s.trainOnlyClasses());
  }

  private static List<Recording> resize(List<Recording> rs, Map<String, Integer> sizes) {
    List<Recording> out = new ArrayList<>();
    for (Recording r : rs) {
      out.add(
          new Recording(
              r.file(),
              r.id(),
              r.label(),
              r.classIndex(),
              sizes.getOrDefault(r.label(), -1),
              r.metadata(),
              r.durationS(),
              r.sampleRate(),
              r.startS(),
              r.endS()));
    }
    return out;
  }

  /**
   * Generates the synthetic corpus into {@code d.root()} unless it already holds one made with the
   * same settings.
   *
   * @param d dataset settings of type synthetic
   * @return true when a corpus was generated
   * @throws IOException when writing fails
   */
  public static boolean ensureSynthetic(DataSettings d) throws IOException {
    Path marker = d.root().resolve(SYNTH_MARKER);
    String want = d.synth().toString();
    if (Files.isRegularFile(marker)
        && Files.readString(marker, StandardCharsets.UTF_8).equals(want)
        && Files.isRegularFile(d.root().resolve(SynthCorpus.META_FILE))) {
      LOG.info("using the synthetic corpus in {}", d.root());
      return false;
    }
    Files.deleteIfExists(marker);
    SynthCorpus.generate(d.synth(), d.root());
    Files.writeString(marker, want, StandardCharsets.UTF_8);
    return true;
  }

  /**
   * Loads the data and computes every segment's features.
   *
   * @param d dataset settings
   * @param f feature settings
   * @return the prepared data
   * @throws IOException when a WAV cannot be read or the cache written
   */
  public static PreparedData prepare(DataSettings d, FeatureSettings f) throws IOException {
    return prepare(d, f, false);
  }

  /**
   * Loads the data and computes every segment's features, optionally keeping the audio of the
   * training segments for waveform augmentation.
   *
   * @param d dataset settings
   * @param f feature settings
   * @param keepTrainAudio true: each TRAIN segment's features are {@link WaveformFeatures} holding
   *     its [samples] audio (mono, at {@code features.sr}) and a feature function equal to the one
   *     that computed the cached features, so that the trainer can recompute them from augmented
   *     audio; the audio is decoded even when the features are cached
   * @return the prepared data
   * @throws IOException when a WAV cannot be read or the cache written
   */
  public static PreparedData prepare(DataSettings d, FeatureSettings f, boolean keepTrainAudio)
      throws IOException {
    DatasetSplits splits = load(d);
    List<String> sizeLevels = splits.sizes().levels();
    FeatureCache cache = d.cacheDir() == null ? null : new FeatureCache(d.cacheDir());
    String key = cacheKey(d, f);
    List<Recording> all = new ArrayList<>();
    List<Split> parts = new ArrayList<>();
    splits
        .train()
        .forEach(
            r -> {
              all.add(r);
              parts.add(Split.TRAIN);
            });
    splits
        .test()
        .forEach(
            r -> {
              all.add(r);
              parts.add(Split.TEST);
            });
    List<float[][]> perRecording = new ArrayList<>(Collections.nCopies(all.size(), null));
    List<float[][]> routers = new ArrayList<>(Collections.nCopies(all.size(), null));
    String routerKey = f.router() == null ? null : routerCacheKey(d, f);
    List<List<float[]>> audio = new ArrayList<>(Collections.nCopies(all.size(), null));
    ExecutorService pool = Executors.newFixedThreadPool(d.threads());
    try {
      List<Future<float[][]>> futures = new ArrayList<>();
      List<Future<float[][]>> routerFutures = new ArrayList<>();
      List<Future<List<float[]>>> audioFutures = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        Recording r = all.get(i);
        futures.add(pool.submit(() -> features(r, d, f, cache, key)));
        routerFutures.add(
            routerKey == null ? null : pool.submit(() -> routers(r, d, f, cache, routerKey)));
        boolean keep = keepTrainAudio && parts.get(i) == Split.TRAIN;
        audioFutures.add(keep ? pool.submit(() -> segmentAudio(r, segments(r, d, f), f)) : null);
      }
      for (int i = 0; i < futures.size(); i++) {
        perRecording.set(i, futures.get(i).get());
        if (routerFutures.get(i) != null) {
          routers.set(i, routerFutures.get(i).get());
        }
        if (audioFutures.get(i) != null) {
          audio.set(i, audioFutures.get(i).get());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(c);
    } finally {
      pool.shutdownNow();
    }
    NuisanceFeatures nuisance = NuisanceFeatures.fit(splits.train());
    List<FeatureSegment> segs = new ArrayList<>();
    Map<Integer, float[][]> examples = new TreeMap<>();
    int bins = f.bins();
    StringBuilder hash = new StringBuilder();
    List<String> lines = new ArrayList<>();
    Normalization norm = normalization(d);
    Function<float[], float[][]> extractor = a -> f.compute(a, norm);
    long keptSamples = 0;
    for (int i = 0; i < all.size(); i++) {
      Recording r = all.get(i);
      float[][] m = perRecording.get(i);
      String rid = recordingId(r);
      lines.add(rid + "\t" + parts.get(i) + "\t" + r.label());
      int n = m.length / bins;
      List<float[]> a = audio.get(i);
      if (a != null && a.size() != n) {
        throw new IllegalStateException(
            r.file() + ": " + a.size() + " audio segments but " + n + " feature segments");
      }
      float[] nu = nuisance.apply(r);
      float[][] rv = routers.get(i);
      int views = rv == null || n == 0 ? 0 : rv.length / n;
      if (rv != null && views * n != rv.length) {
        throw new IllegalStateException(
            r.file() + ": " + rv.length + " router views for " + n + " segments");
      }
      for (int k = 0; k < n; k++) {
        float[][] x = java.util.Arrays.copyOfRange(m, k * bins, (k + 1) * bins);
        SegmentFeatures sf =
            a == null
                ? SegmentFeatures.of(x)
                : WaveformFeatures.of(SegmentFeatures.of(x), a.get(k), extractor);
        keptSamples += a == null ? 0 : a.get(k).length;
        FeatureSegment seg =
            new FeatureSegment(sf, r.classIndex(), r.size(), Float.NaN, rid, parts.get(i))
                .withNuisance(nu);
        if (rv != null) {
          seg = seg.withRouter(java.util.Arrays.copyOfRange(rv, k * views, (k + 1) * views));
        }
        segs.add(seg);
        if (parts.get(i) == Split.TRAIN) {
          examples.putIfAbsent(r.classIndex(), x);
        }
      }
    }
    Collections.sort(lines);
    lines.forEach(l -> hash.append(l).append('\n'));
    if (segs.isEmpty()) {
      throw new IllegalArgumentException(
          "dataset: no segments (are the recordings shorter than dataset.segment.length_s and"
              + " short_recordings: drop?)");
    }
    if (keepTrainAudio) {
      LOG.info(
          "kept the training segments' audio for waveform augmentation ({} MB)",
          keptSamples * Float.BYTES / (1 << 20));
    }
    LOG.info(
        "{} segments from {} recordings ({} train, {} test)",
        segs.size(),
        all.size(),
        splits.train().size(),
        splits.test().size());
    return new PreparedData(
        new SegmentSet(segs, splits.labels().classes(), NuisanceFeatures.NAMES),
        splits,
        sizeLevels,
        f,
        FeatureCache.sha256(hash.toString()),
        examples,
        d.synthetic());
  }

  /** Unique ID of a recording or time section, used as the segment's recording ID. */
  public static String recordingId(Recording r) {
    return r.isSection() ? r.id() + "@" + r.startS() + "-" + r.endS() : r.id();
  }

  /**
   * Segments of one recording at the feature sample rate (no audio is read).
   *
   * @param r the recording
   * @param d dataset settings
   * @param f feature settings
   * @return the segments
   */
  public static List<io.uatr.datasets.Segment> segments(
      Recording r, DataSettings d, FeatureSettings f) {
    return Segmenter.segments(atRate(r, f.sampleRate()), d.segment());
  }

  private static Recording atRate(Recording r, int fs) {
    return new Recording(
        r.file(),
        r.id(),
        r.label(),
        r.classIndex(),
        r.size(),
        r.metadata(),
        r.durationS(),
        fs,
        r.startS(),
        r.endS());
  }

  private static String cacheKey(DataSettings d, FeatureSettings f) {
    Map<String, Object> m = new LinkedHashMap<>(f.resolved());
    m.put("segment", d.segment().toString());
    m.put("normalize", d.normalize());
    m.put("layout", "segments-stacked-v2");
    m.put("numerics", io.uatr.dsp.features.FeatureSpecs.NUMERICS_REVISION);
    return m.toString();
  }

  private static String routerCacheKey(DataSettings d, FeatureSettings f) {
    Map<String, Object> m = new LinkedHashMap<>(f.routerResolved());
    m.put("sr", f.sampleRate());
    m.put("segment", d.segment().toString());
    m.put("layout", "router-views-stacked-v1");
    m.put("numerics", io.uatr.dsp.features.FeatureSpecs.NUMERICS_REVISION);
    return m.toString();
  }

  /**
   * Returns [segments x views][bins]: the segments' router inputs ({@link
   * FeatureSettings#computeRouter}, each from the segment's own samples) stacked by rows.
   */
  private static float[][] routers(
      Recording r, DataSettings d, FeatureSettings f, FeatureCache cache, String key)
      throws IOException {
    List<io.uatr.datasets.Segment> segs = segments(r, d, f);
    if (segs.isEmpty()) {
      return new float[0][];
    }
    java.util.concurrent.Callable<float[][]> compute =
        () -> {
          List<float[]> rows = new ArrayList<>();
          for (float[] a : segmentAudio(r, segs, f)) {
            rows.addAll(java.util.Arrays.asList(f.computeRouter(a)));
          }
          return rows.toArray(new float[0][]);
        };
    if (cache == null) {
      try {
        return compute.call();
      } catch (Exception e) {
        throw e instanceof IOException io ? io : new IOException(e);
      }
    }
    return cache
        .getOrCompute(
            r,
            key,
            () -> {
              try {
                return compute.call();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toArray();
  }

  /** Returns [segments x bins][frames]: the segments' feature matrices stacked by rows. */
  private static float[][] features(
      Recording r, DataSettings d, FeatureSettings f, FeatureCache cache, String key)
      throws IOException {
    List<io.uatr.datasets.Segment> segs = segments(r, d, f);
    if (segs.isEmpty()) {
      return new float[0][];
    }
    if (cache == null) {
      return compute(r, segs, d, f);
    }
    CachedFeatures c =
        cache.getOrCompute(
            r,
            key,
            () -> {
              try {
                return compute(r, segs, d, f);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return c.toArray();
  }

  /**
   * Returns the [samples] audio of each segment: the recording decoded to mono, resampled to the
   * feature rate and cut.
   */
  private static List<float[]> segmentAudio(
      Recording r, List<io.uatr.datasets.Segment> segs, FeatureSettings f) throws IOException {
    float[] x = WavReader.readAll(r.file(), ChannelSelection.mixDown());
    if (r.sampleRate() != f.sampleRate()) {
      x = Resampler.resample(x, r.sampleRate(), f.sampleRate());
    }
    List<float[]> out = new ArrayList<>(segs.size());
    for (io.uatr.datasets.Segment s : segs) {
      out.add(Segmenter.extract(x, s));
    }
    return out;
  }

  private static float[][] compute(
      Recording r, List<io.uatr.datasets.Segment> segs, DataSettings d, FeatureSettings f)
      throws IOException {
    List<float[]> rows = new ArrayList<>();
    for (float[] a : segmentAudio(r, segs, f)) {
      for (float[] row : f.compute(a, normalization(d))) {
        rows.add(row);
      }
    }
    return rows.toArray(new float[0][]);
  }

  /**
   * The feature normalisation of the dataset settings.
   *
   * @param d dataset settings
   * @return per-segment mean-variance normalisation, or none
   */
  public static Normalization normalization(DataSettings d) {
    return d.normalize().equals("segment") ? Normalization.perSegment(1e-8) : Normalization.none();
  }
}
