package io.uatr.inference;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.uatr.dsp.features.FeatureSpec;
import io.uatr.models.ModelFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded, checked model bundle: a directory with {@code bundle.yaml} and the DJL parameter file
 * at its root, or the same packed as one {@code .zip} (extracted to a temporary directory that
 * {@link #close()} deletes).
 */
public final class Bundle implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Bundle.class);

  /** Name of the manifest file at the bundle root. */
  public static final String MANIFEST = "bundle.yaml";

  private final Path source;
  private final Path dir;
  private final Path tempRoot;
  private final BundleManifest manifest;

  private Bundle(Path source, Path dir, Path tempRoot, BundleManifest manifest) {
    this.source = source;
    this.dir = dir;
    this.tempRoot = tempRoot;
    this.manifest = manifest;
  }

  /**
   * Loads and checks a bundle; a zip is extracted within {@link BundleZip.Limits#DEFAULT}.
   *
   * @param dirOrZip a bundle directory or a {@code .zip} of one
   * @return the bundle; close it to delete a zip's extracted copy
   * @throws BundleException naming the file and the problem: missing path, missing bundle.yaml or
   *     parameter file, another format version, unknown model type or any invalid key; for a zip
   *     also an entry over the limits, duplicated or escaping (see {@link BundleZip})
   * @throws IOException on a read error
   */
  public static Bundle load(Path dirOrZip) throws IOException {
    return load(dirOrZip, BundleZip.Limits.DEFAULT);
  }

  /**
   * Loads and checks a bundle, extracting a zip within the given limits.
   *
   * @param dirOrZip a bundle directory or a {@code .zip} of one
   * @param zipLimits limits on a zip's entries (unused for a directory)
   * @return the bundle; close it to delete a zip's extracted copy
   * @throws BundleException as {@link #load(Path)}
   * @throws IOException on a read error
   */
  public static Bundle load(Path dirOrZip, BundleZip.Limits zipLimits) throws IOException {
    if (!Files.exists(dirOrZip)) {
      throw new BundleException(dirOrZip + ": bundle not found");
    }
    if (Files.isDirectory(dirOrZip)) {
      return new Bundle(dirOrZip, dirOrZip, null, check(dirOrZip));
    }
    Path tmp = Files.createTempDirectory("uatr-bundle");
    try {
      BundleZip.extract(dirOrZip, tmp, zipLimits);
      Path root = tmp;
      if (!Files.exists(tmp.resolve(MANIFEST))) {
        try (Stream<Path> s = Files.list(tmp)) {
          Path[] kids = s.toArray(Path[]::new);
          if (kids.length == 1 && Files.isDirectory(kids[0])) {
            root = kids[0];
          }
        }
      }
      BundleManifest m;
      try {
        m = check(root);
      } catch (BundleException e) {
        throw new BundleException(dirOrZip + " (zip): " + e.getMessage(), e);
      }
      return new Bundle(dirOrZip, root, tmp, m);
    } catch (IOException | RuntimeException e) {
      deleteTree(tmp);
      throw e;
    }
  }

  private static BundleManifest check(Path dir) throws IOException {
    Path yaml = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(yaml)) {
      throw new BundleException(dir + ": not a model bundle (no " + MANIFEST + ")");
    }
    Map<String, Object> doc = BundleYaml.read(yaml);
    Object v = doc.get("format_version");
    if (!(v instanceof Integer version)) {
      throw new BundleException(yaml + ": format_version must be an integer, was " + v);
    }
    if (version != BundleManifest.FORMAT_VERSION) {
      throw new BundleException(
          yaml
              + ": bundle format version "
              + version
              + " is not supported (this uatr reads version "
              + BundleManifest.FORMAT_VERSION
              + ")");
    }
    BundleManifest m;
    try {
      m = BundleManifest.fromMap(doc);
    } catch (IllegalArgumentException e) {
      throw new BundleException(yaml + ": " + e.getMessage(), e);
    }
    if (paramsFile(dir, m.paramsName()) == null) {
      throw new BundleException(
          dir + ": parameter file " + m.paramsName() + "-NNNN.params is missing");
    }
    return m;
  }

  private static Path paramsFile(Path dir, String name) throws IOException {
    Pattern p = Pattern.compile(Pattern.quote(name) + "-\\d{4}\\.params");
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> p.matcher(f.getFileName().toString()).matches())
          .max(Comparator.naturalOrder())
          .orElse(null);
    }
  }

  /** Returns the path the bundle was loaded from. */
  public Path source() {
    return source;
  }

  /** Returns the directory holding bundle.yaml (a temporary one for a zip). */
  public Path directory() {
    return dir;
  }

  /** Returns the manifest. */
  public BundleManifest manifest() {
    return manifest;
  }

  /**
   * Rebuilds the feature spec from the manifest's {@code features} section.
   *
   * @return the spec
   * @throws BundleException when the features cannot be rebuilt
   */
  public FeatureSpec featureSpec() throws BundleException {
    try {
      return FeatureSpecResolvers.find(manifest.features());
    } catch (IllegalArgumentException e) {
      throw new BundleException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Rebuilds the router input's feature spec from the manifest's {@code router_features} section.
   *
   * @return the spec, or null when the bundle has none
   * @throws BundleException when the features cannot be rebuilt
   */
  public FeatureSpec routerSpec() throws BundleException {
    if (manifest.routerFeatures().isEmpty()) {
      return null;
    }
    try {
      return io.uatr.dsp.features.FeatureSpecs.fromConfig(
          new io.uatr.dsp.config.ConfigReader(manifest.routerFeatures(), "router_features"));
    } catch (IllegalArgumentException e) {
      throw new BundleException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates a DJL model with the block rebuilt from the spec and the bundle's parameters loaded.
   * Needs a DJL engine on the class path. The caller closes the model.
   *
   * @return the loaded model
   * @throws BundleException when the parameters do not fit the spec
   * @throws IOException on a read error
   */
  public Model newModel() throws IOException {
    Model model = Model.newInstance(manifest.paramsName());
    try {
      model.setBlock(ModelFactory.build(manifest.model()));
      model.load(dir, manifest.paramsName());
      checkShapes(model);
      return model;
    } catch (BundleException e) {
      model.close();
      throw e;
    } catch (MalformedModelException | RuntimeException e) {
      model.close();
      throw new BundleException(
          source + ": parameters do not fit model.spec: " + e.getMessage(), e);
    }
  }

  /**
   * DJL loads parameter arrays without comparing their shapes to the block's, so a spec edited
   * after training would load silently: compare with a fresh block initialised from the spec.
   */
  private void checkShapes(Model model) throws BundleException {
    Block fresh = ModelFactory.build(manifest.model());
    try (NDManager nd = NDManager.newBaseManager()) {
      fresh.initialize(
          nd, DataType.FLOAT32, new Shape(1, 1, manifest.inputBins(), manifest.inputFrames()));
      ai.djl.nn.ParameterList want = fresh.getParameters();
      ai.djl.nn.ParameterList got = model.getBlock().getParameters();
      if (want.size() != got.size()) {
        throw new BundleException(
            source
                + ": parameters do not fit model.spec: "
                + got.size()
                + " parameter arrays, the spec needs "
                + want.size());
      }
      for (int i = 0; i < want.size(); i++) {
        Shape w = want.get(i).getValue().getArray().getShape();
        Shape g = got.get(i).getValue().getArray().getShape();
        if (!w.equals(g)) {
          throw new BundleException(
              source
                  + ": parameters do not fit model.spec: "
                  + got.get(i).getKey()
                  + " has shape "
                  + g
                  + ", the spec needs "
                  + w);
        }
      }
    }
  }

  /** Deletes the extracted copy of a zip bundle. */
  @Override
  public void close() {
    deleteTree(tempRoot);
  }

  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  LOG.warn("could not delete {}: {}", p, e.getMessage());
                }
              });
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", root, e.getMessage());
    }
  }
}
