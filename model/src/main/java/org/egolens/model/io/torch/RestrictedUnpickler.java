package org.egolens.model.io.torch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import org.egolens.model.io.torch.PickleGlobals.Global;
import org.egolens.model.io.torch.PickleGlobals.PickleRefusal;
import org.egolens.model.io.torch.PickleGlobals.StorageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pickle reader for {@code torch.save} archives that builds plain data only and refuses every global that is not on
 * the state-dict allowlist ({@link PickleGlobals}).
 *
 * <p>Opcode decoding (numbers, strings, tuples, lists, memo, marks, frames; protocols 0–5) is Pyrolite's
 * ({@code net.razorvine:pickle}). Pyrolite on its own is not safe for this job: an unknown global silently becomes a
 * dictionary ({@code ClassDictConstructor}), {@code BUILD} calls {@code __setstate__} by reflection, its constructor
 * registry is a mutable JVM-wide static, and {@code DICT}/{@code SETITEMS} go through a {@code HashMap} and lose the
 * key order of a state dict. This subclass therefore takes over every opcode that names, calls or instantiates a
 * global ({@code GLOBAL}, {@code STACK_GLOBAL}, {@code INST}, {@code OBJ}, {@code REDUCE}, {@code NEWOBJ},
 * {@code NEWOBJ_EX}, {@code BUILD}, {@code EXT1/2/4}, {@code PERSID}/{@code BINPERSID}) and the dictionary opcodes
 * ({@code EMPTY_DICT}, {@code DICT}, {@code SETITEMS}, now insertion-ordered). Length-prefixed opcodes are checked
 * against the bytes left, so a corrupt length cannot make it allocate gigabytes.
 *
 * <p>Storages named by persistent ids {@code ('storage', torch.<T>Storage, key, location, numel)} become
 * {@link StorageRef}s (one per key); tensors become {@link TensorRef}s. One instance reads one pickle.
 */
final class RestrictedUnpickler extends Unpickler {
    private static final Logger LOG = LoggerFactory.getLogger(RestrictedUnpickler.class);

    /** Storage keys are entry names below {@code data/}: torch writes decimal numbers. */
    private static final Pattern STORAGE_KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    /** Modules whose globals can run code or reach the system: the refusal then says the file is likely malicious. */
    private static final Set<String> DANGEROUS_MODULES = Set.of("builtins", "__builtin__", "os", "posix", "nt",
            "subprocess", "sys", "shutil", "importlib", "runpy", "pty", "socket", "ctypes", "code", "codeop",
            "pickle", "_pickle", "marshal", "webbrowser", "commands", "functools", "operator", "types", "io", "_io",
            "tempfile", "multiprocessing", "threading", "signal", "asyncio", "timeit", "pdb", "platform");

    private static final short BYTEARRAY8 = 0x96;
    private static final short FRAME = 0x95;

    private final String label;
    private final Map<String, StorageRef> storages = new LinkedHashMap<>();
    private Positioned in;
    private int opcodeAt;

    /** @param label where the pickle comes from, for messages, e.g. {@code "model.pt (entry model/data.pkl)"} */
    RestrictedUnpickler(String label) {
        this.label = label;
    }

    /**
     * Reads one pickle.
     *
     * @param pickle the complete pickle bytes (e.g. the {@code data.pkl} entry)
     * @return the object graph: {@code Map} (insertion-ordered), {@code List}, {@code Object[]} (tuples), numbers,
     *     strings, {@code byte[]}, {@code Boolean}, {@code null}, {@link TensorRef}, {@link PickledObject}, sets
     * @throws ForbiddenGlobalException if the pickle names a global outside the allowlist
     * @throws CheckpointFormatException if the pickle is malformed or uses an unsupported construct
     */
    Object unpickle(byte[] pickle) throws CheckpointFormatException {
        in = new Positioned(pickle);
        try {
            return load(in);
        } catch (CheckpointFormatException e) {
            throw e;
        } catch (PickleRefusal e) {
            throw new CheckpointFormatException(label + ": " + e.getMessage() + " (pickle opcode at byte " + opcodeAt
                    + ")");
        } catch (IOException | RuntimeException e) {
            throw new CheckpointFormatException(label + ": malformed pickle near byte " + opcodeAt + ": " + e, e);
        } finally {
            close();
        }
    }

