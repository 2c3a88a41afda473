package io.uatr.inference;

import io.uatr.dsp.features.FeatureExtractor;
import io.uatr.dsp.features.FeatureSpec;
import io.uatr.dsp.spectral.FrameSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A feature type for tests ({@code test_poison}, found through the service file in the test
 * resources) that computes {@link TestFeatures}' log-mel but throws an {@link Error} from inside
 * the feature extractor when a block of audio holds one of the poison sample values: {@link
 * #STACK_OVERFLOW}, {@link #OUT_OF_MEMORY} or {@link #ASSERTION}. So a real prediction worker fails
 * the way a broken extractor or an exhausted JVM would, for chosen recordings only.
 */
public final class PoisonFeatures implements FeatureSpecResolver {
  /** A sample value that makes the extractor throw a StackOverflowError. */
  public static final float STACK_OVERFLOW = 0.25f;

  /** A sample value that makes the extractor throw an OutOfMemoryError. */
  public static final float OUT_OF_MEMORY = 0.5f;

  /** A sample value that makes the extractor throw an AssertionError. */
  public static final float ASSERTION = 0.75f;

  /**
   * Turns a bundle written by {@link TestBundles} into one whose features are poisoned.
   *
   * @param bundle the bundle directory
   * @return {@code bundle}
   * @throws IOException on a read or write error
   */
  public static Path poison(Path bundle) throws IOException {
    Path yaml = bundle.resolve(Bundle.MANIFEST);
    String text = Files.readString(yaml);
    if (!text.contains("type: test_logmel")) {
      throw new IllegalStateException("not a TestBundles bundle: " + yaml);
    }
    Files.writeString(yaml, text.replace("type: test_logmel", "type: test_poison"));
    return bundle;
  }

  @Override
  public FeatureSpec resolve(Map<String, Object> m) {
    if (!"test_poison".equals(m.get("type"))) {
      return null;
    }
    Map<String, Object> inner = new LinkedHashMap<>(m);
    inner.put("type", "test_logmel");
    FeatureSpec base = new TestFeatures().resolve(inner);
    return new Spec(base);
  }

  private record Spec(FeatureSpec base) implements FeatureSpec {
    @Override
    public String type() {
      return "test_poison";
    }

    @Override
    public Integer sampleRate() {
      return base.sampleRate();
    }

    @Override
    public FeatureExtractor create(int sampleRate, FrameSink sink) {
      FeatureExtractor ex = base.create(sampleRate, sink);
      return new FeatureExtractor() {
        @Override
        public int bins() {
          return ex.bins();
        }

        @Override
        public long frames(long samples) {
          return ex.frames(samples);
        }

        @Override
        public double[] rowValues() {
          return ex.rowValues();
        }

        @Override
        public String rowUnit() {
          return ex.rowUnit();
        }

        @Override
        public double frameSeconds() {
          return ex.frameSeconds();
        }

        @Override
        public void push(float[] x, int off, int len) {
          for (int i = off; i < off + len; i++) {
            if (x[i] == STACK_OVERFLOW) {
              throw new StackOverflowError();
            }
            if (x[i] == OUT_OF_MEMORY) {
              throw new OutOfMemoryError("Java heap space");
            }
            if (x[i] == ASSERTION) {
              throw new AssertionError("poisoned extractor");
            }
          }
          ex.push(x, off, len);
        }

        @Override
        public void finish() {
          ex.finish();
        }

        @Override
        public OptionalDouble topDbPostPass() {
          return ex.topDbPostPass();
        }
      };
    }

    @Override
    public Double topDb() {
      return base.topDb();
    }

    @Override
    public String valueUnit() {
      return base.valueUnit();
    }

    @Override
    public Map<String, Object> resolved() {
      Map<String, Object> m = new LinkedHashMap<>(base.resolved());
      m.put("type", "test_poison");
      return m;
    }
  }
}
