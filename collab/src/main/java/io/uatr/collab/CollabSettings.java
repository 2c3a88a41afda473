package io.uatr.collab;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;

/**
 * The {@code collab} section of a configuration.
 *
 * @param parties number of parties n [{@code collab.parties}, default 3]
 * @param partiesPerType parties that hold each vessel type [{@code collab.parties_per_type},
 *     default 2, at most n]
 * @param host address the parties listen on and are reached at [{@code collab.host}, default
 *     127.0.0.1]
 * @param attack whether simulate runs the reconstruction attack (party 1 attacking party 0's
 *     activations) [{@code collab.attack}, default true; needs at least 2 parties]
 * @param data which data a party trains and tests on [{@code collab.data}, default {@code
 *     simulated_split}]
 */
public record CollabSettings(
    int parties, int partiesPerType, String host, boolean attack, DataSource data) {

  /** Where a party's data comes from. */
  public enum DataSource {
    /**
     * The party's whole dataset (the {@code dataset} section of its own configuration, with that
     * dataset's recording-level train/test split): a real site with its own recordings.
     */
    OWN,
    /**
     * The party's share of one corpus dealt non-IID among the parties ({@link NonIidSplit}): the
     * simulation, where every party reads the same corpus.
     */
    SIMULATED_SPLIT;

    /** Parses {@code own} or {@code simulated_split}. */
    static DataSource parse(String text) {
      return switch (text) {
        case "own" -> OWN;
        case "simulated_split" -> SIMULATED_SPLIT;
        default ->
            throw new IllegalArgumentException(
                "must be own or simulated_split, was '" + text + "'");
      };
    }
  }

  /** Settings without {@code collab.data} (the simulated split). */
  public CollabSettings(int parties, int partiesPerType, String host, boolean attack) {
    this(parties, partiesPerType, host, attack, DataSource.SIMULATED_SPLIT);
  }

  /** Validates and names the bad key. */
  public CollabSettings {
    if (parties < 1 || parties > 64) {
      throw new ConfigException("collab.parties", "must be in [1, 64], was " + parties);
    }
    if (partiesPerType < 1 || partiesPerType > parties) {
      throw new ConfigException(
          "collab.parties_per_type",
          "must be in [1, collab.parties = " + parties + "], was " + partiesPerType);
    }
    if (data == null) {
      throw new ConfigException("collab.data", "must be set");
    }
    if (attack && parties < 2) {
      throw new ConfigException("collab.attack", "needs collab.parties >= 2");
    }
  }

  /**
   * Reads the section (absent: defaults).
   *
   * @param r the {@code collab} section
   * @return the settings
   * @throws ConfigException naming an unknown or invalid key
   */
  public static CollabSettings fromConfig(ConfigReader r) {
    int parties = r.getInt("parties", 3);
    int perType = r.getInt("parties_per_type", Math.min(2, parties));
    String host = r.getString("host", "127.0.0.1");
    boolean attack = r.getBoolean("attack", parties >= 2);
    DataSource data = r.parse("data", "simulated_split", DataSource::parse);
    r.rejectUnknown();
    return new CollabSettings(parties, perType, host, attack, data);
  }
}
