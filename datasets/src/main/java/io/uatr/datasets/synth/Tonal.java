package io.uatr.datasets.synth;

/**
 * One machinery line: A (1 + eps(t)) cos(2 pi f0 t + phase noise), with eps a slow random amplitude
 * fluctuation and Wiener phase noise of the given line width.
 *
 * @param freqHz line frequency at the source in Hz
 * @param levelDb source level in dB re 1 uPa at 1 m (rms)
 * @param amplitudeJitter relative rms amplitude fluctuation (e.g. 0.1)
 * @param lineWidthHz Lorentzian line width (FWHM) of the phase noise in Hz
 * @param source what makes the line, e.g. "firing", "generator", "shaft", "blade"
 */
public record Tonal(
    double freqHz, double levelDb, double amplitudeJitter, double lineWidthHz, String source) {

  /** Validates and names the bad value. */
  public Tonal {
    if (!(freqHz > 0)) {
      throw new IllegalArgumentException("tonal freqHz must be > 0, was " + freqHz);
    }
    if (!(amplitudeJitter >= 0 && amplitudeJitter < 1)) {
      throw new IllegalArgumentException(
          "amplitudeJitter must be in [0,1), was " + amplitudeJitter);
    }
    if (!(lineWidthHz >= 0)) {
      throw new IllegalArgumentException("lineWidthHz must be >= 0, was " + lineWidthHz);
    }
  }
}
