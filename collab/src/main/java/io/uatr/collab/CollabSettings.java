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
 * @param attackEpochs epochs of the reconstruction attack's decoder [{@code collab.attack.epochs},
 *     default 60; 0 skips the attack]
 */
public record CollabSettings(int parties, int partiesPerType, String host, int attackEpochs) {

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
    if (attackEpochs < 0) {
      throw new ConfigException("collab.attack.epochs", "must be >= 0, was " + attackEpochs);
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
    ConfigReader a = r.section("attack");
    int attackEpochs = a.getInt("epochs", 60);
    a.rejectUnknown();
    r.rejectUnknown();
    return new CollabSettings(parties, perType, host, attackEpochs);
  }
}
