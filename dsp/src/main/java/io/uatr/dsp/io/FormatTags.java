package io.uatr.dsp.io;

import java.util.Map;

/** Names of WAVE format tags, for error messages. */
final class FormatTags {
  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(0x0001, "PCM"),
          Map.entry(0x0002, "Microsoft ADPCM"),
          Map.entry(0x0003, "IEEE float"),
          Map.entry(0x0006, "A-law"),
          Map.entry(0x0007, "mu-law"),
          Map.entry(0x0011, "IMA ADPCM"),
          Map.entry(0x0031, "GSM 6.10"),
          Map.entry(0x0050, "MPEG"),
          Map.entry(0x0055, "MPEG Layer III (MP3-in-WAV)"),
          Map.entry(0x00FF, "AAC"),
          Map.entry(0x0161, "Windows Media Audio"),
          Map.entry(0xF1AC, "FLAC"),
          Map.entry(0xFFFE, "WAVE_FORMAT_EXTENSIBLE"));

  private FormatTags() {}

  /** Returns e.g. {@code "0x0055 (MPEG Layer III (MP3-in-WAV))"}, or just the hex if unknown. */
  static String describe(int tag) {
    String hex = String.format("0x%04X", tag);
    String name = NAMES.get(tag);
    return name == null ? hex + " (unknown)" : hex + " (" + name + ")";
  }

  /** Formats a 16-byte little-endian GUID as {@code {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}}. */
  static String guidToString(byte[] g) {
    return String.format(
        "{%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X}",
        g[3], g[2], g[1], g[0], g[5], g[4], g[7], g[6], g[8], g[9], g[10], g[11], g[12], g[13],
        g[14], g[15]);
  }
}
