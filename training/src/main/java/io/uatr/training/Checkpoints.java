package io.uatr.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Epoch checkpoints under {@code <run>/checkpoints/epoch-NNNN/}: {@code parameters.ndlist} (every
 * block parameter, running statistics included, in block order), {@code parameters.txt} (their
 * names), {@code optimizer.ndlist} (optimiser moments or momentum buffers), {@code loss.ndlist}
 * (learned task log-variances, when used), {@code state.properties} (epoch, steps, early-stopping
 * state, fingerprint) and {@code metrics.csv} (history). A checkpoint is written into a hidden
 * temporary directory, forced to disk, and renamed into place; a directory named {@code epoch-NNNN}
 * is therefore always complete, and a killed run loses at most the epoch in progress.
 */
public final class Checkpoints {

  /** Name of the checkpoint folder inside a run directory. */
  public static final String DIR = "checkpoints";

  private Checkpoints() {}

  /**
   * The scalar state of a run after an epoch.
   *
   * @param epoch 1-based epoch just finished
   * @param globalStep optimiser steps taken
   * @param bestEpoch best epoch so far (0 none)
   * @param bestValue its metric value
   * @param badEpochs epochs since the last improvement
   * @param stoppedEarly whether early stopping has triggered
   * @param fingerprint hash of spec, settings, seed and data
   */
  public record State(
      int epoch,
      long globalStep,
      int bestEpoch,
      double bestValue,
      int badEpochs,
      boolean stoppedEarly,
      String fingerprint) {}

  /**
   * What a checkpoint holds besides the scalar state.
   *
   * @param parameterNames names of the parameters in order
   * @param parameters the parameter arrays in order
   * @param optimizer optimiser state arrays
   * @param loss learned loss arrays (may be empty)
   * @param state scalar state
   * @param history metrics of every epoch so far
   */
  public record Content(
      List<String> parameterNames,
      NDList parameters,
      NDList optimizer,
      NDList loss,
      State state,
      List<EpochMetrics> history) {}

