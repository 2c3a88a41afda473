package io.uatr.inference;

import ai.djl.Model;
import io.uatr.dsp.features.FeatureSpec;
import io.uatr.dsp.io.AudioStream;
import io.uatr.models.spec.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Predicts recordings with a model bundle. Thread-safe: the DJL model is shared and each call (or
 * each {@link RecognizerSession}) uses its own predictor. For many files on one thread, a session
 * avoids creating a predictor per file.
 *
 * <p>A recording is resampled to the bundle's rate, cut into the bundle's segments, each segment's
 * features computed and normalised ({@link SegmentFeatures}), the model run on batches of segments,
 * and the recording's probabilities are the mean of its segments'.
 */
public final class Recognizer implements AutoCloseable {
  private final Bundle bundle;
  private final Model model;
  private final FeatureSpec featureSpec;
  private final FeatureSpec routerSpec; // null when the model reads no router input
  private final int segmentSamples;

  private Recognizer(Bundle bundle, Model model, FeatureSpec featureSpec) throws BundleException {
    this.bundle = bundle;
    this.model = model;
    this.featureSpec = featureSpec;
    BundleManifest m = bundle.manifest();
    this.segmentSamples = (int) Math.round(m.segment().lengthS() * m.sampleRate());
    this.routerSpec = bundle.routerSpec();
    if (routerSpec != null && m.model().needsRouterInput()) {
      RouterFeatures r = newRouterFeatures();
      var d = m.model().demonet();
      if (r.views() != d.views() || r.bins() != d.bins()) {
        throw new BundleException(
            bundle.source()
                + ": router_features give ["
                + r.views()
                + "]["
                + r.bins()
                + "] per segment but the model was trained on a router input ["
                + d.views()
                + "]["
                + d.bins()
                + "]");
      }
    }
    SegmentFeatures probe = newFeatures();
    if (probe.bins() != m.inputBins() || probe.frames() != m.inputFrames()) {
      throw new BundleException(
          bundle.source()
              + ": features give ["
              + probe.bins()
              + "]["
              + probe.frames()
              + "] per segment but the model was trained on input ["
              + m.inputBins()
              + "]["
              + m.inputFrames()
              + "]");
    }
  }

  /**
   * Loads a bundle directory or zip and its model.
   *
   * @param bundlePath a bundle directory or {@code .zip}
   * @return the recognizer; close it to release the model
   * @throws BundleException naming the problem with a bad bundle
   * @throws IOException on a read error
   */
  public static Recognizer load(Path bundlePath) throws IOException {
    Bundle b = Bundle.load(bundlePath);
    try {
      return of(b);
    } catch (IOException | RuntimeException e) {
      b.close();
      throw e;
    }
  }

  /**
   * Creates a recognizer from a loaded bundle (which it then owns and closes).
   *
   * @param bundle the bundle
   * @return the recognizer
   * @throws IOException when the parameters or features do not fit
   */
  public static Recognizer of(Bundle bundle) throws IOException {
    FeatureSpec fs = bundle.featureSpec();
    Model model = bundle.newModel();
    try {
      return new Recognizer(bundle, model, fs);
    } catch (BundleException | RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** Returns the bundle's manifest. */
  public BundleManifest manifest() {
    return bundle.manifest();
  }

  /** Returns the class names in probability order. */
  public List<String> classNames() {
    return bundle.manifest().classNames();
  }

  /** Returns the feature spec rebuilt from the bundle. */
  public FeatureSpec featureSpec() {
    return featureSpec;
  }

  ModelSpec spec() {
    return bundle.manifest().model();
  }

  Model model() {
    return model;
  }

  SegmentFeatures newFeatures() {
    BundleManifest m = bundle.manifest();
    return new SegmentFeatures(featureSpec, m.sampleRate(), m.normalization(), segmentSamples);
  }

  /** Returns the router featuriser, or null when the model reads no router input. */
  RouterFeatures newRouterFeatures() {
    if (routerSpec == null || !spec().needsRouterInput()) {
      return null;
    }
    return new RouterFeatures(routerSpec, bundle.manifest().sampleRate(), segmentSamples);
  }

  /**
   * Opens a session (one DJL predictor) for use on one thread.
   *
   * @return the session; close it
   */
  public RecognizerSession newSession() {
    return new RecognizerSession(this);
  }

  /**
   * Predicts a WAV file with default options (mix-down, segments kept, no gate weights).
   *
   * @param file the recording
   * @return the prediction
   * @throws IOException when the file cannot be read or is too short (the message names it)
   */
  public RecordingPrediction predict(Path file) throws IOException {
    return predict(file, PredictOptions.defaults());
  }

  /**
   * Predicts a WAV file.
   *
   * @param file the recording
   * @param options channel, gate weights, segments, batch size
   * @return the prediction
   * @throws IOException when the file cannot be read or is too short (the message names it)
   */
  public RecordingPrediction predict(Path file, PredictOptions options) throws IOException {
    try (RecognizerSession s = newSession()) {
      return s.predict(file, options);
    }
  }

  /**
   * Predicts an open stream from its position to its end.
   *
   * @param source name reported in the result
   * @param in the stream (not closed)
   * @param options gate weights, segments, batch size
   * @return the prediction
   * @throws IOException on a read or decode error
   */
  public RecordingPrediction predict(String source, AudioStream in, PredictOptions options)
      throws IOException {
    try (RecognizerSession s = newSession()) {
      return s.predict(source, in, options);
    }
  }

  /**
   * Predicts samples in memory.
   *
   * @param samples [n] mono samples in [-1, 1)
   * @param sampleRate their rate in Hz
   * @param options gate weights, segments, batch size
   * @return the prediction (source "array")
   * @throws IOException when the samples are not finite or too short for one segment
   */
  public RecordingPrediction predict(float[] samples, int sampleRate, PredictOptions options)
      throws IOException {
    try (RecognizerSession s = newSession()) {
      return s.predict("array", samples, sampleRate, options);
    }
  }

  RecordingPrediction aggregate(
      String source,
      double durationS,
      List<SegmentPrediction> segs,
      PredictOptions options,
      List<String> warnings) {
    List<float[]> probs = new ArrayList<>();
    List<SizeEstimate> sizes = new ArrayList<>();
    for (SegmentPrediction s : segs) {
      probs.add(s.classProbabilities());
      if (s.size() != null) {
        sizes.add(s.size());
      }
    }
    SizeEstimate size =
        sizes.isEmpty() ? null : Aggregation.meanSize(sizes, bundle.manifest().sizeLabels());
    List<float[]> gates = new ArrayList<>();
    int tasks = segs.get(0).gateWeights().size();
    for (int t = 0; t < tasks; t++) {
      List<float[]> rows = new ArrayList<>();
      for (SegmentPrediction s : segs) {
        rows.add(s.gateWeights().get(t));
      }
      gates.add(Aggregation.mean(rows));
    }
    return new RecordingPrediction(
        source,
        durationS,
        classNames(),
        Aggregation.mean(probs),
        size,
        gates,
        options.keepSegments() ? List.copyOf(segs) : List.of(),
        segs.size(),
        List.copyOf(warnings));
  }

  /** Closes the model and deletes a zip bundle's extracted copy. */
  @Override
  public void close() {
    model.close();
    bundle.close();
  }
}
