package io.uatr.models.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DEMONet settings of {@code model.demonet} (only read for {@code model.type: demonet}): the
 * shape of the router input (the DEMON spectra of V sub-windows of each segment) and the
 * cross-temporal VAE that denoises it.
 *
 * <p>Keys: {@code views} and {@code bins} (the router input [V][D]; filled in from the data by the
 * experiment runner), {@code router_input} ({@code raw}: the raw DEMON spectra averaged over the
 * views; {@code reconstruction} (default): the VAE's reconstruction; {@code latent}: the VAE's
 * latent mean), {@code cross_temporal} (default true: the VAE reconstructs view b of a segment from
 * the latent of another view a of the same segment; false: a plain VAE, b = a), {@code latent_dim}
 * (8, mlp codec), {@code hidden} (64, mlp codec), {@code beta} (KL weight; 0.1 with the mlp codec,
 * 0.001 with the conv codec), {@code kl_warmup_epochs} (the KL weight rises linearly from beta/W in
 * epoch 1 to beta in epoch W, 5; 0 = none), {@code vae_weight} (the weight of the VAE loss in the
 * total loss, 1.0), {@code stop_gradient} (default true: the router reads the VAE output detached,
 * so the task losses never reach the VAE), {@code vae_training} ({@code pretrain} (default) or
 * {@code joint}), {@code pretrain_epochs} (30), {@code codec} ({@code conv} (default): dilated
 * Conv1d stacks along the linear modulation-frequency axis, see {@link
 * io.uatr.models.blocks.DemonVae}; {@code mlp}: dense encoder and decoder), {@code conv_channels}
 * (16), {@code conv_latent} (2 latent channels per bin) and {@code conv_dilations} ([1, 2, 4, 8,
 * 16, 32]).
 *
 * <p>Conv is the default because it denoises where the MLP does not (synthetic corpus, seeds 1-3):
 * on the corpus with transient spurious modulation its cross-temporal reconstruction's strongest
 * line is a shaft harmonic in 78-82 % of the test segments against 62.7 % for the raw spectrum and
 * 54-61 % for the MLP's; on the demo corpus in 100 % (MLP 80-85 %). A comb of lines is the same
 * pattern at every position of the linear axis, so the conv codec does not have to have seen a
 * vessel's shaft rate, where the MLP reproduces the combs of the training vessels.
 *
 * <p>{@code vae_training: pretrain} (the default): before the classifier's first epoch the VAE
 * alone trains for {@code pretrain_epochs} epochs on the training segments' views (its own Adam
 * state, the run's learning rate, KL warm-up over these epochs); it is then frozen (no VAE loss,
 * parameters never updated), so the router reads one fixed denoiser from the first classifier epoch
 * on. {@code joint}: the VAE trains on its own loss in every classifier epoch (KL warm-up over the
 * classifier epochs). Pretrain is the default because measured on the synthetic corpus, the jointly
 * trained VAE is whatever it was at the classifier's best validation epoch (early stopping restores
 * every parameter of that epoch, often an early one), while the pre-trained VAE is fully trained
 * whatever the classifier does; with the stop-gradient on, the class loss cannot reach the VAE in
 * either mode.
 *
 * @param views V, DEMON views (sub-windows) per segment (&gt;= 1; &gt;= 2 for cross_temporal)
 * @param bins D, DEMON bins per view (&gt;= 1)
 * @param routerInput what the gates read
 * @param crossTemporal cross-temporal pairing (true) or a plain VAE (false)
 * @param latentDim VAE latent width L
 * @param hidden VAE hidden width
 * @param beta KL weight after the warm-up, &gt;= 0
 * @param klWarmupEpochs KL warm-up length in epochs, &gt;= 0
 * @param vaeWeight weight of the VAE loss, &gt;= 0
 * @param stopGradient detach the router input from the VAE
 * @param pretrain true for {@code vae_training: pretrain}
 * @param pretrainEpochs epochs of VAE training before it is frozen ({@code pretrain} only)
 * @param codec the VAE's encoder and decoder ({@code codec}: {@code mlp} or {@code conv})
 * @param convChannels filters of each dilated layer of the conv codec ({@code conv_channels})
 * @param convLatent latent channels per bin of the conv codec ({@code conv_latent})
 * @param convDilations dilations of the kernel-3 layers of the conv codec ({@code conv_dilations}),
 *     each &gt;= 1
 */
