package io.uatr.dsp.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A WAV file that cannot be decoded: not RIFF/WAVE, a missing or malformed chunk, an unsupported
 * encoding, no audio, or a non-finite float sample. The message names the file and the problem.
 */
public class WavFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /**
   * Creates the exception with the message {@code "<file>: <problem>"}.
   *
   * @param file the offending file
   * @param problem what is wrong, in words
   */
  public WavFormatException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  /** Returns the offending file. */
  public Path file() {
    return file;
  }
}
