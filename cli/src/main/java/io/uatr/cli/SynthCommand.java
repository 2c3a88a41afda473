package io.uatr.cli;

import io.uatr.datasets.synth.SynthConfig;
import io.uatr.datasets.synth.SynthCorpus;
import io.uatr.datasets.synth.SynthSummary;
import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import io.uatr.experiments.config.ConfigSource;
import io.uatr.experiments.config.Sections;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code uatr dataset synth}: writes the synthetic ShipsEar-like corpus. */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = {
      "Generates the physics-based synthetic ship-noise corpus (SYNTHETIC data): 52 734 Hz WAVs "
          + "named like ShipsEar, meta_info.tsv with ground truth, and splits.tsv.",
      "Keys live under dataset.synth, e.g. --set dataset.synth.recordings_per_class=4 "
          + "--set dataset.synth.seed=7."
    })
final class SynthCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(SynthCommand.class);

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Directory.")
  Path output;

  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    ConfigSource source = config.load();
    SynthConfig sc;
    try {
      Sections.checkTopLevel(source);
      ConfigReader dataset = source.section("dataset");
      sc = SynthConfig.fromConfig(dataset.section("synth"));
    } catch (ConfigException e) {
      throw new UsageError(source.describe(e));
    }
    SynthSummary s = SynthCorpus.generate(sc, output);
    LOG.info(
        String.format(
            Locale.ROOT,
            "synthetic corpus: %d recordings, %.1f min of audio, %d in test, written to %s in %.1f s",
            s.records().size(),
            s.totalSeconds() / 60,
            s.testIds().size(),
            output,
            s.elapsedMillis() / 1000.0));
    if (s.clippedSamples() > 0) {
      LOG.warn(
          "{} samples clipped at full scale in {} recordings",
          s.clippedSamples(),
          s.clippedRecordings());
    }
    return ExitCodes.OK;
  }
}
