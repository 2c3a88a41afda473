package io.uatr.collab;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.uatr.training.Optimiser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A party's checkpoint of a complete round: its backbone arrays and optimiser state and its expert
 * shard's arrays and optimiser state, in {@code checkpoints/round-NNNNNN/} of the party's
 * directory. Each checkpoint is written into a temporary directory and renamed into place, so a
 * crash leaves either the whole checkpoint or none; the two newest are kept.
 */
public final class PartyCheckpoints {

  private static final NDIndex ALL = new NDIndex("...");
  private static final String DIR = "checkpoints";
  private static final int KEEP = 2;

  private final Path root;

  /** Uses {@code partyDir/checkpoints}. */
  public PartyCheckpoints(Path partyDir) {
    this.root = partyDir.resolve(DIR);
  }

  /**
   * One party's trainable state.
   *
   * @param backbone backbone arrays (statistics included) in parameter order
   * @param backboneOptimiser the backbone optimiser
   * @param shard hosted expert arrays (statistics included)
   * @param shardOptimiser the shard optimiser
   */
  public record State(
      List<NDArray> backbone,
      Optimiser backboneOptimiser,
      List<NDArray> shard,
      Optimiser shardOptimiser) {}

  /** Returns the rounds with a complete checkpoint, ascending. */
  public List<Long> rounds() throws IOException {
    List<Long> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> s = Files.list(root)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("round-[0-9]{6}"))
          .map(n -> Long.parseLong(n.substring(6)))
          .sorted()
          .forEach(out::add);
    }
    return out;
  }

  /**
   * Writes the checkpoint of {@code round} and deletes all but the newest two.
   *
   * @param round the completed round
   * @param s the state
   * @throws IOException when writing fails
   */
  public void write(long round, State s) throws IOException {
    Files.createDirectories(root);
    Path tmp = Files.createTempDirectory(root, ".tmp-");
    Files.write(tmp.resolve("backbone.ndlist"), new NDList(s.backbone()).encode());
    Files.write(tmp.resolve("backbone-optimizer.ndlist"), s.backboneOptimiser().state().encode());
    Files.write(tmp.resolve("shard.ndlist"), new NDList(s.shard()).encode());
    Files.write(tmp.resolve("shard-optimizer.ndlist"), s.shardOptimiser().state().encode());
    Properties p = new Properties();
    p.setProperty("round", Long.toString(round));
    p.setProperty("backbone_steps", Long.toString(s.backboneOptimiser().steps()));
    p.setProperty("shard_steps", Long.toString(s.shardOptimiser().steps()));
    StringWriter w = new StringWriter();
    p.store(w, "uatr collab party checkpoint");
    Files.writeString(tmp.resolve("state.properties"), w.toString(), StandardCharsets.UTF_8);
    Path target = root.resolve(String.format(java.util.Locale.ROOT, "round-%06d", round));
    if (Files.exists(target)) {
      delete(target);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    List<Long> all = rounds();
    for (int i = 0; i < all.size() - KEEP; i++) {
      delete(root.resolve(String.format(java.util.Locale.ROOT, "round-%06d", all.get(i))));
    }
  }

  /**
   * Restores the checkpoint of {@code round} into the state's arrays and optimisers.
   *
   * @param round a round listed by {@link #rounds()}
   * @param s the state to overwrite
   * @param m manager for the loaded arrays
   * @throws IOException when the checkpoint is missing or does not fit
   */
  public void read(long round, State s, NDManager m) throws IOException {
    Path dir = root.resolve(String.format(java.util.Locale.ROOT, "round-%06d", round));
    Properties p = new Properties();
    try (Reader r = new StringReader(Files.readString(dir.resolve("state.properties")))) {
      p.load(r);
    }
    try (NDManager tmp = m.newSubManager()) {
      copy(
          s.backbone(),
          NDList.decode(tmp, Files.readAllBytes(dir.resolve("backbone.ndlist"))),
          dir);
      copy(s.shard(), NDList.decode(tmp, Files.readAllBytes(dir.resolve("shard.ndlist"))), dir);
      s.backboneOptimiser()
          .load(
              NDList.decode(tmp, Files.readAllBytes(dir.resolve("backbone-optimizer.ndlist"))),
              Long.parseLong(p.getProperty("backbone_steps")));
      s.shardOptimiser()
          .load(
              NDList.decode(tmp, Files.readAllBytes(dir.resolve("shard-optimizer.ndlist"))),
              Long.parseLong(p.getProperty("shard_steps")));
    }
  }

  private static void copy(List<NDArray> dst, NDList src, Path dir) throws IOException {
    if (dst.size() != src.size()) {
      throw new IOException(dir + ": " + src.size() + " arrays, expected " + dst.size());
    }
    for (int i = 0; i < dst.size(); i++) {
      if (!dst.get(i).getShape().equals(src.get(i).getShape())) {
        throw new IOException(dir + ": array " + i + " has shape " + src.get(i).getShape());
      }
      dst.get(i).stopGradient().set(ALL, src.get(i));
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
