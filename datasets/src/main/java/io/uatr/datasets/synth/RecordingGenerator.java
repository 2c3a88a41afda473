package io.uatr.datasets.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates one synthetic recording and its ground truth (pure function of the config, the class
 * and the index within the class).
 */
public final class RecordingGenerator {
  private static final double KNOT_MS = 1852.0 / 3600.0;
  private static final double SOUND_SPEED = 1500;

  private RecordingGenerator() {}

  /**
   * A generated recording.
   *
   * @param record ground truth and file name
   * @param samples [samples] mono samples in full-scale units, clipped to [-1, 1]
   */
  public record Generated(SynthRecord record, float[] samples) {}

  /**
   * The random stream of one recording: a SplitMix64 hash of (seed, class label, index), so a
   * recording does not change when other classes or counts change.
   *
   * @param seed master seed
   * @param label class label
   * @param index index within the class
   * @return a fresh generator
   */
  public static SplittableRandom stream(long seed, String label, int index) {
    long h = mix64(seed * 0x9E3779B97F4A7C15L + label.hashCode());
    return new SplittableRandom(mix64(h + index * 0xBF58476D1CE4E5B9L));
  }

  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Seed offset of the transient-modulation stream (kept apart from every other stream). */
  private static final long TRANSIENT_STREAM = 0x5DEECE66DL;

  /**
   * Multiplies each block of {@code x} that the draw selects by 1 + depth sin(2 pi f t + phi), f
   * uniform in 0.5-60 Hz: a spurious envelope line that lasts one block.
   *
   * @param x [n] received vessel noise, modified in place
   * @param fs sample rate in Hz
   * @param c settings (probability, depth, block length)
   * @param r the recording's transient stream
   */
  static void applyTransients(double[] x, double fs, SynthConfig c, SplittableRandom r) {
    int block = Math.max(1, (int) Math.round(c.transientBlockS() * fs));
    for (int start = 0; start < x.length; start += block) {
      boolean on = r.nextDouble() < c.transientProbability();
      double f = 0.5 + 59.5 * r.nextDouble();
      double phi = 2 * Math.PI * r.nextDouble();
      if (!on) {
        continue;
      }
      int end = Math.min(x.length, start + block);
      for (int i = start; i < end; i++) {
        x[i] *= 1 + c.transientDepth() * Math.sin(2 * Math.PI * f * (i - start) / fs + phi);
      }
    }
  }

