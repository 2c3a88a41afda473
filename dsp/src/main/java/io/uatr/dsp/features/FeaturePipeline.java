package io.uatr.dsp.features;

import io.uatr.dsp.filter.Resampler;
import io.uatr.dsp.io.AudioStream;
import io.uatr.dsp.io.ChannelSelection;
import io.uatr.dsp.io.WavInfo;
import io.uatr.dsp.io.WavReader;
import io.uatr.dsp.npy.NpyMatrixWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a WAV file through resampling (when the spec asks for another rate) and a feature
 * extractor into a [bins][frames] float32 {@code .npy} file. Memory is bounded by the block size
 * and the extractor's window, never by the recording's length.
 */
public final class FeaturePipeline {
  private static final Logger LOG = LoggerFactory.getLogger(FeaturePipeline.class);
  private static final int BLOCK = 1 << 16;

  /**
   * What was written.
   *
   * @param bins rows of the matrix
   * @param frames columns of the matrix
   * @param rowValues [bins] centre of each row in {@code rowUnit}
   * @param rowUnit unit of the rows, for example "Hz"
   * @param frameSeconds seconds between frames
   * @param valueUnit unit of the values
   * @param info the input file's header
   * @param columnAxis what the columns are (time, or modulation frequency for modspec)
   */
  public record Result(
      int bins,
      long frames,
      double[] rowValues,
      String rowUnit,
      double frameSeconds,
      String valueUnit,
      WavInfo info,
      ColumnAxis columnAxis) {}

  private FeaturePipeline() {}

  /**
   * Extracts the features of one recording into a .npy file, written atomically.
   *
   * @param wav input recording
   * @param channel channel selection or mix-down
   * @param spec feature settings
   * @param out output .npy path
   * @param progress receives seconds of audio processed so far (may be null)
   * @return shape and axes of what was written
   * @throws IOException when the input is unreadable (the message names the file) or writing fails
   */
  public static Result toNpy(
      Path wav, ChannelSelection channel, FeatureSpec spec, Path out, DoubleConsumer progress)
      throws IOException {
    try (AudioStream in = WavReader.open(wav, channel)) {
      WavInfo info = in.info();
      int rate = spec.sampleRate() == null ? info.sampleRate() : spec.sampleRate();
      Resampler resampler =
          rate == info.sampleRate() ? null : new Resampler(info.sampleRate(), rate);
      long samples =
          resampler == null ? info.frames() : resampler.spec().outputLength(info.frames());
      TopDbTracker top = new TopDbTracker();
      NpyMatrixWriter[] target = new NpyMatrixWriter[1];
      FeatureExtractor ex =
          spec.create(
              rate,
              (frame, index) -> {
                top.observe(frame);
                try {
                  target[0].writeColumn(frame);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      try (NpyMatrixWriter writer = NpyMatrixWriter.create(out, ex.bins(), ex.frames(samples))) {
        target[0] = writer;
        pump(in, resampler, ex, progress, info.sampleRate());
        if (writer.columnsWritten() != ex.frames(samples)) {
          throw new IOException(
              wav
                  + ": produced "
                  + writer.columnsWritten()
                  + " frames, expected "
                  + ex.frames(samples));
        }
        if (spec.topDb() != null) {
          writer.clipBelow((float) (top.max() - spec.topDb()));
        }
        writer.commit();
        LOG.debug(
            "{}: {} x {} {} written to {}",
            wav,
            ex.bins(),
            writer.columnsWritten(),
            spec.type(),
            out);
        return new Result(
            ex.bins(),
            writer.columnsWritten(),
            ex.rowValues(),
            ex.rowUnit(),
            ex.frameSeconds(),
            spec.valueUnit(),
            info,
            ex.columnAxis());
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
  }

  private static void pump(
      AudioStream in, Resampler resampler, FeatureExtractor ex, DoubleConsumer progress, int fsIn)
      throws IOException {
    float[] buf = new float[BLOCK];
    float[] res = resampler == null ? null : new float[resampler.maxOutputLength(BLOCK)];
    int n;
    while ((n = in.read(buf, 0, BLOCK)) > 0) {
      if (resampler == null) {
        ex.push(buf, 0, n);
      } else {
        int m = resampler.process(buf, 0, n, res, 0);
        ex.push(res, 0, m);
      }
      if (progress != null) {
        progress.accept(in.position() / (double) fsIn);
      }
    }
    if (resampler != null) {
      float[] tail = new float[resampler.maxFinishLength()];
      int m = resampler.finish(tail, 0);
      ex.push(tail, 0, m);
    }
    ex.finish();
  }

  /** Keeps the running maximum of every value seen (for top_db). */
  private static final class TopDbTracker {
    private float max = Float.NEGATIVE_INFINITY;

    void observe(float[] frame) {
      for (float v : frame) {
        if (v > max) {
          max = v;
        }
      }
    }

    float max() {
      return max;
    }
  }
}
