/**
 * Recordings, metadata, label maps, splits, segmenting and dataset loaders (ShipsEar and others),
 * plus the synthetic ship-noise corpus generator in {@link io.uatr.datasets.synth}. Depends on
 * {@code uatr-dsp} only; never on a deep-learning library.
 */
package io.uatr.datasets;
