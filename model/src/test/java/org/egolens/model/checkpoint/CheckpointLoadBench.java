package org.egolens.model.checkpoint;

import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.egolens.model.io.Safetensors;
import org.egolens.model.io.torch.TensorData;
import org.egolens.model.io.torch.TorchZipWriter;
import org.egolens.model.nn.Eva02AtClip;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelConfig;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.nn.ParameterNames;
import org.egolens.model.nn.RopeMode;
import org.egolens.model.nn.TextConfig;
import org.egolens.model.nn.VisionConfig;
import org.egolens.model.nn.WeightLoader;

/**
 * Benchmark (not a test): load time and peak memory of the whole loading path on a full-size EVA02-CLIP-B/16-shaped
 * checkpoint — EVA-CLIP key names and shapes (evaluation-and-formats.md §4: 12 × 768 vision with SwiGLU 2048, shared
 * RoPE tables in every block, 12 × 512 text, vocabulary 49,408, E = 512; 149.7 M parameters) with seeded random values,
 * in a DDP training container ({@code {'epoch', 'state_dict': {'module.' + key}}}) as torch zip, and as safetensors.
 * Without {@code config.json} beside, so the config is inferred from the shapes.
 *
 * <p>Each phase in its own JVM, so peak RSS ({@code VmHWM}) belongs to that phase:
 * <pre>
 * CP=model/target/classes:model/target/test-classes:$(cat cp.txt)
 * java -Xmx1g -cp $CP org.egolens.model.checkpoint.CheckpointLoadBench generate /tmp/b16
 * java -Xmx1g -cp $CP org.egolens.model.checkpoint.CheckpointLoadBench read /tmp/b16/eva02_clip_b16.pt
 * java -Xmx1g -cp $CP org.egolens.model.checkpoint.CheckpointLoadBench open /tmp/b16/eva02_clip_b16.pt
 * java -Xmx1g -cp $CP org.egolens.model.checkpoint.CheckpointLoadBench open /tmp/b16/eva02_clip_b16.safetensors
 * java -Xmx1g -cp $CP org.egolens.model.checkpoint.CheckpointLoadBench convert /tmp/b16/eva02_clip_b16.pt /tmp/b16/at
 * java -Xmx1g -cp $CP org.egolens.model.checkpoint.CheckpointLoadBench open /tmp/b16/at
 * </pre>
 * {@code open} verifies two tensors of the loaded model against the generator.
 */
public final class CheckpointLoadBench {
    private static final long SEED = 20250617L;

    private CheckpointLoadBench() {}

    /** EVA02-CLIP-B/16 (§3.5): the image model (T irrelevant, no temporal table in the file). */
    static ModelConfig b16() {
        return new ModelConfig(512, new VisionConfig(224, 16, 12, 768, 64, 2.6667, 16, true, true, true, true, ""),
                new TextConfig(77, 49408, 512, 8, 12, 4.0), 4, RopeMode.ST, false);
    }

