/**
 * Audio file input and output: a streaming RIFF/WAVE (and RF64) reader of our own and an atomic WAV
 * writer.
 *
 * <p>Entry points: {@link io.uatr.dsp.io.WavReader} ({@code info}, {@code open}, {@code readAll})
 * and {@link io.uatr.dsp.io.WavWriter}. Samples are {@code float} values scaled to [-1, 1) (float
 * encodings are passed through unscaled). Memory use while streaming is O(block), independent of
 * the file length.
 */
package io.uatr.dsp.io;
