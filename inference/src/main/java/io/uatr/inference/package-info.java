/**
 * Model bundles and prediction.
 *
 * <p>A bundle is a directory (or the same packed as one {@code .zip}) holding {@code bundle.yaml}
 * ({@link io.uatr.inference.BundleManifest}: format version, model spec, class and size names,
 * resolved features config, sample rate, segment settings, normalisation statistics, model input
 * shape, provenance) and the DJL parameter file {@code model-0000.params}. Write one with {@link
 * io.uatr.inference.BundleWriter}, load it with {@link io.uatr.inference.Bundle#load} or directly
 * with {@link io.uatr.inference.Recognizer#load}.
 *
 * <p>Preprocessing contract (training must use the same, through {@link
 * io.uatr.inference.SegmentFeatures#compute}): WAV to mono (mix-down or one channel), resample to
 * the bundle's rate, cut 0-based segments as {@link io.uatr.datasets.Segmenter} does over the whole
 * recording, features of each segment from its own samples with top_db over the segment, then the
 * bundle's normalisation; the model input is [batch][1][bins][frames]. A recording's probabilities
 * are the mean of its segments'.
 */
package io.uatr.inference;
