package io.uatr.datasets.synth;

import java.util.List;
import java.util.Locale;

/**
 * One generated recording with its ground truth: a row of the corpus's {@code meta_info.tsv}.
 * Vessel fields are NaN (written {@code N.A.}) for ambient-noise recordings.
 *
 * @param id ShipsEar-style numeric ID
 * @param fileName WAV file name, {@code <ID>__<dd_mm_yy>_<Type>_<Pasa|Fondo>.wav}
 * @param label ShipsEar type name
 * @param date recording date as {@code yyyy/M/d}
 * @param channelDepthM water depth in m ({@code chanel_depth})
 * @param windKmh wind speed in km/h ({@code wind})
 * @param lengthM vessel length in m
 * @param speedKn vessel speed in knots
 * @param shaftHz shaft rate in Hz
 * @param blades blade count (0 for ambient noise)
 * @param bpfHz blade-pass frequency in Hz
 * @param rangeM horizontal range at the closest point of approach in m
 * @param depthM hydrophone depth in m
 * @param sourceDepthM source depth in m
 * @param firingHz diesel firing rate in Hz
 * @param modulationIndex cavitation modulation index (0 = no cavitation)
 * @param snrDb broadband SNR at the closest point of approach in dB (NaN for ambient noise)
 * @param interferer label and CPA range of a distant second vessel, or {@code none}
 * @param durationS duration in s
 * @param clippedSamples samples that exceeded full scale and were clipped
 */
public record SynthRecord(
    int id,
    String fileName,
    String label,
    String date,
    double channelDepthM,
    double windKmh,
    double lengthM,
    double speedKn,
    double shaftHz,
    int blades,
    double bpfHz,
    double rangeM,
    double depthM,
    double sourceDepthM,
    double firingHz,
    double modulationIndex,
    double snrDb,
    String interferer,
    double durationS,
    long clippedSamples) {

  /** Columns of the metadata table: ShipsEar's eight, then the ground truth. */
  public static final List<String> COLUMNS =
      List.of(
          "ids",
          "label",
          "local",
          "date",
          "chanel_depth",
          "wind",
          "distance",
          "image_id",
          "length_m",
          "speed_kn",
          "shaft_hz",
          "blades",
          "bpf_hz",
          "range_m",
          "depth_m",
          "source_depth_m",
          "firing_hz",
          "mod_index",
          "snr_db",
          "interferer",
          "duration_s",
          "clipped_samples");

  /** ShipsEar-style distance bin of the CPA range ("0-50", "50-100", "100-200", ">200"). */
  public String distanceBin() {
    if (Double.isNaN(rangeM) || rangeM < 50) {
      return "0-50";
    }
    return rangeM < 100 ? "50-100" : rangeM < 200 ? "100-200" : ">200";
  }

  /** The row as tab-separated values in {@link #COLUMNS} order (no trailing newline). */
  public String toTsv() {
    return String.join(
        "\t",
        Integer.toString(id),
        label,
        "Synthetic pass",
        date,
        num(channelDepthM, 1),
        num(windKmh, 1),
        distanceBin(),
        "N.A.",
        num(lengthM, 1),
        num(speedKn, 2),
        num(shaftHz, 4),
        blades == 0 ? "N.A." : Integer.toString(blades),
        num(bpfHz, 4),
        num(rangeM, 1),
        num(depthM, 2),
        num(sourceDepthM, 2),
        num(firingHz, 3),
        num(modulationIndex, 3),
        num(snrDb, 2),
        interferer,
        num(durationS, 3),
        Long.toString(clippedSamples));
  }

  private static String num(double v, int decimals) {
    return Double.isNaN(v) ? "N.A." : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