public record DemonetSpec(
    int views,
    int bins,
    RouterInput routerInput,
    boolean crossTemporal,
    int latentDim,
    int hidden,
    double beta,
    int klWarmupEpochs,
    double vaeWeight,
    boolean stopGradient,
    boolean pretrain,
    int pretrainEpochs,
    Codec codec,
    int convChannels,
    int convLatent,
    List<Integer> convDilations) {

  /** The VAE codec, {@code model.demonet.codec}. */
  public enum Codec implements Keyed {
    /** Dense encoder and decoder over the D bins ({@code latent_dim}, {@code hidden}). */
    MLP("mlp"),
    /**
     * Dilated Conv1d stacks along the linear modulation-frequency axis with a spatial latent
     * ({@code conv_channels}, {@code conv_latent}, {@code conv_dilations}).
     */
    CONV("conv");

    private final String key;

    Codec(String key) {
      this.key = key;
    }

    @Override
    public String key() {
      return key;
    }
  }

  /** What the DEMONet gates read, {@code model.demonet.router_input}. */
  public enum RouterInput implements Keyed {
    /** The raw DEMON spectra, averaged over the views: [B][D]. */
    RAW("raw"),
    /** The VAE's reconstruction from each view's latent mean, averaged over the views: [B][D]. */
    RECONSTRUCTION("reconstruction"),
    /** The VAE's latent mean, averaged over the views: [B][L]. */
    LATENT("latent");

    private final String key;

    RouterInput(String key) {
      this.key = key;
    }

    @Override
    public String key() {
      return key;
    }
  }

  /** Default KL weight of the MLP codec. */
  public static final double MLP_BETA = 0.1;

  /**
   * Default KL weight of the conv codec: its latent has conv_latent x bins elements instead of
   * latent_dim, and at 0.1 it collapsed to one output for every input on the noisy corpus.
   */
  public static final double CONV_BETA = 0.001;

  /** Defaults with placeholder router shape (3 views x 16 bins), replaced from the data. */
  public static final DemonetSpec DEFAULT =
      new DemonetSpec(
          3,
          16,
          RouterInput.RECONSTRUCTION,
          true,
          8,
          64,
          CONV_BETA,
          5,
          1.0,
          true,
          true,
          30,
          Codec.CONV,
          16,
          2,
          List.of(1, 2, 4, 8, 16, 32));

  static final Set<String> KEYS =
      Set.of(
          "views",
          "bins",
          "router_input",
          "cross_temporal",
          "latent_dim",
          "hidden",
          "beta",
          "kl_warmup_epochs",
          "vae_weight",
          "stop_gradient",
          "vae_training",
          "pretrain_epochs",
          "codec",
          "conv_channels",
          "conv_latent",
          "conv_dilations");

  /** Validates the values and names the key. */
  public DemonetSpec {
    atLeast("views", views, crossTemporal && routerInput != RouterInput.RAW ? 2 : 1);
    atLeast("bins", bins, 1);
    atLeast("latent_dim", latentDim, 1);
    atLeast("hidden", hidden, 1);
    atLeast("kl_warmup_epochs", klWarmupEpochs, 0);
    atLeast("pretrain_epochs", pretrainEpochs, pretrain ? 1 : 0);
    atLeast("conv_channels", convChannels, 1);
    atLeast("conv_latent", convLatent, 1);
    if (codec == null) {
      throw new IllegalArgumentException("model.demonet.codec must be set");
    }
    if (convDilations == null
        || convDilations.isEmpty()
        || convDilations.stream().anyMatch(x -> x == null || x < 1)) {
      throw new IllegalArgumentException(
          "model.demonet.conv_dilations must be a non-empty list of integers >= 1, was "
              + convDilations);
    }
    convDilations = List.copyOf(convDilations);
    if (routerInput == null) {
      throw new IllegalArgumentException("model.demonet.router_input must be set");
    }
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("model.demonet.beta must be finite and >= 0, was " + beta);
    }
    if (!(vaeWeight >= 0) || Double.isInfinite(vaeWeight)) {
      throw new IllegalArgumentException(
          "model.demonet.vae_weight must be finite and >= 0, was " + vaeWeight);
    }
  }

  /** Returns true when the model has a VAE (router_input reconstruction or latent). */
  public boolean hasVae() {
    return routerInput != RouterInput.RAW;
  }

  /** Returns the width of the gate input: D, or the latent width {@link #latentWidth()}. */
  public int gateInputWidth() {
    return routerInput == RouterInput.LATENT ? latentWidth() : bins;
  }

  /** Returns the latent width of one view: latent_dim (mlp) or conv_latent x bins (conv). */
  public int latentWidth() {
    return codec == Codec.CONV ? convLatent * bins : latentDim;
  }

  /** Returns the conv codec's dilations as an array. */
  public int[] convDilationArray() {
    return convDilations.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The KL weight in a 1-based epoch: {@code beta * min(1, epoch / kl_warmup_epochs)}.
   *
   * @param epoch 1-based epoch
   * @return the weight, &gt;= 0
   */
  public double betaAt(int epoch) {
    if (klWarmupEpochs == 0 || epoch >= klWarmupEpochs) {
      return beta;
    }
    return beta * Math.max(1, epoch) / klWarmupEpochs;
  }

  /**
   * Whether the VAE is frozen in a 1-based classifier epoch (always with {@code pretrain}: it was
   * trained before them).
   *
   * @param epoch 1-based epoch
   * @return true when its loss is off and its parameters are not updated
   */
  public boolean frozenAt(int epoch) {
    return hasVae() && pretrain;
  }

  /** Returns the keys of this spec (see the class comment). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("views", views);
    m.put("bins", bins);
    m.put("router_input", routerInput.key());
    m.put("cross_temporal", crossTemporal);
    m.put("latent_dim", latentDim);
    m.put("hidden", hidden);
    m.put("beta", beta);
    m.put("kl_warmup_epochs", klWarmupEpochs);
    m.put("vae_weight", vaeWeight);
    m.put("stop_gradient", stopGradient);
    m.put("vae_training", pretrain ? "pretrain" : "joint");
    m.put("pretrain_epochs", pretrainEpochs);
    m.put("codec", codec.key());
    m.put("conv_channels", convChannels);
    m.put("conv_latent", convLatent);
    m.put("conv_dilations", convDilations);
    return m;
  }

  /**
   * Reads {@code model.demonet}; missing keys take the {@link #DEFAULT} values.
   *
   * @param value the section (a map) or null
   * @return the spec
   * @throws IllegalArgumentException naming {@code model.demonet.<key>}
   */
  public static DemonetSpec fromMap(Object value) {
    if (value == null) {
      return DEFAULT;
    }
    if (!(value instanceof Map<?, ?> raw)) {
      throw new IllegalArgumentException(
          "model.demonet must be a map with keys " + sorted() + ", was " + value);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : raw.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "model.demonet." + key + " is not a known key (known: " + sorted() + ")");
      }
      m.put(key, e.getValue());
    }
    DemonetSpec d = DEFAULT;
    String training =
        m.containsKey("vae_training")
            ? str(m, "vae_training")
            : d.pretrain() ? "pretrain" : "joint";
    if (!training.equals("joint") && !training.equals("pretrain")) {
      throw new IllegalArgumentException(
          "model.demonet.vae_training must be joint or pretrain, was '" + training + "'");
    }
    Codec codec =
        m.containsKey("codec")
            ? Keyed.parse(Codec.class, "model.demonet.codec", m.get("codec"))
            : d.codec();
    return new DemonetSpec(
        m.containsKey("views") ? integer(m, "views") : d.views(),
        m.containsKey("bins") ? integer(m, "bins") : d.bins(),
        m.containsKey("router_input")
            ? Keyed.parse(RouterInput.class, "model.demonet.router_input", m.get("router_input"))
            : d.routerInput(),
        m.containsKey("cross_temporal") ? bool(m, "cross_temporal") : d.crossTemporal(),
        m.containsKey("latent_dim") ? integer(m, "latent_dim") : d.latentDim(),
        m.containsKey("hidden") ? integer(m, "hidden") : d.hidden(),
        m.containsKey("beta") ? number(m, "beta") : codec == Codec.MLP ? MLP_BETA : CONV_BETA,
        m.containsKey("kl_warmup_epochs") ? integer(m, "kl_warmup_epochs") : d.klWarmupEpochs(),
        m.containsKey("vae_weight") ? number(m, "vae_weight") : d.vaeWeight(),
        m.containsKey("stop_gradient") ? bool(m, "stop_gradient") : d.stopGradient(),
        training.equals("pretrain"),
        m.containsKey("pretrain_epochs") ? integer(m, "pretrain_epochs") : d.pretrainEpochs(),
        codec,
        m.containsKey("conv_channels") ? integer(m, "conv_channels") : d.convChannels(),
        m.containsKey("conv_latent") ? integer(m, "conv_latent") : d.convLatent(),
        m.containsKey("conv_dilations") ? integers(m, "conv_dilations") : d.convDilations());
  }

  private static List<Integer> integers(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof List<?> list)) {
      throw new IllegalArgumentException(
          "model.demonet." + key + " must be a list of integers, was '" + v + "'");
    }
    List<Integer> out = new java.util.ArrayList<>();
    for (Object o : list) {
      out.add(integer(Map.of(key, o == null ? "null" : o), key));
    }
    return out;
  }

  /** Returns a copy with the router input shape of the data. */
  public DemonetSpec withShape(int v, int d) {
    return new DemonetSpec(
        v,
        d,
        routerInput,
        crossTemporal,
        latentDim,
        hidden,
        beta,
        klWarmupEpochs,
        vaeWeight,
        stopGradient,
        pretrain,
        pretrainEpochs,
        codec,
        convChannels,
        convLatent,
        convDilations);
  }

  private static String str(Map<String, Object> m, String key) {
    return String.valueOf(m.get(key)).trim();
  }

  private static boolean bool(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v instanceof Boolean b) {
      return b;
    }
    String s = String.valueOf(v);
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw new IllegalArgumentException(
        "model.demonet." + key + " must be true or false, was '" + v + "'");
  }

  private static int integer(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    if (v instanceof String s) {
      try {
        return Integer.parseInt(s.trim());
      } catch (NumberFormatException ignored) {
        // reported below
      }
    }
    throw new IllegalArgumentException(
        "model.demonet." + key + " must be an integer, was '" + v + "'");
  }

  private static double number(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException ignored) {
        // reported below
      }
    }
    throw new IllegalArgumentException(
        "model.demonet." + key + " must be a number, was '" + v + "'");
  }

  private static void atLeast(String key, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(
          "model.demonet." + key + " must be >= " + min + ", was " + value);
    }
  }

  private static List<String> sorted() {
    return KEYS.stream().sorted().toList();
  }
}
