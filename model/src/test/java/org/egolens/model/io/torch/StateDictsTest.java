package org.egolens.model.io.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Locating the state dict inside checkpoint containers and stripping the DDP prefix. */
class StateDictsTest {
    private static final TensorData T1 = TensorData.ofFloats(new long[] {1}, new float[] {1f});
    private static final TensorData T2 = TensorData.ofFloats(new long[] {1}, new float[] {2f});

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void topLevelStateDictIsReturnedAsIs() throws CheckpointFormatException {
        StateDicts.Unwrapped u = StateDicts.unwrap(map("a.weight", T1, "b", T2), "f.pt");
        assertEquals(List.of("a.weight", "b"), new ArrayList<>(u.tensors().keySet()));
        assertEquals("", u.location());
        assertEquals("", u.strippedPrefix());
        assertTrue(u.extras().isEmpty());
    }

    @Test
    void nestedContainersAreDescendedAndModulePrefixStripped() throws CheckpointFormatException {
        Object root = map("epoch", 7L,
                "model", map("module", map("module.visual.w", T1, "module.logit_scale", T2), "step", 9L),
                "optimizer", map("state", map()));
        StateDicts.Unwrapped u = StateDicts.unwrap(root, "f.pt");
        assertEquals(List.of("visual.w", "logit_scale"), new ArrayList<>(u.tensors().keySet()));
        assertSame(T1, u.tensors().get("visual.w"));
        assertEquals("model.module", u.location());
        assertEquals("module.", u.strippedPrefix());
        assertEquals(List.of("epoch", "optimizer", "model.step"), new ArrayList<>(u.extras().keySet()));
    }

    @Test
    void prefixIsKeptUnlessEveryKeyHasIt() throws CheckpointFormatException {
        StateDicts.Unwrapped u = StateDicts.unwrap(map("module.a", T1, "b", T2), "f.pt");
        assertEquals(List.of("module.a", "b"), new ArrayList<>(u.tensors().keySet()));
        assertEquals("", u.strippedPrefix());
    }

    @Test
    void doublyWrappedDdpIsStrippedTwice() throws CheckpointFormatException {
        StateDicts.Unwrapped u = StateDicts.unwrap(map("module.module.a", T1), "f.pt");
        assertEquals(List.of("a"), new ArrayList<>(u.tensors().keySet()));
        assertEquals("module.module.", u.strippedPrefix());
    }

    @Test
    void containerKeyHoldingATensorIsAParameterName() throws CheckpointFormatException {
        StateDicts.Unwrapped u = StateDicts.unwrap(map("model", T1, "head", T2), "f.pt");
        assertEquals(List.of("model", "head"), new ArrayList<>(u.tensors().keySet()));
    }

    @Test
    void nonTensorEntriesOfAStateDictBecomeExtras() throws CheckpointFormatException {
        StateDicts.Unwrapped u = StateDicts.unwrap(map("state_dict", map("w", T1, "_extra_state", "v2")), "f.pt");
        assertEquals(List.of("w"), new ArrayList<>(u.tensors().keySet()));
        assertEquals("v2", u.extras().get("state_dict._extra_state"));
    }

    @Test
    void containerWithoutTensorsIsAnErrorListingKeys() {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> StateDicts.unwrap(map("epoch", 1L, "best_acc1", 0.5), "ckpt.pt"));
        assertTrue(e.getMessage().contains("ckpt.pt") && e.getMessage().contains("[epoch, best_acc1]"),
                e.getMessage());
    }

    @Test
    void nonMapRootIsAnError() {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> StateDicts.unwrap(List.of(1L), "list.pt"));
        assertTrue(e.getMessage().contains("list.pt") && e.getMessage().contains("list"), e.getMessage());
    }

    @Test
    void stripPrefixKeepsOrderAndOtherKeys() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("text.a", 1);
        m.put("b", 2);
        m.put("text.c", 3);
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(StateDicts.stripPrefix(m, "text.").keySet()));
        m.put("a", 4);
        assertThrows(IllegalArgumentException.class, () -> StateDicts.stripPrefix(m, "text."));
    }
}
