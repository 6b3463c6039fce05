package org.egolens.model.io.torch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Benchmark (not a test): load time and peak memory of {@link TorchZipReader} on a full-size EVA02-CLIP-B/16-shaped
 * checkpoint (key names and shapes of docs/evaluation-and-formats.md §4: vision 12 blocks × 768 with SwiGLU 2048 and
 * the shared RoPE tables, text 12 blocks × 512, vocabulary 49,408; about 150 M float32 parameters, 600 MB), written by
 * {@link TorchZipWriter} with seeded random values.
 *
 * <p>Run each phase in its own JVM so the peak RSS of {@code read} is not polluted by generation:
 * <pre>
 * CP=model/target/classes:model/target/test-classes:$(cat cp.txt)   # cp.txt from mvn dependency:build-classpath
 * java -Xmx3g -cp $CP org.egolens.model.io.torch.TorchLoadBench generate /tmp/eva02_b16.pt
 * java -Xmx3g -cp $CP org.egolens.model.io.torch.TorchLoadBench read /tmp/eva02_b16.pt 3
 * </pre>
 * {@code read} prints the wall time of each full {@code readStateDict}, the peak resident set size of the process
 * ({@code VmHWM} from {@code /proc/self/status}) and, after timing, verifies every value against the seeded generator.
 */
public final class TorchLoadBench {
    private static final long SEED = 20250617L;

    private TorchLoadBench() {}

    /** Key → shape of EVA02-CLIP-B/16 in EVA-CLIP naming (CustomCLIP: text tower under {@code text.}). */
    static Map<String, long[]> eva02ClipB16Shapes() {
        Map<String, long[]> s = new LinkedHashMap<>();
        int w = 768;
        int hidden = 2048;
        s.put("logit_scale", new long[] {});
        s.put("visual.cls_token", new long[] {1, 1, w});
        s.put("visual.pos_embed", new long[] {1, 197, w});
        s.put("visual.patch_embed.proj.weight", new long[] {w, 3, 16, 16});
        s.put("visual.patch_embed.proj.bias", new long[] {w});
        s.put("visual.rope.freqs_cos", new long[] {196, 64});
        s.put("visual.rope.freqs_sin", new long[] {196, 64});
        for (int n = 0; n < 12; n++) {
            String b = "visual.blocks." + n + ".";
            s.put(b + "norm1.weight", new long[] {w});
            s.put(b + "norm1.bias", new long[] {w});
            s.put(b + "attn.q_bias", new long[] {w});
            s.put(b + "attn.v_bias", new long[] {w});
            s.put(b + "attn.q_proj.weight", new long[] {w, w});
            s.put(b + "attn.k_proj.weight", new long[] {w, w});
            s.put(b + "attn.v_proj.weight", new long[] {w, w});
            s.put(b + "attn.inner_attn_ln.weight", new long[] {w});
            s.put(b + "attn.inner_attn_ln.bias", new long[] {w});
            s.put(b + "attn.proj.weight", new long[] {w, w});
            s.put(b + "attn.proj.bias", new long[] {w});
            s.put(b + "attn.rope.freqs_cos", new long[] {196, 64});
            s.put(b + "attn.rope.freqs_sin", new long[] {196, 64});
            s.put(b + "norm2.weight", new long[] {w});
            s.put(b + "norm2.bias", new long[] {w});
            s.put(b + "mlp.w1.weight", new long[] {hidden, w});
            s.put(b + "mlp.w1.bias", new long[] {hidden});
            s.put(b + "mlp.w2.weight", new long[] {hidden, w});
            s.put(b + "mlp.w2.bias", new long[] {hidden});
            s.put(b + "mlp.ffn_ln.weight", new long[] {hidden});
            s.put(b + "mlp.ffn_ln.bias", new long[] {hidden});
            s.put(b + "mlp.w3.weight", new long[] {w, hidden});
            s.put(b + "mlp.w3.bias", new long[] {w});
        }
        s.put("visual.norm.weight", new long[] {w});
        s.put("visual.norm.bias", new long[] {w});
        s.put("visual.head.weight", new long[] {512, w});
        s.put("visual.head.bias", new long[] {512});
        int t = 512;
        s.put("text.positional_embedding", new long[] {77, t});
        s.put("text.text_projection", new long[] {t, t});
        s.put("text.token_embedding.weight", new long[] {49408, t});
        for (int n = 0; n < 12; n++) {
            String b = "text.transformer.resblocks." + n + ".";
            s.put(b + "ln_1.weight", new long[] {t});
            s.put(b + "ln_1.bias", new long[] {t});
            s.put(b + "attn.in_proj_weight", new long[] {3 * t, t});
            s.put(b + "attn.in_proj_bias", new long[] {3 * t});
            s.put(b + "attn.out_proj.weight", new long[] {t, t});
            s.put(b + "attn.out_proj.bias", new long[] {t});
            s.put(b + "ln_2.weight", new long[] {t});
            s.put(b + "ln_2.bias", new long[] {t});
            s.put(b + "mlp.c_fc.weight", new long[] {4 * t, t});
            s.put(b + "mlp.c_fc.bias", new long[] {4 * t});
            s.put(b + "mlp.c_proj.weight", new long[] {t, 4 * t});
            s.put(b + "mlp.c_proj.bias", new long[] {t});
        }
        s.put("text.ln_final.weight", new long[] {t});
        s.put("text.ln_final.bias", new long[] {t});
        return s;
    }

