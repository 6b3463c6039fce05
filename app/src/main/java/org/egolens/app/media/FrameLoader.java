package org.egolens.app.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import org.egolens.model.data.VideoSource;
import org.egolens.viewer.ClipItem;
import org.egolens.viewer.FrameProvider;

/**
 * Decodes player frames with {@link VideoSource#frameByIndex} on one background thread, keeping the last few frames so
 * stepping back and forth does not decode twice.
 */
public final class FrameLoader implements FrameProvider, AutoCloseable {
    private static final int KEEP = 48;
    private final VideoSource source;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "egolens-frames");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Image> recent = new LinkedHashMap<>(KEEP, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Image> e) {
            return size() > KEEP;
        }
    };

    /** Frames from {@code source}. */
    public FrameLoader(VideoSource source) {
        this.source = source;
    }

    @Override
    public CompletionStage<Image> frame(ClipItem clip, long frameIndex) {
        String key = clip.video() + "#" + frameIndex;
        synchronized (recent) {
            Image hit = recent.get(key);
            if (hit != null) {
                return CompletableFuture.completedFuture(hit);
            }
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                Image img = SwingFXUtils.toFXImage(source.frameByIndex(clip.video(), frameIndex), null);
                synchronized (recent) {
                    recent.put(key, img);
                }
                return img;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, worker);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
