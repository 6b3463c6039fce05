package org.egolens.model.io.torch;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The allowlist of Python globals a checkpoint pickle may name, and what each one builds in Java.
 *
 * <p>A global is only ever mapped to a Java factory that builds plain data; nothing is looked up by reflection and no
 * Python is run. Everything else is refused by {@link RestrictedUnpickler} with a {@link ForbiddenGlobalException}.
 * Allowed (and why):
 * <ul>
 *   <li>{@code collections.OrderedDict} — the type of every {@code state_dict()}; built as a {@link LinkedHashMap}.</li>
 *   <li>{@code torch._utils._rebuild_tensor_v2} — how {@code torch.save} writes a tensor (storage, offset, size,
 *       stride); built as a {@link TensorRef}.</li>
 *   <li>{@code torch._utils._rebuild_parameter} / {@code _rebuild_parameter_with_state} — an {@code nn.Parameter}
 *       wrapping such a tensor (whole-module or optimizer pickles); the tensor is returned, the flags dropped.</li>
 *   <li>{@code torch.FloatStorage}, {@code HalfStorage}, {@code BFloat16Storage}, {@code DoubleStorage},
 *       {@code LongStorage}, {@code IntStorage}, {@code ShortStorage}, {@code CharStorage}, {@code ByteStorage},
 *       {@code BoolStorage} — only as the dtype tag inside a storage persistent id; calling one is refused.</li>
 *   <li>{@code argparse.Namespace} — the {@code args} of training checkpoints (AVION, LaViLa). In Python it is
 *       rebuilt by {@code object.__new__} plus a {@code __dict__} update, with no custom {@code __setstate__}; it is
 *       an attribute bag of plain values, built here as a {@link PickledObject}. Anything inside it still has to pass
 *       this allowlist.</li>
 *   <li>{@code _codecs.encode(str, 'latin1')} — how pickle protocol 2 (torch's default) writes a {@code bytes}
 *       object; built as {@code byte[]}. Other encodings are refused.</li>
 *   <li>{@code builtins.set} / {@code frozenset} (and the Python 2 {@code __builtin__} names) — how protocol 2 writes
 *       sets; built as an insertion-ordered {@link Set}.</li>
 * </ul>
 */
final class PickleGlobals {
    private PickleGlobals() {}

    /** A Python global that the restricted unpickler may push and call. */
    interface Global {
        /** {@code module.name}. */
        String name();

        /**
         * {@code REDUCE}: the result of calling the global with positional {@code args}.
         *
         * @throws PickleRefusal if the call is not allowed or the arguments are not plain data of the right form
         */
        Object call(Object[] args);

        /** {@code NEWOBJ}: {@code cls.__new__(cls, *args)}; only classes support it. */
        default Object newObject(Object[] args) {
            throw new PickleRefusal(name() + " is not a class that NEWOBJ may instantiate");
        }
    }

    /** An error found while interpreting the pickle; the unpickler adds the file and byte position. */
    static final class PickleRefusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PickleRefusal(String message) {
            super(message);
        }
    }

    /** The dtype tag {@code torch.<Type>Storage}: valid only inside a storage persistent id. */
    record StorageType(TorchDType dtype) implements Global {
        @Override
        public String name() {
            return "torch." + dtype.storageClass();
        }

        @Override
        public Object call(Object[] args) {
            throw new PickleRefusal("calling " + name() + " is not allowed (storages come only from persistent ids)");
        }
    }

    private static final Map<String, Global> ALLOWED = buildAllowlist();

    /** The allowlist in one line, for error messages. */
    static final String SUMMARY = "collections.OrderedDict, torch._utils._rebuild_tensor_v2,"
            + " torch._utils._rebuild_parameter(_with_state), torch.{Float,Half,BFloat16,Double,Long,Int,Short,Char,"
            + "Byte,Bool}Storage, argparse.Namespace, _codecs.encode, builtins.set/frozenset";

    /** Storage classes torch can write that EgoLens does not decode; named so the error says "unsupported". */
    private static final Set<String> UNSUPPORTED_STORAGES = Set.of("ComplexFloatStorage", "ComplexDoubleStorage",
            "QInt8Storage", "QUInt8Storage", "QInt32Storage", "QUInt4x2Storage", "QUInt2x4Storage", "UntypedStorage");

    /** The allowed global {@code module.name}, or {@code null} when it is not on the allowlist. */
    static Global lookup(String module, String name) {
        return ALLOWED.get(module + "." + name);
    }

    /** All allowed names, sorted (for error messages and documentation). */
    static List<String> allowedNames() {
        List<String> names = new ArrayList<>(ALLOWED.keySet());
        Collections.sort(names);
        return names;
    }

    /** True for a torch storage class that exists but whose dtype EgoLens cannot decode (complex, quantized …). */
    static boolean isUnsupportedStorage(String module, String name) {
        return "torch".equals(module) && UNSUPPORTED_STORAGES.contains(name);
    }

    private static Map<String, Global> buildAllowlist() {
        Map<String, Global> m = new LinkedHashMap<>();
        put(m, new Global() {
            @Override
            public String name() {
                return "collections.OrderedDict";
            }

            @Override
            public Object call(Object[] args) {
                return orderedDict(args);
            }

            @Override
            public Object newObject(Object[] args) {
                return orderedDict(args);
            }
        });
        put(m, named("torch._utils._rebuild_tensor_v2", PickleGlobals::rebuildTensorV2));
        put(m, named("torch._utils._rebuild_parameter", args -> rebuildParameter(args, 3)));
        put(m, named("torch._utils._rebuild_parameter_with_state", args -> rebuildParameter(args, 4)));
        for (TorchDType d : TorchDType.values()) {
            put(m, new StorageType(d));
        }
        put(m, new Global() {
            @Override
            public String name() {
                return "argparse.Namespace";
            }

            @Override
            public Object call(Object[] args) {
                return newObject(args);
            }

            @Override
            public Object newObject(Object[] args) {
                if (args.length != 0) {
                    throw new PickleRefusal("argparse.Namespace takes no positional arguments, got " + args.length);
                }
                return new PickledObject(name(), new LinkedHashMap<>());
            }
        });
        put(m, named("_codecs.encode", PickleGlobals::codecsEncode));
        for (String module : List.of("builtins", "__builtin__")) {
            put(m, named(module + ".set", args -> set(args, module + ".set", false)));
            put(m, named(module + ".frozenset", args -> set(args, module + ".frozenset", true)));
        }
        return Collections.unmodifiableMap(m);
    }

    private static void put(Map<String, Global> m, Global g) {
        m.put(g.name(), g);
    }

    private interface Call {
        Object apply(Object[] args);
    }

    private static Global named(String name, Call call) {
        return new Global() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Object call(Object[] args) {
                return call.apply(args);
            }
        };
    }

    /** {@code OrderedDict()} or {@code OrderedDict([(k, v), …])}. */
    private static Object orderedDict(Object[] args) {
        LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
        if (args.length == 0) {
            return map;
        }
        if (args.length == 1 && args[0] instanceof Collection<?> pairs) {
            for (Object p : pairs) {
                Object[] kv = tupleOf(p, "OrderedDict item");
                if (kv.length != 2) {
                    throw new PickleRefusal("OrderedDict item must be a (key, value) pair, got " + kv.length
                            + " elements");
                }
                map.put(kv[0], kv[1]);
            }
            return map;
        }
        throw new PickleRefusal("collections.OrderedDict called with unsupported arguments");
    }

    /**
     * {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}.
     * {@code requires_grad}, the (always empty) hooks and the metadata do not change the values and are dropped.
     */
    private static Object rebuildTensorV2(Object[] args) {
        if (args.length != 6 && args.length != 7) {
            throw new PickleRefusal("torch._utils._rebuild_tensor_v2 expects 6 or 7 arguments, got " + args.length);
        }
        if (!(args[0] instanceof StorageRef storage)) {
            throw new PickleRefusal("torch._utils._rebuild_tensor_v2: first argument must be a storage, got "
                    + typeName(args[0]));
        }
        long offset = toLong(args[1], "storage_offset");
        long[] size = longTuple(args[2], "size");
        long[] stride = longTuple(args[3], "stride");
        try {
            return new TensorRef(storage, offset, size, stride);
        } catch (IllegalArgumentException e) {
            throw new PickleRefusal("invalid tensor in storage " + storage.key() + ": " + e.getMessage());
        }
    }

    /** {@code _rebuild_parameter(data, requires_grad, backward_hooks[, state])}: the tensor itself. */
    private static Object rebuildParameter(Object[] args, int expected) {
        if (args.length != expected) {
            throw new PickleRefusal("torch._utils._rebuild_parameter" + (expected == 4 ? "_with_state" : "")
                    + " expects " + expected + " arguments, got " + args.length);
        }
        if (!(args[0] instanceof TensorRef)) {
            throw new PickleRefusal("a Parameter must wrap a tensor, got " + typeName(args[0]));
        }
        return args[0];
    }

    /** {@code _codecs.encode(text, 'latin1')}: protocol 2's spelling of a {@code bytes} object. */
    private static Object codecsEncode(Object[] args) {
        if (args.length != 2 || !(args[0] instanceof String text) || !(args[1] instanceof String enc)) {
            throw new PickleRefusal("_codecs.encode expects (str, encoding)");
        }
        String e = enc.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (!e.equals("latin1") && !e.equals("latin-1") && !e.equals("iso-8859-1")) {
            throw new PickleRefusal("_codecs.encode with encoding '" + enc + "' is not supported (only latin1)");
        }
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (c > 0xff) {
                throw new PickleRefusal("_codecs.encode: character U+" + Integer.toHexString(c)
                        + " is not latin1");
            }
            out[i] = (byte) c;
        }
        return out;
    }

    private static Object set(Object[] args, String name, boolean frozen) {
        Set<Object> s = new LinkedHashSet<>();
        if (args.length == 1 && args[0] instanceof Collection<?> items) {
            s.addAll(items);
        } else if (args.length != 0) {
            throw new PickleRefusal(name + " expects at most one list argument");
        }
        return frozen ? Collections.unmodifiableSet(s) : s;
    }

    /** A pickled int as a long (Pyrolite gives Integer, Long or BigInteger). */
    static long toLong(Object o, String what) {
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        if (o instanceof BigInteger b) {
            if (b.bitLength() < 64) {
                return b.longValue();
            }
            throw new PickleRefusal(what + " does not fit in 64 bits: " + b);
        }
        throw new PickleRefusal(what + " must be an int, got " + typeName(o));
    }

    static Object[] tupleOf(Object o, String what) {
        if (o instanceof Object[] a) {
            return a;
        }
        if (o instanceof List<?> l) {
            return l.toArray();
        }
        throw new PickleRefusal(what + " must be a tuple, got " + typeName(o));
    }

    private static long[] longTuple(Object o, String what) {
        Object[] a = tupleOf(o, what);
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = toLong(a[i], what + "[" + i + "]");
        }
        return r;
    }

    static String typeName(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Global g) {
            return "global " + g.name();
        }
        if (o instanceof Object[]) {
            return "tuple";
        }
        return o.getClass().getSimpleName();
    }
}
