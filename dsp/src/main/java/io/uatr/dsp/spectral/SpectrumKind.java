package io.uatr.dsp.spectral;

/** What an STFT frame holds. */
public enum SpectrumKind {
  /** |X|^2 per bin: [bins] values, squared signal units. */
  POWER,
  /** |X| per bin: [bins] values, signal units. */
  MAGNITUDE,
  /** Re and Im interleaved: [2 * bins] values, {@code re0, im0, re1, im1, ...}. */
  COMPLEX
}