  /**
   * Generates recording {@code index} of class {@code label}.
   *
   * @param c corpus settings
   * @param label ShipsEar type name ({@link ClassPrior#AMBIENT} for ambient noise)
   * @param index index within the class
   * @param id ShipsEar-style ID used in the file name
   * @return samples and ground truth
   */
  public static Generated generate(SynthConfig c, String label, int index, int id) {
    SplittableRandom rng = stream(c.seed(), label, index);
    SplittableRandom pr = rng.split();
    SplittableRandom shipRng = rng.split();
    SplittableRandom ambientRng = rng.split();
    SplittableRandom interfererRng = rng.split();
    double fs = c.sampleRate();
    double duration = c.durationS().draw(pr);
    int n = (int) Math.round(duration * fs);
    double windKmh = c.windKmh().draw(pr);
    double windMs = windKmh / 3.6;
    double shipping = 0.2 + 0.6 * pr.nextDouble();
    double depth = c.channelDepthM().draw(pr);
    double rcvDepth = 1 + (depth - 2) * pr.nextDouble();
    double roughness = Math.min(0.5, 0.01 + 0.003 * windMs * windMs);
    Propagation prop = new Propagation(SOUND_SPEED, depth, rcvDepth, roughness, true, true);
    int month = 7 + pr.nextInt(3);
    int day = 1 + pr.nextInt(28);
    String date = String.format(Locale.ROOT, "2013/%d/%d", month, day);
    boolean vessel = !label.equals(ClassPrior.AMBIENT);
    String file =
        String.format(
            Locale.ROOT,
            "%d__%02d_%02d_13_%s_%s.wav",
            id,
            day,
            month,
            token(label),
            vessel ? "Pasa" : "Fondo");
    double[] x;
    SynthRecord rec;
    if (vessel) {
      ClassPrior prior = ClassPrior.of(label);
      VesselParams v = VesselParams.draw(prior, pr, fs / 3);
      v = v.withSourceDepth(Math.min(v.sourceDepthM(), 0.8 * depth));
      double cpa = prior.cpaRangeM().draw(pr);
      double t0 = (0.3 + 0.4 * pr.nextDouble()) * duration;
      PassGeometry g = new PassGeometry(cpa, t0, v.speedKn() * KNOT_MS);
      double snr = c.snrDb().draw(pr);
      String interferer = "none";
      x = VesselRenderer.render(v, g, prop, fs, n, shipRng);
      if (pr.nextDouble() < c.interfererProbability()) {
        List<String> others = new ArrayList<>();
        for (String k : c.classes()) {
          if (!k.equals(ClassPrior.AMBIENT)) {
            others.add(k);
          }
        }
        String other = others.get(pr.nextInt(others.size()));
        VesselParams iv = VesselParams.draw(ClassPrior.of(other), pr, fs / 3);
        iv = iv.withSourceDepth(Math.min(iv.sourceDepthM(), 0.8 * depth));
        double icpa = 150 + 350 * pr.nextDouble();
        double it0 = (-0.5 + 2 * pr.nextDouble()) * duration;
        double[] y =
            VesselRenderer.render(
                iv,
                new PassGeometry(icpa, it0, iv.speedKn() * KNOT_MS),
                prop,
                fs,
                n,
                interfererRng);
        for (int i = 0; i < n; i++) {
          x[i] += y[i];
        }
        interferer = String.format(Locale.ROOT, "%s@%.0fm", other, icpa);
      }
      if (c.transientProbability() > 0) {
        applyTransients(x, fs, c, stream(c.seed() ^ TRANSIENT_STREAM, label, index));
      }
      double shipDb = VesselRenderer.bandPowerDb(v, cpa, prop, 10, fs / 2, fs);
      double ambientDb = AmbientNoise.bandPowerDb(windMs, shipping, 10, fs / 2, fs);
      double[] amb =
          AmbientNoise.render(windMs, shipping, shipDb - snr - ambientDb, fs, n, ambientRng);
      for (int i = 0; i < n; i++) {
        x[i] += amb[i];
      }
      rec =
          new SynthRecord(
              id,
              file,
              label,
              date,
              depth,
              windKmh,
              v.lengthM(),
              v.speedKn(),
              v.shaftHz(),
              v.blades(),
              v.bladePassHz(),
              cpa,
              rcvDepth,
              v.sourceDepthM(),
              v.firingHz(),
              v.modulationIndex(),
              snr,
              interferer,
              n / fs,
              0);
    } else {
      x = AmbientNoise.render(windMs, shipping, 0, fs, n, ambientRng);
      double nan = Double.NaN;
      rec =
          new SynthRecord(
              id, file, label, date, depth, windKmh, nan, nan, nan, 0, nan, nan, rcvDepth, nan, nan,
              nan, nan, "none", n / fs, 0);
    }
    double scale = Math.pow(10, -c.fullScaleDb() / 20);
    float[] out = new float[n];
    long clipped = 0;
    for (int i = 0; i < n; i++) {
      double s = x[i] * scale;
      if (s > 1 || s < -1) {
        clipped++;
        s = Math.max(-1, Math.min(1, s));
      }
      out[i] = (float) s;
    }
    if (clipped > 0) {
      rec =
          new SynthRecord(
              rec.id(),
              rec.fileName(),
              rec.label(),
              rec.date(),
              rec.channelDepthM(),
              rec.windKmh(),
              rec.lengthM(),
              rec.speedKn(),
              rec.shaftHz(),
              rec.blades(),
              rec.bpfHz(),
              rec.rangeM(),
              rec.depthM(),
              rec.sourceDepthM(),
              rec.firingHz(),
              rec.modulationIndex(),
              rec.snrDb(),
              rec.interferer(),
              rec.durationS(),
              clipped);
    }
    return new Generated(rec, out);
  }

  /** "Mussel boat" becomes "MusselBoat". */
  static String token(String label) {
    StringBuilder sb = new StringBuilder();
    for (String w : label.split("[^A-Za-z0-9]+")) {
      if (!w.isEmpty()) {
        sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
      }
    }
    return sb.toString();
  }
}
