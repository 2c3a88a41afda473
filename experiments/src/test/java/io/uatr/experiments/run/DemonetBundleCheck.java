package io.uatr.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.inference.BundleManifest;
import io.uatr.inference.PredictOptions;
import io.uatr.inference.Recognizer;
import io.uatr.inference.RecordingPrediction;
import io.uatr.inference.SegmentPrediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A DEMONet run's bundle predicts raw WAVs exactly as the run predicted their segments. */
final class DemonetBundleCheck {

  private DemonetBundleCheck() {}

  /**
   * Loads {@code runDir/model}, predicts the WAV of the first test recording of {@code
   * predictions.csv} from the corpus in {@code corpus}, and compares every segment's class
   * probabilities with the run's.
   */
  static void predictMatchesTheRun(Path runDir, Path corpus) throws Exception {
    List<List<String>> rows = RunFiles.readCsv(runDir.resolve("predictions.csv"));
    List<String> header = rows.get(0);
    String rec = rows.get(1).get(0);
    Path wav;
    try (Stream<Path> s = Files.walk(corpus)) {
      wav =
          s.filter(p -> p.getFileName().toString().startsWith(rec + "__"))
              .filter(p -> p.toString().endsWith(".wav"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no WAV of recording " + rec));
    }
    try (Recognizer r = Recognizer.load(runDir.resolve("model"))) {
      BundleManifest m = r.manifest();
      assertEquals("demonet", m.model().type().key());
      assertEquals("demon", m.routerFeatures().get("type"), "bundle carries the router features");
      RecordingPrediction p = r.predict(wav, PredictOptions.defaults());
      List<List<String>> mine = rows.stream().skip(1).filter(x -> x.get(0).equals(rec)).toList();
      assertEquals(mine.size(), p.segments().size(), "segments of " + wav);
      int first = header.indexOf("p_" + m.classNames().get(0));
      for (int i = 0; i < mine.size(); i++) {
        SegmentPrediction sp = p.segments().get(i);
        for (int c = 0; c < m.classNames().size(); c++) {
          double want = Double.parseDouble(mine.get(i).get(first + c));
          assertEquals(want, sp.classProbabilities()[c], 1e-4, "segment " + i + " class " + c);
        }
      }
      assertTrue(p.segments().size() > 0);
    }
  }
}