    /** Values of tensor {@code index}: N(0, 0.02²) from a generator seeded by the index. */
    private static float[] values(int index, long numel) {
        SplittableRandom r = new SplittableRandom(SEED + index);
        float[] v = new float[Math.toIntExact(numel)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (0.02 * gaussian(r));
        }
        return v;
    }

    private static double gaussian(SplittableRandom r) { // Box–Muller, one value per call
        double u = 1.0 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** The checkpoint content; the RoPE tables of all blocks share the tower's storage, as in the real file. */
    private static Map<String, TensorData> build() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<String, long[]> e : eva02ClipB16Shapes().entrySet()) {
            String k = e.getKey();
            if (k.contains(".attn.rope.")) {
                out.put(k, out.get("visual.rope." + k.substring(k.lastIndexOf('.') + 1)));
            } else {
                out.put(k, TensorData.ofFloats(e.getValue(), values(index, TensorData.numel(e.getValue()))));
            }
            index++;
        }
        return out;
    }

    private static long vmHwmKb() throws IOException {
        return statusKb("VmHWM:");
    }

    private static long statusKb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /**
     * @param args {@code generate <file>} or {@code read <file> [repeats]}
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[1]);
        if (args[0].equals("generate")) {
            long t0 = System.nanoTime();
            Map<String, TensorData> sd = build();
            long t1 = System.nanoTime();
            TorchZipWriter.writeStateDict(file, sd);
            long t2 = System.nanoTime();
            long params = eva02ClipB16Shapes().values().stream().mapToLong(TensorData::numel).sum();
            System.out.printf(Locale.ROOT, "generated %d tensors, %d parameters (%.1f M) in %.1f s; wrote %s"
                    + " (%.1f MB) in %.1f s%n", sd.size(), params, params / 1e6, (t1 - t0) / 1e9, file,
                    Files.size(file) / 1e6, (t2 - t1) / 1e9);
            return;
        }
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf(Locale.ROOT, "file %s, %.1f MB; JVM max heap %d MB; VmHWM before reading %d MB%n", file,
                Files.size(file) / 1e6, Runtime.getRuntime().maxMemory() >> 20, vmHwmKb() >> 10);
        StateDict sd = null;
        for (int i = 0; i < repeats; i++) {
            sd = null;
            System.gc();
            long t0 = System.nanoTime();
            sd = TorchZipReader.readStateDict(file);
            long t1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "read %d: %d tensors, %d elements in %.3f s (%.0f MB/s); VmHWM %d MB,"
                    + " VmRSS %d MB%n", i + 1, sd.size(), sd.totalElements(), (t1 - t0) / 1e9,
                    Files.size(file) / 1e6 / ((t1 - t0) / 1e9), vmHwmKb() >> 10, statusKb("VmRSS:") >> 10);
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "heap in use with the state dict held: %d MB%n",
                (rt.totalMemory() - rt.freeMemory()) >> 20);
        // correctness at full size: every value against the seeded generator
        int index = 0;
        long checked = 0;
        for (Map.Entry<String, long[]> e : eva02ClipB16Shapes().entrySet()) {
            String k = e.getKey();
            String owner = k.contains(".attn.rope.") ? "visual.rope." + k.substring(k.lastIndexOf('.') + 1) : k;
            int ownerIndex = List.copyOf(eva02ClipB16Shapes().keySet()).indexOf(owner);
            float[] expected = values(ownerIndex, TensorData.numel(e.getValue()));
            float[] actual = sd.require(k).floats();
            if (!java.util.Arrays.equals(expected, actual)) {
                throw new AssertionError("values differ for " + k);
            }
            checked += actual.length;
            index++;
        }
        System.out.printf(Locale.ROOT, "verified %d tensors, %d values bit for bit%n", index, checked);
    }
}
