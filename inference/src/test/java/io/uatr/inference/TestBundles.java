package io.uatr.inference;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.uatr.datasets.SegmentConfig;
import io.uatr.dsp.features.FeatureSpec;
import io.uatr.models.ModelFactory;
import io.uatr.models.spec.ModelSpec;
import io.uatr.models.spec.ModelType;
import io.uatr.models.spec.SizeHead;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Tiny untrained bundles (seeded initialisation) for plumbing tests. */
public final class TestBundles {

  /** Class names of the test bundles. */
  public static final List<String> CLASSES = List.of("cargo", "tug", "ambient");

  /** Size level names of the test bundles. */
  public static final List<String> SIZES = List.of("none", "small", "large");

  /** 1 s segments every 0.5 s, tails padded when at least 0.25 s, short recordings looped. */
  public static final SegmentConfig SEGMENT =
      new SegmentConfig(1.0, 0.5, SegmentConfig.Policy.PAD, 0.25, SegmentConfig.Policy.LOOP);

  private TestBundles() {}

  /** A tiny m3 spec: small CNN width 4, 2 experts, 3 classes, 3 size levels. */
  public static ModelSpec tinySpec() {
    return ModelSpec.builder()
        .type(ModelType.M3)
        .width(4)
        .experts(2)
        .expertDim(8)
        .classTowerHidden(8)
        .sizeTowerHidden(8)
        .sizeHead(SizeHead.LEVELS)
        .numClasses(CLASSES.size())
        .numSizeLevels(SIZES.size())
        .build();
  }

  /**
   * The manifest of a tiny bundle.
   *
   * @param spec model spec
   * @return manifest with the test features, segments and per-segment normalisation
   */
  public static BundleManifest manifest(ModelSpec spec) {
    return manifest(spec, 7);
  }

  /**
   * The manifest of a tiny bundle with the seed in its provenance.
   *
   * @param spec model spec
   * @param seed initialisation seed recorded in the provenance
   * @return manifest with the test features, segments and per-segment normalisation
   */
  public static BundleManifest manifest(ModelSpec spec, long seed) {
    FeatureSpec fs = TestFeatures.spec();
    int seg = (int) Math.round(SEGMENT.lengthS() * TestFeatures.SR);
    SegmentFeatures f =
        new SegmentFeatures(fs, TestFeatures.SR, Normalization.perSegment(1e-6), seg);
    return BundleManifest.of(
        spec.toMap(),
        CLASSES,
        spec.sizeHead() == SizeHead.LEVELS ? SIZES : List.of(),
        fs.resolved(),
        TestFeatures.SR,
        SEGMENT,
        Normalization.perSegment(1e-6),
        f.bins(),
        f.frames(),
        Map.of("note", "untrained test bundle", "seed", seed));
  }

  /**
   * Writes a tiny untrained bundle.
   *
   * @param dir target directory
   * @param seed random seed of the initialisation
   * @return {@code dir}
   * @throws IOException on a write error
   */
  public static Path write(Path dir, long seed) throws IOException {
    return write(dir, seed, tinySpec());
  }

  /**
   * Writes an untrained bundle of a given spec.
   *
   * @param dir target directory
   * @param seed random seed of the initialisation
   * @param spec model spec
   * @return {@code dir}
   * @throws IOException on a write error
   */
  public static Path write(Path dir, long seed, ModelSpec spec) throws IOException {
    BundleManifest m = manifest(spec, seed);
    Engine.getInstance().setRandomSeed((int) seed);
    try (Model model = Model.newInstance("model")) {
      Block block = ModelFactory.build(spec);
      model.setBlock(block);
      block.initialize(
          model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, m.inputBins(), m.inputFrames()));
      return BundleWriter.write(dir, model, m);
    }
  }
}
