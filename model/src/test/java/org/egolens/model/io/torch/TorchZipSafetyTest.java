package org.egolens.model.io.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint must never be able to run code or escape its archive: hand-built malicious pickles and zips are refused
 * with the offending global or entry named, and their payload never takes effect.
 */
class TorchZipSafetyTest {
    @TempDir
    Path dir;

    private Path torchZip(String name, byte[] pickle) throws IOException {
        return TorchZips.torch(pickle, Map.of()).write(dir.resolve(name));
    }

    /** Policy lock: widening the allowlist must be a deliberate, reviewed change of this list. */
    @Test
    void allowlistIsExactlyTheStateDictGlobals() {
        assertEquals(List.of("__builtin__.frozenset", "__builtin__.set", "_codecs.encode", "argparse.Namespace",
                "builtins.frozenset", "builtins.set", "collections.OrderedDict", "torch.BFloat16Storage",
                "torch.BoolStorage", "torch.ByteStorage", "torch.CharStorage", "torch.DoubleStorage",
                "torch.FloatStorage", "torch.HalfStorage", "torch.IntStorage", "torch.LongStorage",
                "torch.ShortStorage", "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state",
                "torch._utils._rebuild_tensor_v2"), PickleGlobals.allowedNames());
    }

    /**
     * The classic exploit, byte for byte what {@code pickle.dumps(obj, protocol=2)} writes for an object whose
     * {@code __reduce__} returns {@code (os.system, ('touch <marker>',))} on Linux.
     */
    @Test
    void osSystemViaGlobalAndReduceIsRefusedAndNeverRuns() throws IOException {
        Path marker = dir.resolve("pwned-marker");
        byte[] pickle = new PickleOps().proto(2)
                .global("posix", "system").binput(0)
                .str("touch " + marker).binput(1)
                .tuple1().binput(2)
                .reduce().binput(3)
                .stop().toByteArray();
        Path file = torchZip("evil.pt", pickle);

        ForbiddenGlobalException e = assertThrows(ForbiddenGlobalException.class,
                () -> TorchZipReader.readStateDict(file));
        assertEquals("posix.system", e.global());
        assertTrue(e.getMessage().contains("'posix.system'"), e.getMessage());
        assertTrue(e.getMessage().contains("evil.pt"), e.getMessage());
        assertTrue(e.getMessage().contains("malicious"), e.getMessage());
        assertFalse(Files.exists(marker), "the payload must never run");
    }

    /** Protocol 4 spelling: SHORT_BINUNICODE 'builtins', SHORT_BINUNICODE 'eval', STACK_GLOBAL. */
    @Test
    void builtinsEvalViaStackGlobalIsRefused() throws IOException {
        byte[] pickle = new PickleOps().proto(4)
                .shortStr("builtins").shortStr("eval").stackGlobal()
                .shortStr("__import__('os').system('true')").tuple1().reduce()
                .stop().toByteArray();
        ForbiddenGlobalException e = assertThrows(ForbiddenGlobalException.class,
                () -> TorchZipReader.open(torchZip("eval.pt", pickle)));
        assertEquals("builtins.eval", e.global());
    }

    /** Protocol 0 spelling: MARK, the argument, INST '__builtin__' 'exec'. */
    @Test
    void builtinExecViaInstIsRefused() throws IOException {
        byte[] pickle = new PickleOps().mark().str("import os").inst("__builtin__", "exec").stop().toByteArray();
        ForbiddenGlobalException e = assertThrows(ForbiddenGlobalException.class,
                () -> TorchZipReader.open(torchZip("exec.pt", pickle)));
        assertEquals("__builtin__.exec", e.global());
    }

    /** A forbidden global hidden inside an otherwise valid state dict, after a real tensor, is still refused. */
    @Test
    void forbiddenGlobalAfterValidTensorsIsRefused() throws IOException {
        byte[] pickle = new PickleOps().proto(2)
                .global("collections", "OrderedDict").emptyTuple().reduce()
                .mark()
                .str("w").contiguousTensor("FloatStorage", "0", 2)
                .str("payload").global("subprocess", "check_output").mark().str("id").tuple().tuple1().reduce()
                .setitems().stop().toByteArray();
        Path file = TorchZips.torch(pickle, Map.of("0", TorchZips.f32(1f, 2f))).write(dir.resolve("mixed.pt"));
        ForbiddenGlobalException e = assertThrows(ForbiddenGlobalException.class,
                () -> TorchZipReader.readStateDict(file));
        assertEquals("subprocess.check_output", e.global());
    }

