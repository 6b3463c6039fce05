package org.egolens.model.train.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The Jackson mappers of the run folder files: lenient about NaN tokens and unknown keys, strict about types. */
final class RunJson {
    /** JSON (metrics.jsonl, status.json, run.json, eval metrics). */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES) // "step": null is an error, not 0
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    /** Pretty JSON for files meant to be read by people. */
    static final JsonMapper PRETTY = JSON.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
    /** YAML (config.resolved.yaml, config.yaml). */
    static final YAMLMapper YAML = new YAMLMapper();

    private RunJson() {}
}
