package io.uatr.inference;

/**
 * One segment's samples, cut from a stream.
 *
 * @param index segment number from 0 in time order
 * @param startSample first sample of the segment in the (resampled) stream
 * @param validSamples how many of the samples are signal (the rest is zero padding or loop fill)
 * @param samples [round(length_s x sampleRate)] samples
 */
public record SegmentWindow(int index, long startSample, int validSamples, float[] samples) {}