  /**
   * Writes the checkpoint of {@code content.state().epoch()} and deletes all but the newest {@code
   * keep} checkpoints.
   *
   * @param runDir run directory
   * @param content what to save
   * @param keep checkpoints to keep (&gt;= 1)
   * @return the checkpoint directory
   * @throws IOException when writing fails
   */
  public static Path write(Path runDir, Content content, int keep) throws IOException {
    Path root = runDir.resolve(DIR);
    Files.createDirectories(root);
    Path target = root.resolve(String.format("epoch-%04d", content.state().epoch()));
    Path tmp = Files.createTempDirectory(root, ".tmp-epoch-");
    try {
      AtomicFiles.writeDurably(tmp.resolve("parameters.ndlist"), content.parameters().encode());
      AtomicFiles.writeDurably(
          tmp.resolve("parameters.txt"),
          (String.join("\n", content.parameterNames()) + "\n").getBytes(StandardCharsets.UTF_8));
      AtomicFiles.writeDurably(tmp.resolve("optimizer.ndlist"), content.optimizer().encode());
      if (!content.loss().isEmpty()) {
        AtomicFiles.writeDurably(tmp.resolve("loss.ndlist"), content.loss().encode());
      }
      AtomicFiles.writeDurably(
          tmp.resolve("metrics.csv"),
          MetricsCsv.format(content.history()).getBytes(StandardCharsets.UTF_8));
      AtomicFiles.writeDurably(tmp.resolve("state.properties"), properties(content.state()));
      AtomicFiles.forceDirectory(tmp);
      if (Files.exists(target)) {
        deleteTree(target);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      AtomicFiles.forceDirectory(root);
    } finally {
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
    }
    List<Path> all = list(runDir);
    for (int i = 0; i < all.size() - keep; i++) {
      deleteTree(all.get(i));
    }
    return target;
  }

  /**
   * Deletes temporary directories left by a run killed while writing a checkpoint.
   *
   * @param runDir run directory
   * @throws IOException when a directory cannot be deleted
   */
  public static void deleteTemporary(Path runDir) throws IOException {
    Path root = runDir.resolve(DIR);
    if (!Files.isDirectory(root)) {
      return;
    }
    List<Path> tmp = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, ".tmp-epoch-*")) {
      ds.forEach(tmp::add);
    }
    for (Path p : tmp) {
      deleteTree(p);
    }
  }

  /** Returns the complete checkpoint directories, oldest first (empty when none). */
  public static List<Path> list(Path runDir) throws IOException {
    Path root = runDir.resolve(DIR);
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, "epoch-[0-9][0-9][0-9][0-9]")) {
      ds.forEach(out::add);
    }
    out.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return out;
  }

  /** Returns the newest complete checkpoint, if any. */
  public static Optional<Path> latest(Path runDir) throws IOException {
    List<Path> all = list(runDir);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * Reads a checkpoint directory.
   *
   * @param dir the {@code epoch-NNNN} directory
   * @param manager manager for the arrays
   * @return its content
   * @throws IOException when a file is missing or unreadable (the message names it)
   */
  public static Content read(Path dir, NDManager manager) throws IOException {
    NDList params = NDList.decode(manager, readAll(dir.resolve("parameters.ndlist")));
    List<String> names =
        Files.readAllLines(dir.resolve("parameters.txt"), StandardCharsets.UTF_8).stream()
            .filter(s -> !s.isEmpty())
            .toList();
    NDList opt = NDList.decode(manager, readAll(dir.resolve("optimizer.ndlist")));
    Path lossFile = dir.resolve("loss.ndlist");
    NDList loss = Files.exists(lossFile) ? NDList.decode(manager, readAll(lossFile)) : new NDList();
    List<EpochMetrics> history = MetricsCsv.read(dir.resolve("metrics.csv"));
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(dir.resolve("state.properties"))));
    State s =
        new State(
            Integer.parseInt(p.getProperty("epoch")),
            Long.parseLong(p.getProperty("global_step")),
            Integer.parseInt(p.getProperty("best_epoch")),
            Double.parseDouble(p.getProperty("best_value")),
            Integer.parseInt(p.getProperty("bad_epochs")),
            Boolean.parseBoolean(p.getProperty("stopped_early")),
            p.getProperty("fingerprint"));
    return new Content(names, params, opt, loss, s, history);
  }

  private static byte[] readAll(Path f) throws IOException {
    if (!Files.isRegularFile(f)) {
      throw new IOException("checkpoint file missing: " + f);
    }
    return Files.readAllBytes(f);
  }

  private static byte[] properties(State s) {
    Properties p = new Properties();
    p.setProperty("epoch", Integer.toString(s.epoch()));
    p.setProperty("global_step", Long.toString(s.globalStep()));
    p.setProperty("best_epoch", Integer.toString(s.bestEpoch()));
    p.setProperty("best_value", Double.toString(s.bestValue()));
    p.setProperty("bad_epochs", Integer.toString(s.badEpochs()));
    p.setProperty("stopped_early", Boolean.toString(s.stoppedEarly()));
    p.setProperty("fingerprint", s.fingerprint());
    StringWriter w = new StringWriter();
    try {
      p.store(w, "uatr training state");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Copies arrays into existing arrays of the same shapes, in place. */
  static void copyInto(List<NDArray> dst, NDList src, String what) {
    if (dst.size() != src.size()) {
      throw new IllegalArgumentException(
          what + " has " + src.size() + " arrays, expected " + dst.size());
    }
    for (int i = 0; i < dst.size(); i++) {
      NDArray s = src.get(i);
      if (!dst.get(i).getShape().equals(s.getShape())) {
        throw new IllegalArgumentException(
            what
                + " array "
                + i
                + " has shape "
                + s.getShape()
                + ", expected "
                + dst.get(i).getShape());
      }
      // write through a detached view sharing the storage: parameters are leaves that require
      // grad, which PyTorch refuses to change in place while the thread's grad mode is on
      try (NDArray d = dst.get(i).stopGradient()) {
        d.muli(0).addi(s.toDevice(d.getDevice(), false));
      }
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }
}
