/**
 * Model blocks for underwater acoustic target recognition with multi-gate mixtures of experts.
 *
 * <p>Entry points: {@link io.uatr.models.ModelFactory#build} turns a {@link
 * io.uatr.models.spec.ModelSpec} into a DJL block ({@link io.uatr.models.MultiTaskNet}); {@link
 * io.uatr.models.ModelOutputs} documents and reads the fixed order of its forward output (class
 * logits, size output, auxiliary gate loss, nuisance heads, per-task gate weights). Input is a
 * one-channel spectrogram [batch][1][bins][frames].
 */
package io.uatr.models;
