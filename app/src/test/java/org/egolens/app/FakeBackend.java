package org.egolens.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.egolens.app.backend.Backend;
import org.egolens.app.backend.FeatureEncoder;
import org.egolens.model.api.ModelDescriptor;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.retrieval.fakes.FakeVideoSource;
import org.egolens.model.retrieval.fakes.FakeVideoTextModel;
import org.egolens.model.tokenize.Tokenizer;

/**
 * Test backend over the fake decoder and fake dual encoder. Presets {@code tiny} and {@code fake} exist (different
 * config hashes); anything else is "unknown". Folders are scanned for {@code *.mp4} (any case).
 */
public final class FakeBackend implements Backend {
    public final FakeVideoSource source = new FakeVideoSource();
    public final List<FakeVideoTextModel> models = new CopyOnWriteArrayList<>();

    /** The descriptor of a preset at T frames. */
    public static ModelDescriptor descriptor(String preset, int frames) {
        return new ModelDescriptor(preset, "fake-" + preset, frames, 32, 16);
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public FakeVideoSource videoSource() {
        return source;
    }

    @Override
    public VideoTextModel openModel(String preset, int frames) throws IOException {
        if (!preset.equals("tiny") && !preset.equals("fake")) {
            throw new IOException("unknown model preset '" + preset + "' (and no such folder)");
        }
        FakeVideoTextModel m = new FakeVideoTextModel(descriptor(preset, frames));
        models.add(m);
        return m;
    }

    @Override
    public FeatureEncoder openEncoder(String preset, int frames) throws IOException {
        FakeVideoTextModel m = (FakeVideoTextModel) openModel(preset, frames);
        return new FeatureEncoder() {
            @Override
            public ModelDescriptor descriptor() {
                return m.descriptor();
            }

            @Override
            public Tokenizer tokenizer() {
                return TOKENIZER;
            }

            @Override
            public float[][] videoFeatures(FrameBatch frames) {
                return m.rawVideoFeatures(frames);
            }

            @Override
            public float[][] textFeatures(long[][] ids) {
                List<String> texts = new ArrayList<>();
                for (long[] row : ids) {
                    if (row.length != 77) {
                        throw new IllegalArgumentException("expected 77 tokens, got " + row.length);
                    }
                    texts.add(TOKENIZER.decode(row));
                }
                return m.rawTextFeatures(texts);
            }

            @Override
            public void close() {
                m.close();
            }
        };
    }

    @Override
    public List<ClipWindow> scanFolder(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp4")).sorted()
                    .map(p -> {
                        String n = p.getFileName().toString();
                        return ClipWindow.whole(n.substring(0, n.length() - 4), p);
                    }).toList();
        }
    }

    /** A reversible toy tokenizer: characters as ids + 1, padded with 0 to 77. */
    public static final FakeTokenizer TOKENIZER = new FakeTokenizer();

    /** See {@link #TOKENIZER}. */
    public static final class FakeTokenizer implements Tokenizer {
        @Override
        public long[][] encode(List<String> texts) {
            long[][] out = new long[texts.size()][77];
            for (int i = 0; i < texts.size(); i++) {
                String t = texts.get(i);
                for (int j = 0; j < Math.min(77, t.length()); j++) {
                    out[i][j] = t.charAt(j) + 1;
                }
            }
            return out;
        }

        /** Inverse of {@link #encode} for one row. */
        public String decode(long[] row) {
            StringBuilder sb = new StringBuilder();
            for (long id : row) {
                if (id == 0) {
                    break;
                }
                sb.append((char) (id - 1));
            }
            return sb.toString();
        }

        @Override
        public int contextLength() {
            return 77;
        }

        @Override
        public int vocabularySize() {
            return Character.MAX_VALUE + 2;
        }

        @Override
        public String toString() {
            return "FakeTokenizer" + Arrays.toString(new int[] {77});
        }
    }
}
