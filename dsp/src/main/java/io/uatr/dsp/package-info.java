/**
 * The DSP front end: WAV decoding, resampling, filters, windows, STFT and spectrogram features.
 *
 * <p>Plain {@code float[]} and {@code float[][]} in and out; no deep-learning dependency.
 */
package io.uatr.dsp;
