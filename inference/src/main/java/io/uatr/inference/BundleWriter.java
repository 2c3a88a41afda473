package io.uatr.inference;

import ai.djl.Model;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes model bundles atomically: everything goes to a temporary sibling directory, which is then
 * renamed to the target (an existing bundle at the target is replaced).
 */
public final class BundleWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BundleWriter.class);

  private BundleWriter() {}

  /**
   * Writes a bundle from a DJL model whose block was built from {@code manifest.model()} and is
   * initialised (trained).
   *
   * @param dir the bundle directory to create or replace
   * @param model the model holding the trained block
   * @param manifest everything else the bundle holds
   * @return {@code dir}
   * @throws BundleException if {@code dir} exists and is not a bundle, or the block is not
   *     initialised
   * @throws IOException on a write error
   */
  public static Path write(Path dir, Model model, BundleManifest manifest) throws IOException {
    if (model.getBlock() == null || !model.getBlock().isInitialized()) {
      throw new BundleException(dir + ": the model's block is missing or not initialised");
    }
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.exists(abs)
        && !(Files.isDirectory(abs) && Files.exists(abs.resolve(Bundle.MANIFEST)))) {
      throw new BundleException(abs + ": exists and is not a model bundle; not overwriting it");
    }
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createDirectory(sibling(abs, ".tmp"));
    try {
      model.save(tmp, manifest.paramsName());
      BundleYaml.write(manifest.toMap(), tmp.resolve(Bundle.MANIFEST));
      if (Files.exists(abs)) {
        Path old = Files.createDirectory(sibling(abs, ".old"));
        Files.move(abs, old.resolve("b"), StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
        Bundle.deleteTree(old);
      } else {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException | RuntimeException e) {
      Bundle.deleteTree(tmp);
      throw e;
    }
    LOG.info("model bundle written to {}", abs);
    return dir;
  }

  /** A fresh hidden sibling path (created with default permissions, unlike a temp directory). */
  static Path sibling(Path target, String suffix) {
    return target.resolveSibling("." + target.getFileName() + suffix + "-" + UUID.randomUUID());
  }

  /**
   * Writes a bundle from an initialised block (wrapped in a temporary DJL model for saving).
   *
   * @param dir the bundle directory to create or replace
   * @param block the initialised block built from {@code manifest.model()}
   * @param manifest everything else the bundle holds
   * @return {@code dir}
   * @throws IOException on a write error
   */
  public static Path write(Path dir, Block block, BundleManifest manifest) throws IOException {
    try (Model model = Model.newInstance(manifest.paramsName())) {
      model.setBlock(block);
      return write(dir, model, manifest);
    }
  }
}
