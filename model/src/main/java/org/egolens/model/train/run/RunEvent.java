package org.egolens.model.train.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of a run's {@code metrics.jsonl} (training run contract, "metrics.jsonl events"). Every event has the
 * global optimisation {@link #step()} it refers to and {@link #timeS()}, seconds since the run started summed across
 * resumes. Unknown event types are kept as {@link Other} so that newer trainers stay readable.
 *
 * <p>Parse a line with {@link #parse(String)}; write one with {@link #toJson(RunEvent)}.
 */
public sealed interface RunEvent permits RunEvent.Step, RunEvent.Eval, RunEvent.Status, RunEvent.Nan, RunEvent.Other {
    /** The optimisation step (0-based) the event belongs to; {@code -1} when an unknown event has none. */
    long step();

    /** Seconds since the run started, summed across resumes; {@code NaN} when an unknown event has none. */
    double timeS();

    /** The event's {@code type} value. */
    String type();

    /**
     * A training step: the loss after the step's forward pass, its named parts and the learning rate used.
     *
     * @param step  optimisation step
     * @param epoch epoch the step belongs to (0-based; -1 if not written)
     * @param timeS seconds since the run started
     * @param lr    learning rate applied in this step (NaN if not written)
     * @param loss  total loss (NaN if the trainer wrote NaN)
     * @param terms the loss's own parts, e.g. SMS {@code pos}, {@code neg}, {@code equal}; empty if none; insertion order
     *              as written
     * @param gradNorm global L2 norm of the step's gradients before clipping (NaN if not written)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Step(@JsonProperty(value = "step", required = true) long step, @JsonProperty("epoch") int epoch,
                @JsonProperty("time_s") double timeS, @JsonProperty("lr") double lr,
                @JsonProperty(value = "loss", required = true) double loss,
                @JsonProperty("terms") Map<String, Double> terms,
                @JsonProperty("grad_norm") double gradNorm) implements RunEvent {
        /** Copies {@code terms} (null becomes empty), keeping its order. */
        public Step {
            terms = terms == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(terms));
        }

        /** A step without a recorded gradient norm. */
        public Step(long step, int epoch, double timeS, double lr, double loss, Map<String, Double> terms) {
            this(step, epoch, timeS, lr, loss, terms, Double.NaN);
        }

        @JsonCreator
        static Step fromJson(@JsonProperty(value = "step", required = true) long step,
                             @JsonProperty("epoch") Integer epoch, @JsonProperty("time_s") Double timeS,
                             @JsonProperty("lr") Double lr, @JsonProperty(value = "loss", required = true) double loss,
                             @JsonProperty("terms") Map<String, Double> terms,
                             @JsonProperty("grad_norm") Double gradNorm) {
            return new Step(step, epoch == null ? -1 : epoch, orNaN(timeS), orNaN(lr), loss, terms, orNaN(gradNorm));
        }

        @Override
        public String type() {
            return "step";
        }
    }

    /**
     * A validation pass (EK-100 MIR protocol, evaluation-and-formats §2) after {@code step}.
     *
     * @param step       step after which the model was evaluated
     * @param epoch      epoch the step belongs to
     * @param timeS      seconds since the run started
     * @param mAP        graded mean average precision, V→T / T→V / average
     * @param nDCG       normalised discounted cumulative gain, V→T / T→V / average
     * @param mirrorPair the demo's mirror-pair score (order-sensitivity probe), or NaN when not measured
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Eval(@JsonProperty(value = "step", required = true) long step, @JsonProperty("epoch") int epoch,
                @JsonProperty("time_s") double timeS, @JsonProperty("mAP") RetrievalScores mAP,
                @JsonProperty("nDCG") RetrievalScores nDCG, @JsonProperty("mirror_pair") Double mirrorPair)
            implements RunEvent {
        /** Missing metric objects become all-NaN, a missing mirror-pair score NaN. */
        public Eval {
            mAP = mAP == null ? new RetrievalScores(null, null, null) : mAP;
            nDCG = nDCG == null ? new RetrievalScores(null, null, null) : nDCG;
            mirrorPair = mirrorPair == null ? Double.NaN : mirrorPair;
        }

        @JsonCreator
        static Eval fromJson(@JsonProperty(value = "step", required = true) long step,
                             @JsonProperty("epoch") Integer epoch, @JsonProperty("time_s") Double timeS,
                             @JsonProperty("mAP") RetrievalScores mAP, @JsonProperty("nDCG") RetrievalScores nDCG,
                             @JsonProperty("mirror_pair") Double mirrorPair) {
            return new Eval(step, epoch == null ? -1 : epoch, orNaN(timeS), mAP, nDCG, mirrorPair);
        }

        @Override
        public String type() {
            return "eval";
        }
    }

    /**
     * A change of the run's state, written when the trainer stops, finishes or fails.
     *
     * @param step    last completed step
     * @param timeS   seconds since the run started
     * @param state   the new state
     * @param message a human-readable reason, may be empty
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Status(@JsonProperty(value = "step", required = true) long step, @JsonProperty("time_s") double timeS,
                  @JsonProperty(value = "state", required = true) RunState state,
                  @JsonProperty("message") String message) implements RunEvent {
        /** A null message becomes empty. */
        public Status {
            message = message == null ? "" : message;
        }

        @JsonCreator
        static Status fromJson(@JsonProperty(value = "step", required = true) long step,
                               @JsonProperty("time_s") Double timeS,
                               @JsonProperty(value = "state", required = true) RunState state,
                               @JsonProperty("message") String message) {
            return new Status(step, orNaN(timeS), state, message);
        }

        @Override
        public String type() {
            return "status";
        }
    }

    /**
     * A loss term became NaN (the run fails with exit code 1 after it).
     *
     * @param step    step at which the term was NaN
     * @param timeS   seconds since the run started
     * @param term    the term's name, e.g. {@code pos}, or {@code loss} for the total
     * @param message a human-readable description
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Nan(@JsonProperty(value = "step", required = true) long step, @JsonProperty("time_s") double timeS,
               @JsonProperty("term") String term, @JsonProperty("message") String message) implements RunEvent {
        /** Null strings become empty. */
        public Nan {
            term = term == null ? "" : term;
            message = message == null ? "" : message;
        }

        @JsonCreator
        static Nan fromJson(@JsonProperty(value = "step", required = true) long step,
                            @JsonProperty("time_s") Double timeS, @JsonProperty("term") String term,
                            @JsonProperty("message") String message) {
            return new Nan(step, orNaN(timeS), term, message);
        }

        @Override
        public String type() {
            return "nan";
        }
    }

    /**
     * An event of a type this reader does not know, kept verbatim.
     *
     * @param type the event's {@code type} (empty if it had none)
     * @param json the whole JSON object
     */
    record Other(String type, JsonNode json) implements RunEvent {
        @Override
        public long step() {
            return json.path("step").asLong(-1);
        }

        @Override
        public double timeS() {
            JsonNode t = json.get("time_s");
            return t != null && t.isNumber() ? t.asDouble() : Double.NaN;
        }
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }

    /**
     * Parses one line of {@code metrics.jsonl}. Accepts {@code NaN}/{@code Infinity} both as bare tokens and as strings.
     *
     * @param line a JSON object with a {@code type} field
     * @return the event ({@link Other} for an unknown type)
     * @throws IllegalArgumentException if the line is not a JSON object or a known event misses or mistypes a field; the
     *                                  message names the field
     */
    static RunEvent parse(String line) {
        JsonNode node;
        try {
            node = RunJson.JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String type = node.path("type").asText("");
        Class<? extends RunEvent> cls = switch (type) {
            case "step" -> Step.class;
            case "eval" -> Eval.class;
            case "status" -> Status.class;
            case "nan" -> Nan.class;
            default -> null;
        };
        if (cls == null) {
            return new Other(type, node);
        }
        try {
            return RunJson.JSON.treeToValue(node, cls);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad '" + type + "' event: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes an event as one {@code metrics.jsonl} line (no line break), with {@code type} first. NaN values are
     * written as the strings {@code "NaN"} (JSON has no NaN), which {@link #parse} reads back.
     */
    static String toJson(RunEvent event) {
        if (event instanceof Other o) {
            return o.json().toString();
        }
        var node = RunJson.JSON.createObjectNode().put("type", event.type());
        node.setAll((com.fasterxml.jackson.databind.node.ObjectNode) RunJson.JSON.valueToTree(event));
        return node.toString();
    }
}
