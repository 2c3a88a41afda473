package io.uatr.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class SharedTestDataTest {
  @TempDir Path tmp;

  /** tmp/repo/.ci/run, tmp/repo/datasets (a module dir), optionally tmp/shared/data/... */
  private Path fakeCheckout(boolean withSample) throws IOException {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Files.createDirectories(repo.resolve(".ci"));
    Files.writeString(repo.resolve(".ci/run"), "#!/bin/sh\n");
    Files.createDirectories(repo.resolve("datasets/src"));
    if (withSample) {
      Files.createDirectories(tmp.resolve("shared/data/deepship-sample/Tanker"));
    }
    return repo;
  }

  @Test
  void relativePathIsResolvedFromTheRepositoryRootNotTheModuleDirectory() throws IOException {
    Path repo = fakeCheckout(true);
    Path got = SharedTestData.deepShipSample(Map.of(), repo.resolve("datasets/src"));
    assertEquals(tmp.resolve("shared/data/deepship-sample").toAbsolutePath().normalize(), got);
    assertEquals(
        Optional.of(repo.toAbsolutePath()), SharedTestData.repoRoot(repo.resolve("datasets")));
  }

  @Test
  void theEnvironmentVariableWins() throws IOException {
    Path repo = fakeCheckout(false);
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    assertEquals(
        elsewhere.toAbsolutePath(),
        SharedTestData.deepShipSample(
            Map.of(SharedTestData.SAMPLE_ENV, elsewhere.toString()), repo.resolve("datasets")));
    assertThrows(
        AssertionFailedError.class,
        () ->
            SharedTestData.deepShipSample(
                Map.of(SharedTestData.SAMPLE_ENV, tmp.resolve("nope").toString()),
                repo.resolve("datasets")));
  }

  @Test
  void missingDataSkipsLocallyButFailsUnderCi() throws IOException {
    Path repo = fakeCheckout(false);
    TestAbortedException skip =
        assertThrows(
            TestAbortedException.class,
            () -> SharedTestData.deepShipSample(Map.of(), repo.resolve("datasets")));
    assertTrue(skip.getMessage().contains("deepship-sample"), skip.getMessage());
    AssertionFailedError fail =
        assertThrows(
            AssertionFailedError.class,
            () -> SharedTestData.deepShipSample(Map.of("CI", "true"), repo.resolve("datasets")));
    assertTrue(fail.getMessage().contains("CI=true"), fail.getMessage());
    assertThrows(
        AssertionFailedError.class,
        () -> SharedTestData.deepShipSample(Map.of("CI", "true"), tmp.resolve("no-repo-here")));
  }

  @Test
  void noTestHardCodesAMachinePathToData() throws IOException {
    Path root = SharedTestData.repoRoot(Path.of("")).orElseThrow();
    try (var files = Files.walk(root)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> p.toString().contains("/src/test/"))
              .filter(p -> !p.toString().contains("/target/"))
              .toList()) {
        String text = Files.readString(f);
        // an absolute machine path given to Path.of or new File as a literal
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("(Path\\.of|new File)\\(\"/(work|home|tmp)/")
                .matcher(text);
        boolean found = m.find();
        assertTrue(!found, () -> f + " hard-codes a machine path: " + m.group());
      }
    }
  }
}
