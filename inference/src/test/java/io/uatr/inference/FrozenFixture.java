package io.uatr.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the frozen bundle fixture {@code src/test/resources/fixtures/bundle-v1} and the class
 * probabilities it gives for {@link #signal()} (run once, by hand, when the format version changes:
 * {@code java -cp <test classpath> io.uatr.inference.FrozenFixture <resources dir>}).
 */
final class FrozenFixture {

  private FrozenFixture() {}

  /** The fixed input whose prediction is recorded next to the fixture. */
  static float[] signal() {
    return TestAudio.signal(2.3, TestFeatures.SR, 220, 42);
  }

  public static void main(String[] args) throws IOException {
    Path res = Path.of(args[0]).resolve("fixtures");
    Path b = TestBundles.write(res.resolve("bundle-v1"), 11);
    try (Recognizer r = Recognizer.load(b)) {
      RecordingPrediction p = r.predict(signal(), TestFeatures.SR, PredictOptions.defaults());
      StringBuilder sb = new StringBuilder();
      for (float v : p.classProbabilities()) {
        sb.append(String.format(Locale.ROOT, "%.9g%n", v));
      }
      for (float v : p.size().levelProbabilities()) {
        sb.append(String.format(Locale.ROOT, "%.9g%n", v));
      }
      Files.writeString(res.resolve("bundle-v1-expected.txt"), sb.toString());
    }
  }
}