    /** A whole pickled model (torch.save(model)) names its class: refused, with advice to save state_dict(). */
    @Test
    void pickledModelClassIsRefusedWithAdvice() throws IOException {
        byte[] pickle = new PickleOps().proto(2)
                .global("eva_clip.model", "CustomCLIP").emptyTuple().newObj()
                .emptyDict().build().stop().toByteArray();
        ForbiddenGlobalException e = assertThrows(ForbiddenGlobalException.class,
                () -> TorchZipReader.open(torchZip("whole_model.pt", pickle)));
        assertEquals("eva_clip.model.CustomCLIP", e.global());
        assertTrue(e.getMessage().contains("state_dict()"), e.getMessage());
    }

    /** Extension codes resolve globals through copyreg's registry, so they are refused outright. */
    @Test
    void extensionOpcodeIsRefused() throws IOException {
        byte[] pickle = new PickleOps().proto(2).ext1(1).emptyTuple().reduce().stop().toByteArray();
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> TorchZipReader.open(torchZip("ext.pt", pickle)));
        assertTrue(e.getMessage().contains("EXT1"), e.getMessage());
    }

    /** Calling an allowed storage type, or BUILD on a tensor, is not plain data and is refused. */
    @Test
    void misusingAllowedGlobalsIsRefused() throws IOException {
        byte[] callStorage = new PickleOps().proto(2).global("torch", "FloatStorage").mark().integer(3).tuple()
                .reduce().stop().toByteArray();
        CheckpointFormatException e1 = assertThrows(CheckpointFormatException.class,
                () -> TorchZipReader.open(torchZip("call.pt", callStorage)));
        assertTrue(e1.getMessage().contains("torch.FloatStorage"), e1.getMessage());

        byte[] buildOnTensor = new PickleOps().proto(2).contiguousTensor("FloatStorage", "0", 1)
                .emptyDict().build().stop().toByteArray();
        Path f = TorchZips.torch(buildOnTensor, Map.of("0", TorchZips.f32(1f))).write(dir.resolve("build.pt"));
        CheckpointFormatException e2 = assertThrows(CheckpointFormatException.class, () -> TorchZipReader.open(f));
        assertTrue(e2.getMessage().contains("BUILD"), e2.getMessage());
    }

    /** A length prefix far beyond the pickle's size is refused before anything is allocated. */
    @Test
    void hugeDeclaredStringLengthIsRefused() throws IOException {
        byte[] pickle = new PickleOps().proto(2).raw('X').bytes(PickleOps.le32(Integer.MAX_VALUE - 16)).raw('a', '.')
                .toByteArray();
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> TorchZipReader.open(torchZip("long.pt", pickle)));
        assertTrue(e.getMessage().contains("declares"), e.getMessage());
    }

    @Test
    void truncatedPickleIsReportedAsMalformed() throws IOException {
        byte[] pickle = new PickleOps().proto(2).emptyDict().mark().str("a").toByteArray(); // no SETITEMS, no STOP
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> TorchZipReader.open(torchZip("cut.pt", pickle)));
        assertTrue(e.getMessage().contains("cut.pt") && e.getMessage().contains("malformed"), e.getMessage());
    }

    @Test
    void zipEntryWithParentSegmentIsRefused() throws IOException {
        byte[] pickle = new PickleOps().proto(2).emptyDict().stop().toByteArray();
        Path file = TorchZips.torch(pickle, Map.of()).entry("archive/../../escape.sh", "rm -rf ~")
                .write(dir.resolve("dotdot.pt"));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> TorchZipReader.open(file));
        assertTrue(e.getMessage().contains("archive/../../escape.sh"), e.getMessage());
        assertTrue(e.getMessage().contains(".."), e.getMessage());
    }

    @Test
    void absoluteZipEntryIsRefused() throws IOException {
        byte[] pickle = new PickleOps().proto(2).emptyDict().stop().toByteArray();
        Path file = TorchZips.torch(pickle, Map.of()).entry("/etc/cron.d/x", "* * * * * root true")
                .write(dir.resolve("abs.pt"));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> TorchZipReader.open(file));
        assertTrue(e.getMessage().contains("/etc/cron.d/x") && e.getMessage().contains("absolute"), e.getMessage());
    }

    /** A storage key with a path in it is refused (storage keys name entries below data/). */
    @Test
    void storageKeyWithPathIsRefused() throws IOException {
        byte[] pickle = new PickleOps().proto(2).contiguousTensor("FloatStorage", "../version", 1).stop()
                .toByteArray();
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> TorchZipReader.open(torchZip("key.pt", pickle)));
        assertTrue(e.getMessage().contains("invalid storage key"), e.getMessage());
    }
}
