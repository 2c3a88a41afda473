package io.uatr.cli;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.features.FeaturePipeline;
import io.uatr.dsp.features.FeatureSpec;
import io.uatr.dsp.features.FeatureSpecs;
import io.uatr.dsp.io.ChannelSelection;
import io.uatr.dsp.io.WavReader;
import io.uatr.dsp.npy.NpyMappedMatrix;
import io.uatr.experiments.config.ConfigSource;
import io.uatr.experiments.config.Sections;
import io.uatr.experiments.plot.SpectrogramPlot;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code uatr features}: one recording to a [bins][frames] .npy feature matrix (and a PNG). */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = {
      "Streams a WAV recording through the feature front end into a NumPy .npy file "
          + "(float32, C order, shape [bins][frames]).",
      "Feature keys follow librosa: --set features.type=logmel|stft|mfcc|cqt|lofar|demon, "
          + "features.n_fft, hop_length, n_mels, fmin, fmax, htk, norm, top_db, sr, ..."
    })
final class FeaturesCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(FeaturesCommand.class);

  @Option(names = "--input", required = true, paramLabel = "IN.wav", description = "Recording.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "OUT.npy", description = "Matrix.")
  Path output;

  @Option(names = "--plot", paramLabel = "OUT.png", description = "Also write a PNG image.")
  Path plot;

  @Option(
      names = "--channel",
      paramLabel = "N",
      description = "Use channel N (from 0) instead of the mean of all channels.")
  Integer channel;

  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    ConfigSource source = config.load();
    FeatureSpec spec;
    try {
      Sections.checkTopLevel(source);
      spec = FeatureSpecs.fromConfig(source.section("features"));
    } catch (ConfigException e) {
      throw new UsageError(source.describe(e));
    }
    ChannelSelection sel = ChannelSelection.mixDown();
    if (channel != null) {
      int channels = WavReader.info(input).channels();
      if (channel < 0 || channel >= channels) {
        throw new UsageError(
            "--channel "
                + channel
                + ": "
                + input
                + " has "
                + channels
                + " channel(s), 0.."
                + (channels - 1));
      }
      sel = ChannelSelection.channel(channel);
    }
    FeaturePipeline.Result r;
    try (Progress p = new Progress("features", 0, "s audio")) {
      r = FeaturePipeline.toNpy(input, sel, spec, output, p::update);
    }
    LOG.info(
        String.format(
            Locale.ROOT,
            "%s: %.1f s at %d Hz -> %s [%d][%d] %s",
            input.getFileName(),
            r.info().durationSeconds(),
            r.info().sampleRate(),
            output,
            r.bins(),
            r.frames(),
            spec.type()));
    if (plot != null) {
      NpyMappedMatrix m = NpyMappedMatrix.open(output);
      String rowLabel = r.rowUnit().equals("Hz") ? "frequency (Hz)" : r.rowUnit();
      SpectrogramPlot.Spec ps =
          new SpectrogramPlot.Spec(
              spec.type() + ": " + input.getFileName(),
              r.bins(),
              r.frames(),
              r.rowValues(),
              rowLabel,
              r.columnAxis().step(),
              r.valueUnit(),
              r.columnAxis().first(),
              r.columnAxis().label());
      SpectrogramPlot.write(ps, m::get, plot);
      LOG.info("plot written to {}", plot);
    }
    return ExitCodes.OK;
  }
}
