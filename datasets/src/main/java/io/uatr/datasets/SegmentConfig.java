package io.uatr.datasets;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import java.util.Locale;

/**
 * How recordings are cut into fixed-length segments.
 *
 * @param lengthS segment length in s [{@code length_s}, default 30]
 * @param hopS stride between segment starts in s [{@code hop_s}, default 15]
 * @param lastPartial what to do with a tail shorter than a segment after the last full one [{@code
 *     last_partial}: drop (default), pad (zeros), loop (wrap to the section start)]
 * @param minPartialS a tail segment is made only when at least this much signal remains in it
 *     [{@code min_partial_s}, default half a segment]
 * @param shortRecordings what to do with a section shorter than one segment [{@code
 *     short_recordings}: loop (default, as M3 did), pad, drop]
 */
public record SegmentConfig(
    double lengthS, double hopS, Policy lastPartial, double minPartialS, Policy shortRecordings) {

  /** Policies for incomplete segments. */
  public enum Policy {
    /** Leave it out. */
    DROP,
    /** Fill the missing samples with zeros. */
    PAD,
    /** Repeat the section from its start. */
    LOOP
  }

  /** Validates and names the bad value. */
  public SegmentConfig {
    if (!(lengthS > 0)) {
      throw new IllegalArgumentException("length_s must be > 0, was " + lengthS);
    }
    if (!(hopS > 0)) {
      throw new IllegalArgumentException("hop_s must be > 0, was " + hopS);
    }
    if (!(minPartialS >= 0 && minPartialS <= lengthS)) {
      throw new IllegalArgumentException(
          "min_partial_s must be in [0, length_s=" + lengthS + "], was " + minPartialS);
    }
    if (lastPartial == null || shortRecordings == null) {
      throw new IllegalArgumentException("last_partial and short_recordings must be set");
    }
  }

  /** The M3 protocol: 30 s segments, 15 s stride, tails dropped, short recordings looped. */
  public static SegmentConfig m3() {
    return new SegmentConfig(30, 15, Policy.DROP, 15, Policy.LOOP);
  }

  /**
   * Reads the settings (defaults: the M3 protocol).
   *
   * @param r the section
   * @return the config
   * @throws ConfigException naming the key path of an unknown key or invalid value
   */
  public static SegmentConfig fromConfig(ConfigReader r) {
    double length = r.getDouble("length_s", 30);
    double hop = r.getDouble("hop_s", length / 2);
    Policy last = policy(r, "last_partial", "drop");
    double minPartial = r.getDouble("min_partial_s", length / 2);
    Policy shortRec = policy(r, "short_recordings", "loop");
    r.rejectUnknown();
    try {
      return new SegmentConfig(length, hop, last, minPartial, shortRec);
    } catch (IllegalArgumentException e) {
      throw r.invalid(e.getMessage().split(" ", 2)[0], e);
    }
  }

  private static Policy policy(ConfigReader r, String key, String def) {
    String v = r.getString(key, def).toUpperCase(Locale.ROOT);
    try {
      return Policy.valueOf(v);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(r.path(key), "must be drop, pad or loop, was '" + v + "'");
    }
  }
}
