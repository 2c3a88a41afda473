package io.uatr.dsp.io;

import java.nio.file.Path;

/**
 * Which mono signal to take from a multichannel file: the mean of all channels, or one channel.
 *
 * <p>Create with {@link #mixDown()} or {@link #channel(int)}.
 */
public sealed interface ChannelSelection {

  /** Returns the selection that averages all channels of each frame (mean, not sum). */
  static ChannelSelection mixDown() {
    return MixDown.INSTANCE;
  }

  /**
   * Returns the selection of one channel.
   *
   * @param index zero-based channel index, at least 0 (checked against the file when opened)
   * @throws IllegalArgumentException if {@code index < 0}
   */
  static ChannelSelection channel(int index) {
    return new Single(index);
  }

  /** Mean of all channels. */
  enum MixDown implements ChannelSelection {
    /** The only instance. */
    INSTANCE;

    @Override
    public void validate(int channels, Path file) {}

    @Override
    public String toString() {
      return "mix-down";
    }
  }

  /**
   * One channel.
   *
   * @param index zero-based channel index
   */
  record Single(int index) implements ChannelSelection {
    /** Validates {@code index >= 0}. */
    public Single {
      if (index < 0) {
        throw new IllegalArgumentException("channel index must be >= 0, got " + index);
      }
    }

    @Override
    public void validate(int channels, Path file) {
      if (index >= channels) {
        throw new IllegalArgumentException(
            file
                + ": channel "
                + index
                + " requested but the file has "
                + channels
                + " channel(s) (valid indices 0.."
                + (channels - 1)
                + ")");
      }
    }
  }

  /**
   * Checks that this selection fits a file.
   *
   * @param channels the file's channel count
   * @param file the file, named in the error
   * @throws IllegalArgumentException if a channel index is not below {@code channels}
   */
  void validate(int channels, Path file);
}