    /** Key → shape in EVA-CLIP order, with the RoPE buffers of the tower and of every block. */
    static Map<String, long[]> shapes() {
        Map<String, long[]> s = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : ParameterNames.of(new Eva02AtClip(b16())).entrySet()) {
            if (!e.getKey().equals(WeightLoader.TEMPORAL_EMBED)) {
                s.put(e.getKey(), e.getValue().getShape().getShape());
            }
        }
        s.put("visual.rope.freqs_cos", new long[] {196, 64});
        s.put("visual.rope.freqs_sin", new long[] {196, 64});
        for (int n = 0; n < 12; n++) {
            s.put("visual.blocks." + n + ".attn.rope.freqs_cos", new long[] {196, 64});
            s.put("visual.blocks." + n + ".attn.rope.freqs_sin", new long[] {196, 64});
        }
        return s;
    }

    /** Values of the tensor named {@code key}: N(0, 0.02²) from a generator seeded by the key. */
    static float[] values(String key, long numel) {
        SplittableRandom r = new SplittableRandom(SEED + key.hashCode());
        float[] v = new float[Math.toIntExact(numel)];
        for (int i = 0; i < v.length; i++) {
            double u = 1.0 - r.nextDouble();
            v[i] = (float) (0.02 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble()));
        }
        return v;
    }

    private static long kb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static String mem() throws IOException {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "VmHWM %d MB, VmRSS %d MB, Java heap used %d MB of max %d MB",
                kb("VmHWM:") >> 10, kb("VmRSS:") >> 10, (rt.totalMemory() - rt.freeMemory()) >> 20,
                rt.maxMemory() >> 20);
    }

    /** @param args {@code generate DIR}, {@code read FILE}, {@code open FILE|DIR}, or {@code convert FILE OUTDIR} */
    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]));
            case "open" -> open(Path.of(args[1]));
            case "read" -> read(Path.of(args[1]));
            case "convert" -> convert(Path.of(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, TensorData> sd = new LinkedHashMap<>();
        Map<String, long[]> shapes = shapes();
        long params = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            String k = e.getKey();
            if (k.contains(".attn.rope.")) { // one storage shared by the tower and every block, as in EVA-CLIP
                sd.put("module." + k, sd.get("module.visual.rope." + k.substring(k.lastIndexOf('.') + 1)));
                continue;
            }
            sd.put("module." + k, TensorData.ofFloats(e.getValue(), values(k, MappedStateDict.numel(e.getValue()))));
            if (!k.contains("rope.")) {
                params += MappedStateDict.numel(e.getValue());
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("epoch", 10L);
        root.put("state_dict", sd);
        Path pt = dir.resolve("eva02_clip_b16.pt");
        TorchZipWriter.write(pt, root);
        Map<String, org.egolens.model.io.FloatTensor> st = new LinkedHashMap<>();
        sd.forEach((k, v) -> st.put(k.substring("module.".length()),
                new org.egolens.model.io.FloatTensor(v.shape(), v.floats())));
        Path safe = dir.resolve("eva02_clip_b16.safetensors");
        Safetensors.writeF32(safe, st, Map.of("format", "pt"));
        System.out.printf(Locale.ROOT, "%d tensors, %d parameters (%.1f M); %s %.1f MB, %s %.1f MB%n", shapes.size(),
                params, params / 1e6, pt, Files.size(pt) / 1e6, safe, Files.size(safe) / 1e6);
    }

    private static void open(Path path) throws IOException {
        System.out.println("before: " + mem());
        long t0 = System.nanoTime();
        try (Eva02AtClipModel m = ModelFactory.open(path.toString(), 16, null)) {
            long t1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "opened %s in %.2f s (T = %d, E = %d); %s%n", path, (t1 - t0) / 1e9,
                    m.descriptor().numFrames(), m.descriptor().embedDim(), mem());
            System.out.println(m.loadReport().orElseThrow().summary());
            m.loadReport().orElseThrow().notes().forEach(n -> System.out.println("  " + n));
            Map<String, Parameter> p = ParameterNames.of(m.block());
            for (String k : List.of("visual.blocks.11.mlp.w3.weight", "text.token_embedding.weight")) {
                float[] want = values(k, p.get(k).getArray().size());
                if (!java.util.Arrays.equals(want, p.get(k).getArray().toFloatArray())) {
                    throw new AssertionError(k + " differs from the generator");
                }
            }
            System.out.println("verified visual.blocks.11.mlp.w3.weight and text.token_embedding.weight bit for bit");
        }
    }

    /** Reading and mapping alone (no model): every tensor's values once. */
    private static void read(Path file) throws IOException {
        long t0 = System.nanoTime();
        long n = 0;
        try (Weights w = Weights.open(List.of(file))) {
            for (String k : w.stateDict().keys()) {
                n += w.stateDict().values(k).length;
            }
        }
        System.out.printf(Locale.ROOT, "read %d values of %s in %.2f s; %s%n", n, file, (System.nanoTime() - t0) / 1e9,
                mem());
    }

    private static void convert(Path file, Path out) throws IOException {
        long t0 = System.nanoTime();
        ModelConverter.Result r = ModelConverter.convert(List.of(file), LoadOptions.defaults().withNumFrames(16)
                .withEmbedDim(256), null, out, true);
        long t1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "converted to %s in %.2f s (E = %d, T = %d); %s%n", out, (t1 - t0) / 1e9,
                r.config().embedDim(), r.config().numFrames(), mem());
        System.out.println(r.report().toText());
    }
}
