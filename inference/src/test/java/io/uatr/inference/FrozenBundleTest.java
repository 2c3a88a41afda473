package io.uatr.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.uatr.models.spec.ModelType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed version-1 bundle keeps loading and predicting what it predicted when written. */
class FrozenBundleTest {

  @Test
  void version1BundleLoadsAndPredictsAsRecorded() throws IOException, URISyntaxException {
    Path res =
        Path.of(getClass().getResource("/fixtures/bundle-v1/bundle.yaml").toURI()).getParent();
    List<String> expected =
        Files.readAllLines(res.resolveSibling("bundle-v1-expected.txt")).stream()
            .filter(s -> !s.isBlank())
            .toList();
    try (Recognizer r = Recognizer.load(res)) {
      BundleManifest m = r.manifest();
      assertEquals(1, m.formatVersion());
      assertEquals(ModelType.M3, m.model().type());
      assertEquals(TestBundles.CLASSES, m.classNames());
      assertEquals(TestBundles.SIZES, m.sizeLabels());
      RecordingPrediction p =
          r.predict(FrozenFixture.signal(), TestFeatures.SR, PredictOptions.defaults());
      float[] got = new float[5];
      System.arraycopy(p.classProbabilities(), 0, got, 0, 3);
      System.arraycopy(p.size().levelProbabilities(), 0, got, 3, 2);
      for (int i = 0; i < 5; i++) {
        assertEquals(Double.parseDouble(expected.get(i)), got[i], 1e-5, "output " + i);
      }
    }
  }
}