    /** The storages the pickle declared, by key, in order of first use. */
    Map<String, StorageRef> storages() {
        return storages;
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        opcodeAt = in.position() - 1;
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new PickleRefusal("STACK_GLOBAL needs two strings, got " + PickleGlobals.typeName(module)
                            + " and " + PickleGlobals.typeName(name));
                }
                stack.add(resolve(m, n));
            }
            case Opcodes.INST -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                Global g = resolve(module, name);
                stack.add(g.call(stack.pop_all_since_marker().toArray()));
            }
            case Opcodes.OBJ -> {
                List<Object> items = stack.pop_all_since_marker();
                if (items.isEmpty()) {
                    throw new PickleRefusal("OBJ without a class");
                }
                Global g = asGlobal(items.get(0), "OBJ");
                stack.add(g.call(items.subList(1, items.size()).toArray()));
            }
            case Opcodes.REDUCE -> {
                Object args = stack.pop();
                Global g = asGlobal(stack.pop(), "REDUCE");
                stack.add(g.call(PickleGlobals.tupleOf(args, g.name() + " arguments")));
            }
            case Opcodes.NEWOBJ -> {
                Object args = stack.pop();
                Global g = asGlobal(stack.pop(), "NEWOBJ");
                stack.add(g.newObject(PickleGlobals.tupleOf(args, g.name() + " arguments")));
            }
            case Opcodes.NEWOBJ_EX -> {
                Object kwargs = stack.pop();
                Object args = stack.pop();
                Global g = asGlobal(stack.pop(), "NEWOBJ_EX");
                if (!(kwargs instanceof Map<?, ?> kw) || !kw.isEmpty()) {
                    throw new PickleRefusal("NEWOBJ_EX with keyword arguments is not supported (" + g.name() + ")");
                }
                stack.add(g.newObject(PickleGlobals.tupleOf(args, g.name() + " arguments")));
            }
            case Opcodes.BUILD -> {
                Object state = stack.pop();
                build(stack.peek(), state);
            }
            case Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 ->
                throw new PickleRefusal("extension-registry opcodes (EXT1/EXT2/EXT4) name globals indirectly and are"
                        + " refused");
            case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
            case Opcodes.DICT -> {
                List<Object> items = stack.pop_all_since_marker();
                stack.add(putPairs(new LinkedHashMap<>(), items, "DICT"));
            }
            case Opcodes.SETITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                Object target = stack.peek();
                if (!(target instanceof Map<?, ?>)) {
                    throw new PickleRefusal("SETITEMS on a " + PickleGlobals.typeName(target));
                }
                @SuppressWarnings("unchecked")
                Map<Object, Object> map = (Map<Object, Object>) target;
                putPairs(map, items, "SETITEMS");
            }
            case Opcodes.BINSTRING, Opcodes.BINBYTES, Opcodes.BINUNICODE, Opcodes.LONG4 -> {
                checkLength(4, key);
                return super.dispatch(key);
            }
            case Opcodes.BINUNICODE8, Opcodes.BINBYTES8, BYTEARRAY8, FRAME -> {
                checkLength(8, key);
                return super.dispatch(key);
            }
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    /** {@code BINPERSID}: a torch storage reference. */
    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t)) {
            throw new PickleRefusal("unsupported persistent id " + PickleGlobals.typeName(pid)
                    + " (torch writes a tuple ('storage', type, key, location, numel))");
        }
        if (t.length != 5 || !"storage".equals(t[0])) {
            throw new PickleRefusal("unsupported persistent id of " + t.length + " elements starting with "
                    + (t.length > 0 ? t[0] : "nothing"));
        }
        if (!(t[1] instanceof StorageType type)) {
            throw new PickleRefusal("persistent id names " + PickleGlobals.typeName(t[1])
                    + " where a torch storage type was expected");
        }
        if (!(t[2] instanceof String key) || !STORAGE_KEY.matcher(key).matches() || key.equals("..")) {
            throw new PickleRefusal("invalid storage key " + t[2]);
        }
        if (!(t[3] instanceof String location)) {
            throw new PickleRefusal("storage " + key + ": location must be a string");
        }
        long numel = PickleGlobals.toLong(t[4], "storage " + key + " size");
        if (numel < 0) {
            throw new PickleRefusal("storage " + key + " has negative size " + numel);
        }
        StorageRef ref = new StorageRef(key, type.dtype(), location, numel);
        StorageRef known = storages.putIfAbsent(key, ref);
        if (known != null && !known.equals(ref)) {
            throw new PickleRefusal("storage " + key + " is declared twice differently: " + known + " and " + ref);
        }
        return known != null ? known : ref;
    }

    private Global resolve(String module, String name) throws CheckpointFormatException {
        Global g = PickleGlobals.lookup(module, name);
        if (g != null) {
            return g;
        }
        String global = module + "." + name;
        if (PickleGlobals.isUnsupportedStorage(module, name)) {
            throw new CheckpointFormatException(label + ": tensor storage type " + global + " is not supported"
                    + " (readable: float32, float16, bfloat16, float64, int64, int32, int16, int8, uint8, bool)");
        }
        String why;
        if (DANGEROUS_MODULES.contains(module) || DANGEROUS_MODULES.contains(module.split("\\.")[0])) {
            why = " This global can run code or reach the system when the file is loaded with Python's pickle or"
                    + " torch.load(weights_only=False): treat the file as malicious.";
        } else if (module.equals("torch") || module.startsWith("torch.")) {
            why = " The file holds a torch object other than plain dense tensors (a pickled module, a tensor"
                    + " subclass, a sparse/quantized tensor, or a dtype without a storage class such as float8);"
                    + " save plain tensors instead: torch.save(model.state_dict(), 'weights.pt').";
        } else {
            why = " If this is a whole pickled model or training object, save only its weights:"
                    + " torch.save(model.state_dict(), 'weights.pt').";
        }
        LOG.warn("{}: refused pickle global {}", label, global);
        throw new ForbiddenGlobalException(global, label + ": refused pickle global '" + global + "' (pickle byte "
                + opcodeAt + "); a checkpoint may only name " + PickleGlobals.SUMMARY + "." + why + " Nothing was loaded or run.");
    }

    private static Global asGlobal(Object o, String opcode) {
        if (o instanceof Global g) {
            return g;
        }
        throw new PickleRefusal(opcode + " needs an allowed global to call, got " + PickleGlobals.typeName(o));
    }

    /** {@code BUILD}: only attribute bags take state; a dict's attribute state (OrderedDict._metadata) is dropped. */
    private static void build(Object target, Object state) {
        if (target instanceof PickledObject obj) {
            for (Object part : stateParts(state)) {
                if (part == null) {
                    continue;
                }
                if (!(part instanceof Map<?, ?> m)) {
                    throw new PickleRefusal("state of " + obj.global() + " must be a dict, got "
                            + PickleGlobals.typeName(part));
                }
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!(e.getKey() instanceof String k)) {
                        throw new PickleRefusal("attribute name of " + obj.global() + " must be a string");
                    }
                    obj.attributes().put(k, e.getValue());
                }
            }
        } else if (target instanceof Map<?, ?>) {
            for (Object part : stateParts(state)) {
                if (part != null && !(part instanceof Map<?, ?>)) {
                    throw new PickleRefusal("state of a dict must be a dict, got " + PickleGlobals.typeName(part));
                }
            }
            LOG.debug("ignoring attribute state of a dict (OrderedDict._metadata)");
        } else {
            throw new PickleRefusal("BUILD (setting object state) on " + PickleGlobals.typeName(target)
                    + " is not allowed");
        }
    }

    /** A BUILD state is a dict, or a (dict, slot-dict) pair. */
    private static Object[] stateParts(Object state) {
        if (state instanceof Object[] pair && pair.length == 2) {
            return pair;
        }
        return new Object[] {state};
    }

    private static Map<Object, Object> putPairs(Map<Object, Object> map, List<Object> items, String opcode) {
        if (items.size() % 2 != 0) {
            throw new PickleRefusal(opcode + " with an odd number of items (" + items.size() + ")");
        }
        for (int i = 0; i < items.size(); i += 2) {
            map.put(items.get(i), items.get(i + 1));
        }
        return map;
    }

    /** Refuses a length prefix (little-endian, {@code width} bytes) that is negative or exceeds the bytes left. */
    private void checkLength(int width, short opcode) {
        long len = in.peekLittleEndian(width);
        if (len < 0 || len > in.available() - width) {
            throw new PickleRefusal(String.format("opcode 0x%02x declares %d bytes but only %d remain", opcode, len,
                    Math.max(0, in.available() - width)));
        }
    }

    /** A byte-array stream that exposes its position. */
    private static final class Positioned extends ByteArrayInputStream {
        Positioned(byte[] data) {
            super(data);
        }

        int position() {
            return pos;
        }

        /** The next {@code width} bytes as a signed little-endian number, without consuming them; -1 if short. */
        long peekLittleEndian(int width) {
            if (count - pos < width) {
                return -1;
            }
            long v = 0;
            for (int i = width - 1; i >= 0; i--) {
                v = (v << 8) | (buf[pos + i] & 0xff);
            }
            if (width == 4) {
                v = (int) v;
            }
            return v;
        }
    }
}
