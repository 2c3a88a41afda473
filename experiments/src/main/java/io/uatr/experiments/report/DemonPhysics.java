package io.uatr.experiments.report;

import io.uatr.experiments.run.RunFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The DEMONet physics check on the synthetic corpus: how often the strongest line of a DEMON
 * spectrum lies within one bin of a true shaft-rate harmonic k x shaft_hz (k &gt;= 1; the blade
 * rate and its harmonics are among them), for the raw spectrum and for the VAE's reconstruction.
 * Segments of recordings without a shaft rate (ambient noise) are left out.
 *
 * @param segments segments counted
 * @param rawHits segments whose raw strongest line hits a harmonic
 * @param reconHits segments whose reconstruction's strongest line hits a harmonic (-1 for a model
 *     without a VAE)
 */
public record DemonPhysics(int segments, int rawHits, int reconHits) {

  /** File of the check in a run directory. */
  public static final String CSV = "demon_physics.csv";

  /**
   * Whether the strongest line of a spectrum lies within one bin of a harmonic of the shaft rate.
   *
   * @param spectrum [D] values
   * @param freqs [D] bin frequencies in Hz, evenly spaced
   * @param shaftHz the true shaft rate in Hz (&gt; 0)
   * @return true when |f(argmax) - k shaftHz| &lt;= one bin width for some k &gt;= 1
   */
  public static boolean hits(float[] spectrum, double[] freqs, double shaftHz) {
    int best = 0;
    for (int k = 1; k < spectrum.length; k++) {
      if (spectrum[k] > spectrum[best]) {
        best = k;
      }
    }
    double df = freqs.length > 1 ? freqs[1] - freqs[0] : Double.MAX_VALUE;
    double f = freqs[best];
    long k = Math.max(1, Math.round(f / shaftHz));
    for (long h = Math.max(1, k - 1); h <= k + 1; h++) {
      if (Math.abs(f - h * shaftHz) <= df + 1e-9) {
        return true;
      }
    }
    return false;
  }

  /**
   * Counts the hits.
   *
   * @param raw [N][D] raw spectra per segment
   * @param recon [N][D] reconstructions per segment, or null for a model without a VAE
   * @param shaftHz [N] true shaft rates (NaN or &lt;= 0: the segment is left out)
   * @param freqs [D] bin frequencies in Hz
   * @return the counts
   */
  public static DemonPhysics of(
      List<float[]> raw, List<float[]> recon, double[] shaftHz, double[] freqs) {
    int n = 0;
    int r = 0;
    int v = 0;
    for (int i = 0; i < raw.size(); i++) {
      double s = shaftHz[i];
      if (!(s > 0)) {
        continue;
      }
      n++;
      r += hits(raw.get(i), freqs, s) ? 1 : 0;
      v += recon != null && hits(recon.get(i), freqs, s) ? 1 : 0;
    }
    return new DemonPhysics(n, r, recon == null ? -1 : v);
  }

  /** Share of segments whose raw strongest line hits a harmonic (NaN without segments). */
  public double rawRate() {
    return segments == 0 ? Double.NaN : rawHits / (double) segments;
  }

  /** Share of segments whose reconstruction's strongest line hits a harmonic (NaN without VAE). */
  public double reconRate() {
    return segments == 0 || reconHits < 0 ? Double.NaN : reconHits / (double) segments;
  }

  /** Share of segments whose raw strongest line misses every harmonic. */
  public double rawMissRate() {
    return segments == 0 ? Double.NaN : 1 - rawRate();
  }

  /** One-line summary for logs and reports. */
  public String summary() {
    if (reconHits < 0) {
      return String.format(
          Locale.ROOT,
          "strongest raw DEMON line within one bin of a true shaft-rate harmonic in %.1f %% of %d"
              + " segments (no VAE)",
          100 * rawRate(),
          segments);
    }
    return String.format(
        Locale.ROOT,
        "strongest DEMON line within one bin of a true shaft-rate harmonic: VAE reconstruction"
            + " %.1f %% (%d of %d spectra), raw %.1f %% (%d); raw misses every harmonic in %.1f %%",
        100 * reconRate(),
        reconHits,
        segments,
        100 * rawRate(),
        rawHits,
        100 * rawMissRate());
  }

  /**
   * Writes {@link #CSV}: one row per level, segments first (the averaged views the router reads),
   * then single views; columns segments, hits and rates, then the level.
   *
   * @param dir run directory
   * @param perView the same check over single views, or null
   * @throws IOException when the file cannot be written
   */
  public void write(Path dir, DemonPhysics perView) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    rows.add(row("segment"));
    if (perView != null) {
      rows.add(perView.row("view"));
    }
    RunFiles.writeCsv(
        dir.resolve(CSV),
        List.of("segments", "raw_hits", "recon_hits", "raw_rate", "recon_rate", "level"),
        rows);
  }

  private List<String> row(String level) {
    return List.of(
        String.valueOf(segments),
        String.valueOf(rawHits),
        reconHits < 0 ? "" : String.valueOf(reconHits),
        RunFiles.num(rawRate()),
        RunFiles.num(reconRate()),
        level);
  }

  /**
   * The report section (Markdown).
   *
   * @param perView the same check over single views (each window's own spectrum), or null
   * @return the section
   */
  public String section(DemonPhysics perView) {
    return "\n## DEMON physics check (SYNTHETIC)\n\n"
        + "The strongest line of the router's DEMON input against the vessel's true shaft rate"
        + " (`shaft_hz` of meta_info.tsv), over the test segments (ambient-noise recordings left"
        + " out): a hit when it lies within one bin of a harmonic k x shaft_hz (k >= 1, blade-rate"
        + " harmonics included). Per segment: the raw views and the VAE's reconstructions each"
        + " averaged over the segment's views, as the router reads them. Per view: every window's"
        + " raw spectrum and every reconstruction on its own.\n\n"
        + "| level | spectrum | hits | count | rate (%) |\n|---|---|---|---|---|\n"
        + rows("segment")
        + (perView == null ? "" : perView.rows("view"))
        + "\n";
  }

  private String rows(String level) {
    String recon =
        reconHits < 0
            ? ""
            : String.format(
                Locale.ROOT,
                "| %s | VAE reconstruction | %d | %d | %.1f |%n",
                level,
                reconHits,
                segments,
                100 * reconRate());
    return recon
        + String.format(
            Locale.ROOT,
            "| %s | raw DEMON | %d | %d | %.1f |%n",
            level,
            rawHits,
            segments,
            100 * rawRate());
  }
}
