/**
 * Synthetic ShipsEar-like corpus: ship-radiated noise from the JOMOPANS-ECHO source model with
 * propeller cavitation modulation and machinery tonals, Wenz ambient noise, and a pass past the
 * closest point of approach (spreading loss, absorption, Lloyd's mirror, Doppler). Entry point:
 * {@link io.uatr.datasets.synth.SynthCorpus#generate}.
 *
 * <p>All levels are computed in dB re 1 uPa (PSDs in dB re 1 uPa^2/Hz) and converted to WAV sample
 * units by a fixed full-scale level ({@link io.uatr.datasets.synth.SynthConfig#fullScaleDb()}):
 * sample value 1.0 corresponds to a pressure of 10^(fullScaleDb/20) uPa.
 */
package io.uatr.datasets.synth;
