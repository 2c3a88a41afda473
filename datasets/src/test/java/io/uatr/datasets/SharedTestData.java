package io.uatr.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds shared test data that is not in the repository (the DeepShip sample clips). Tests reach it
 * through the environment variable {@value #SAMPLE_ENV} ({@code .ci/run} sets it) or, when that is
 * unset, at {@code ../shared/data/deepship-sample} relative to the repository root (the directory
 * holding {@code .ci/run}, found by walking up from the working directory, which is the module
 * directory under Maven). A test that needs the data is skipped when it is missing, but fails when
 * {@code CI=true} (as {@code .ci/run} exports), so that CI cannot pass without it. Shared with
 * later modules through this module's test-jar.
 */
public final class SharedTestData {
  /** Environment variable naming the DeepShip sample folder. */
  public static final String SAMPLE_ENV = "UATR_DEEPSHIP_SAMPLE";

  /** The sample's place relative to the repository root. */
  static final String SAMPLE_RELATIVE = "../shared/data/deepship-sample";

  private SharedTestData() {}

  /**
   * The DeepShip sample folder (Cargo/, Passengership/, Tanker/, Tug/ with metafiles); skips the
   * calling test when it is missing, or fails it when {@code CI=true}.
   *
   * @return the folder, absolute and normalised
   */
  public static Path deepShipSample() {
    return deepShipSample(System.getenv(), Path.of(System.getProperty("user.dir")));
  }

  /**
   * The repository root: the nearest directory at or above {@code start} that holds {@code
   * .ci/run}.
   *
   * @param start where to start looking
   * @return the root, or empty when there is none
   */
  public static Optional<Path> repoRoot(Path start) {
    for (Path d = start.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve(".ci").resolve("run"))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  static Path deepShipSample(Map<String, String> env, Path workingDir) {
    boolean ci = "true".equalsIgnoreCase(env.getOrDefault("CI", "").strip());
    String set = env.get(SAMPLE_ENV);
    String problem;
    if (set != null && !set.isBlank()) {
      Path p = Path.of(set.strip()).toAbsolutePath().normalize();
      if (Files.isDirectory(p)) {
        return p;
      }
      // named but absent is a broken setup, not an optional extra
      return Assertions.fail(SAMPLE_ENV + "=" + set + " is not a directory");
    }
    Optional<Path> root = repoRoot(workingDir);
    if (root.isPresent()) {
      Path p = root.get().resolve(SAMPLE_RELATIVE).normalize();
      if (Files.isDirectory(p)) {
        return p;
      }
      problem = SAMPLE_ENV + " is not set and " + p + " does not exist";
    } else {
      problem = SAMPLE_ENV + " is not set and no repository root (.ci/run) above " + workingDir;
    }
    if (ci) {
      return Assertions.fail("CI=true but the DeepShip sample is missing: " + problem);
    }
    Assumptions.abort("DeepShip sample not available, skipping: " + problem);
    throw new AssertionError("unreachable");
  }
}
