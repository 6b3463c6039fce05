package org.egolens.model.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the vocabulary is looked for: model folder, then the workspace's own merge file, then the home folder. */
class ClipVocabularyLocatorTest {
    @TempDir
    Path tmp;
    private String oldHome;

    @BeforeEach
    void isolate() throws IOException {
        Assumptions.assumeTrue(System.getenv(ClipVocabularyLocator.ENV) == null, "EGOLENS_CLIP_VOCAB is set");
        oldHome = System.getProperty("egolens.home");
        System.setProperty("egolens.home", Files.createDirectories(tmp.resolve("home")).toString());
        System.clearProperty(ClipVocabularyLocator.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (oldHome == null) {
            System.clearProperty("egolens.home");
        } else {
            System.setProperty("egolens.home", oldHome);
        }
        System.clearProperty(ClipVocabularyLocator.PROPERTY);
    }

    @Test
    void workspaceMergeFileIsFoundAndLoaded() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        BpeTrainer.write(ws.resolve(ClipBpeTokenizer.WORKSPACE_VOCAB_FILE_NAME),
                BpeTrainer.learn(List.of("pick up cup", "put down cup"), 50, 1), "test");
        assertEquals(Optional.of(ws.resolve("bpe_vocab.txt.gz")), ClipVocabularyLocator.find(null, ws));
        assertEquals(Optional.empty(), ClipVocabularyLocator.find(null, null).filter(p -> p.startsWith(tmp)));
        ClipBpeTokenizer tok = ClipVocabularyLocator.load(null, ws);
        assertEquals(1, tok.bpeIds("cup").length);
        assertEquals(tok.vocabulary().size() - 1, tok.endOfTextId());
    }

    @Test
    void modelFolderComesBeforeTheWorkspaceAndClipsNameBeforeTheOwnFile() throws IOException {
        Path model = Files.createDirectories(tmp.resolve("model"));
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        BpeTrainer.write(ws.resolve("bpe_vocab.txt.gz"), List.of(), "ws");
        BpeTrainer.write(model.resolve("bpe_vocab.txt.gz"), List.of(), "model");
        assertEquals(Optional.of(model.resolve("bpe_vocab.txt.gz")), ClipVocabularyLocator.find(model, ws));
        BpeTrainer.write(model.resolve(ClipBpeTokenizer.VOCAB_FILE_NAME), List.of(), "stands in for CLIP's");
        assertEquals(Optional.of(model.resolve(ClipBpeTokenizer.VOCAB_FILE_NAME)), ClipVocabularyLocator.find(model, ws));
        List<Path> c = ClipVocabularyLocator.candidates(model, ws);
        assertTrue(c.indexOf(model) < c.indexOf(ws) && c.indexOf(ws) < c.indexOf(tmp.resolve("home")), c.toString());
    }

    @Test
    void homeFolderIsSearchedForClipsFileOnly() throws IOException {
        Path home = tmp.resolve("home");
        BpeTrainer.write(home.resolve("bpe_vocab.txt.gz"), List.of(), "not CLIP");
        assertEquals(Optional.empty(), ClipVocabularyLocator.find(null, null).filter(p -> p.startsWith(tmp)));
    }

    @Test
    void missingEverywhereListsTheWorkspace() {
        Path ws = tmp.resolve("empty-ws");
        Assumptions.assumeTrue(ClipVocabularyLocator.find(null, ws).isEmpty(), "a CLIP vocabulary is installed");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ClipVocabularyLocator.load(null, ws));
        assertTrue(e.getMessage().contains(ws.toString()), e.getMessage());
    }

    /** An explicit --vocab that does not exist is named as the error, even where another vocabulary could be found. */
    @Test
    void aGivenVocabularyThatDoesNotExistIsRefusedByName() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        BpeTrainer.write(ws.resolve(ClipBpeTokenizer.WORKSPACE_VOCAB_FILE_NAME),
                BpeTrainer.learn(List.of("pick up cup", "put down cup"), 50, 1), "test");
        assertTrue(ClipVocabularyLocator.find(null, ws).isPresent(), "the workspace's own vocabulary is there");
        Path missing = tmp.resolve("nope.gz");
        System.setProperty(ClipVocabularyLocator.PROPERTY, missing.toString());
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ClipVocabularyLocator.load(null, ws));
        assertTrue(e.getMessage().contains(missing + ": the vocabulary file given with --vocab"), e.getMessage());
    }
}
