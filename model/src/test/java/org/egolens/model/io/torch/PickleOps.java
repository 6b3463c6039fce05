package org.egolens.model.io.torch;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Test helper: assembles pickle bytes opcode by opcode, so tests can build exactly the pickles torch (or an attacker)
 * would write without Python. Each method emits one opcode, named with its byte in the Javadoc; the semantics are those
 * of CPython's {@code pickletools} documentation.
 */
final class PickleOps {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** PROTO (0x80) n: the pickle protocol version, first opcode of protocol 2+ pickles. */
    PickleOps proto(int n) {
        return raw(0x80, n);
    }

    /** GLOBAL ('c', 0x63) "module\nname\n": pushes the global {@code module.name}. */
    PickleOps global(String module, String name) {
        raw('c');
        return text(module + "\n" + name + "\n");
    }

    /** SHORT_BINUNICODE (0x8c) len:u8 utf8: pushes a str (protocol 4). */
    PickleOps shortStr(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        raw(0x8c, b.length);
        return bytes(b);
    }

    /** STACK_GLOBAL (0x93): pops name and module strings, pushes the global (protocol 4). */
    PickleOps stackGlobal() {
        return raw(0x93);
    }

    /** INST ('i', 0x69) "module\nname\n": pops the items above MARK and pushes {@code module.name(*items)}. */
    PickleOps inst(String module, String name) {
        raw('i');
        return text(module + "\n" + name + "\n");
    }

    /** MARK ('(', 0x28): pushes a mark for TUPLE, SETITEMS, APPENDS, INST … */
    PickleOps mark() {
        return raw('(');
    }

    /** TUPLE ('t', 0x74): pops the items above MARK, pushes them as a tuple. */
    PickleOps tuple() {
        return raw('t');
    }

    /** EMPTY_TUPLE (')', 0x29): pushes (). */
    PickleOps emptyTuple() {
        return raw(')');
    }

    /** TUPLE1 (0x85): pops one item, pushes a 1-tuple. */
    PickleOps tuple1() {
        return raw(0x85);
    }

    /** TUPLE2 (0x86): pops two items, pushes a 2-tuple. */
    PickleOps tuple2() {
        return raw(0x86);
    }

    /** BINUNICODE ('X', 0x58) len:u32le utf8: pushes a str. */
    PickleOps str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        raw('X');
        bytes(le32(b.length));
        return bytes(b);
    }

    /**
     * An int: BININT1 ('K', 0x4b) u8 for 0..255, BININT2 ('M', 0x4d) u16le for 0..65535, else BININT ('J', 0x4a)
     * s32le.
     */
    PickleOps integer(long v) {
        if (v >= 0 && v < 256) {
            return raw('K', (int) v);
        }
        if (v >= 0 && v < 65536) {
            return raw('M', (int) v & 0xff, (int) (v >>> 8));
        }
        raw('J');
        return bytes(le32(Math.toIntExact(v)));
    }

    /** BINFLOAT ('G', 0x47) f64be: pushes a float. */
    PickleOps binfloat(double v) {
        raw('G');
        return bytes(ByteBuffer.allocate(8).putDouble(v).array());
    }

    /** NEWFALSE (0x89): pushes False. */
    PickleOps newFalse() {
        return raw(0x89);
    }

    /** NEWTRUE (0x88): pushes True. */
    PickleOps newTrue() {
        return raw(0x88);
    }

    /** NONE ('N', 0x4e): pushes None. */
    PickleOps none() {
        return raw('N');
    }

    /** REDUCE ('R', 0x52): pops an argument tuple and a callable, pushes {@code callable(*args)}. */
    PickleOps reduce() {
        return raw('R');
    }

    /** NEWOBJ (0x81): pops an argument tuple and a class, pushes {@code cls.__new__(cls, *args)}. */
    PickleOps newObj() {
        return raw(0x81);
    }

    /** BUILD ('b', 0x62): pops a state and sets it on the object below (e.g. {@code __dict__.update}). */
    PickleOps build() {
        return raw('b');
    }

    /** BINPERSID ('Q', 0x51): pops a persistent id, pushes {@code persistent_load(pid)} (torch: a storage). */
    PickleOps binpersid() {
        return raw('Q');
    }

    /** EMPTY_DICT ('}', 0x7d): pushes {}. */
    PickleOps emptyDict() {
        return raw('}');
    }

    /** SETITEM ('s', 0x73): pops value and key, sets them on the dict below. */
    PickleOps setitem() {
        return raw('s');
    }

    /** SETITEMS ('u', 0x75): pops key/value pairs above MARK, sets them (in order) on the dict below. */
    PickleOps setitems() {
        return raw('u');
    }

    /** EMPTY_LIST (']', 0x5d): pushes []. */
    PickleOps emptyList() {
        return raw(']');
    }

    /** APPENDS ('e', 0x65): pops the items above MARK, appends them to the list below. */
    PickleOps appends() {
        return raw('e');
    }

    /** BINPUT ('q', 0x71) n:u8: stores the top of the stack in memo slot n. */
    PickleOps binput(int n) {
        return raw('q', n);
    }

    /** BINGET ('h', 0x68) n:u8: pushes memo slot n. */
    PickleOps binget(int n) {
        return raw('h', n);
    }

    /** EXT1 (0x82) code:u8: pushes the global registered under an extension code (copyreg). */
    PickleOps ext1(int code) {
        return raw(0x82, code);
    }

    /** STOP ('.', 0x2e): ends the pickle; the top of the stack is the result. */
    PickleOps stop() {
        return raw('.');
    }

    /**
     * The tensor encoding of {@code torch.save}: GLOBAL torch._utils._rebuild_tensor_v2, MARK, MARK 'storage'
     * GLOBAL torch.&lt;storageClass&gt; key 'cpu' numel TUPLE, BINPERSID, offset, MARK size… TUPLE, MARK stride… TUPLE,
     * NEWFALSE, GLOBAL collections.OrderedDict EMPTY_TUPLE REDUCE, TUPLE, REDUCE.
     */
    PickleOps tensor(String storageClass, String key, long numel, long offset, long[] size, long[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").mark();
        mark().str("storage").global("torch", storageClass).str(key).str("cpu").integer(numel).tuple();
        binpersid().integer(offset);
        mark();
        for (long s : size) {
            integer(s);
        }
        tuple().mark();
        for (long s : stride) {
            integer(s);
        }
        tuple().newFalse().global("collections", "OrderedDict").emptyTuple().reduce();
        return tuple().reduce();
    }

    /** A contiguous tensor of the given shape on its own storage (offset 0, row-major strides). */
    PickleOps contiguousTensor(String storageClass, String key, long... shape) {
        long[] stride = new long[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            stride[d] = s;
            s *= shape[d];
        }
        return tensor(storageClass, key, s, 0, shape, stride);
    }

    /** Raw bytes (for crafted or malformed pickles). */
    PickleOps raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    PickleOps bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    private PickleOps text(String s) {
        return bytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
