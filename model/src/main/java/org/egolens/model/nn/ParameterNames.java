package org.egolens.model.nn;

import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a DJL block tree to PyTorch-style parameter names (java-stack-notes §1a). DJL stores a child under
 * {@code "%02d" + name} (its 1-based position, then the name given to {@code addChildBlock}); the walk strips exactly that
 * prefix and joins the names with dots, so {@code visual → blocks → 0 → attn → q_proj → weight} becomes
 * {@code visual.blocks.0.attn.q_proj.weight}.
 */
public final class ParameterNames {
    private ParameterNames() {}

    /**
     * All parameters of a tree by PyTorch name, in DJL order (direct parameters of a block first, then its children).
     *
     * @throws IllegalStateException if two parameters map to the same name
     */
    public static Map<String, Parameter> of(Block root) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        walk(root, "", out);
        return out;
    }

    private static void walk(Block block, String prefix, Map<String, Parameter> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            put(out, prefix + p.getKey(), p.getValue());
        }
        BlockList children = block.getChildren();
        for (int i = 0; i < children.size(); i++) {
            walk(children.get(i).getValue(), prefix + childName(children.get(i).getKey(), i) + ".", out);
        }
    }

    /** Removes DJL's position prefix ({@code String.format("%02d", index + 1)}) from a child key. */
    static String childName(String djlKey, int index) {
        String p = String.format(Locale.ROOT, "%02d", index + 1);
        return djlKey.startsWith(p) ? djlKey.substring(p.length()) : djlKey;
    }

    private static void put(Map<String, Parameter> out, String name, Parameter p) {
        if (out.put(name, p) != null) {
            throw new IllegalStateException("two parameters are both named '" + name + "'");
        }
    }
}
