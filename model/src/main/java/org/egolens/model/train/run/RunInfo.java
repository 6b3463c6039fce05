package org.egolens.model.train.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The content of a run's {@code run.json} (training run contract), written once when the run starts. Every field may
 * be null when a trainer did not write it.
 *
 * @param name        run name (the config's {@code name})
 * @param seed        random seed
 * @param codeVersion EgoLens version that trained the run
 * @param java        Java runtime version
 * @param engine      deep-learning engine, e.g. {@code PyTorch 2.7.1}
 * @param started     ISO-8601 start time
 * @param configHash  hash of the resolved config
 * @param device      compute device the model's tensors live on, e.g. {@code cpu()} or {@code gpu(0)}, with the natives
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunInfo(@JsonProperty("name") String name, @JsonProperty("seed") Long seed,
                      @JsonProperty("code_version") String codeVersion, @JsonProperty("java") String java,
                      @JsonProperty("engine") String engine, @JsonProperty("started") String started,
                      @JsonProperty("config_hash") String configHash,
                      @JsonProperty("device") String device) {
}
