package io.uatr.experiments.run;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.uatr.models.ModelFactory;
import io.uatr.models.spec.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's {@code model/} directory: everything needed to rebuild the trained network and feed it
 * ({@code model.json}: model spec, class and size names, feature and segment settings, input shape;
 * {@code parameters.ndlist}: the block's parameters in {@code getParameters()} order).
 *
 * <p>This is the experiment module's own interim format, written in one call ({@link #write}) so
 * that it can be replaced by the inference module's {@code BundleWriter} when that exists.
 */
public final class ModelExport {
  /** Description file inside the model directory. */
  public static final String DESCRIPTION = "model.json";

  /** Parameter file inside the model directory. */
  public static final String PARAMETERS = "parameters.ndlist";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * What a saved model is.
   *
   * @param spec the model spec
   * @param classNames class names by index
   * @param sizeLevels size level names (empty without size labels)
   * @param features resolved feature settings
   * @param dataset resolved preprocessing and segment settings
   * @param bins feature rows of the input
   * @param frames feature columns of the input
   * @param synthetic whether it was trained on the synthetic corpus
   */
  public record Description(
      ModelSpec spec,
      List<String> classNames,
      List<String> sizeLevels,
      Map<String, Object> features,
      Map<String, Object> dataset,
      int bins,
      int frames,
      boolean synthetic) {}

  /** A loaded model: the description and a DJL model holding the rebuilt block. */
  public record Loaded(Description description, Model model) implements AutoCloseable {
    @Override
    public void close() {
      model.close();
    }
  }

  private ModelExport() {}

  /**
   * Writes the model directory.
   *
   * @param dir target directory (created)
   * @param d the description
   * @param block the trained block
   * @throws IOException when writing fails
   */
  public static void write(Path dir, Description d, Block block) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", "uatr-experiments-model-1");
    m.put("spec", d.spec().toMap());
    m.put("class_names", d.classNames());
    m.put("size_levels", d.sizeLevels());
    m.put("features", d.features());
    m.put("dataset", d.dataset());
    m.put("input_shape", List.of(1, d.bins(), d.frames()));
    m.put("synthetic", d.synthetic());
    List<NDArray> arrays = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      arrays.add(p.getValue().getArray());
    }
    Files.write(dir.resolve(PARAMETERS), new NDList(arrays).encode());
    JSON.writeValue(dir.resolve(DESCRIPTION).toFile(), m);
  }

  /**
   * Loads a model directory written by {@link #write}.
   *
   * @param dir the directory
   * @param device where to place it
   * @return the model; close it after use
   * @throws IOException when a file is missing or unreadable
   */
  @SuppressWarnings("unchecked")
  public static Loaded load(Path dir, Device device) throws IOException {
    Path desc = dir.resolve(DESCRIPTION);
    if (!Files.isRegularFile(desc)) {
      throw new java.nio.file.NoSuchFileException(desc.toString());
    }
    Map<String, Object> m = JSON.readValue(desc.toFile(), Map.class);
    ModelSpec spec = ModelSpec.fromMap((Map<String, Object>) m.get("spec"));
    List<Integer> shape = (List<Integer>) m.get("input_shape");
    Description d =
        new Description(
            spec,
            (List<String>) m.get("class_names"),
            (List<String>) m.get("size_levels"),
            (Map<String, Object>) m.get("features"),
            (Map<String, Object>) m.get("dataset"),
            shape.get(1),
            shape.get(2),
            Boolean.TRUE.equals(m.get("synthetic")));
    Model model = Model.newInstance("uatr-" + spec.type().key(), device);
    try {
      Block block = ModelFactory.build(spec);
      model.setBlock(block);
      block.initialize(
          model.getNDManager(), DataType.FLOAT32, new Shape(2, 1, d.bins(), d.frames()));
      NDList saved =
          NDList.decode(model.getNDManager(), Files.readAllBytes(dir.resolve(PARAMETERS)));
      ai.djl.nn.ParameterList params = block.getParameters();
      if (params.size() != saved.size()) {
        throw new IOException(
            dir + ": " + saved.size() + " parameter arrays, the spec builds " + params.size());
      }
      for (int i = 0; i < params.size(); i++) {
        NDArray dst = params.get(i).getValue().getArray();
        NDArray src = saved.get(i);
        if (!dst.getShape().equals(src.getShape())) {
          throw new IOException(
              dir
                  + ": parameter "
                  + params.get(i).getKey()
                  + " has shape "
                  + src.getShape()
                  + ", expected "
                  + dst.getShape());
        }
        dst.muli(0).addi(src);
      }
      return new Loaded(d, model);
    } catch (IOException | RuntimeException e) {
      model.close();
      throw e;
    }
  }
}
