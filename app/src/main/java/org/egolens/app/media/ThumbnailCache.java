package org.egolens.app.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;
import org.egolens.model.data.VideoSource;
import org.egolens.model.io.AtomicFiles;
import org.egolens.viewer.ClipItem;
import org.egolens.viewer.ThumbnailProvider;

/**
 * Clip thumbnails decoded on two background threads, kept in a bounded in-memory LRU and, when a cache folder is set,
 * as PNG files ({@code <dir>/<sha256 of video|start|end>.png}) so that a reopened workspace shows them at once.
 * Concurrent requests for the same clip share one decode.
 */
public final class ThumbnailCache implements ThumbnailProvider, AutoCloseable {
    private final VideoSource source;
    private final int maxSide;
    private final int capacity;
    private final ExecutorService pool;
    private final Map<String, CompletableFuture<Image>> memory;
    private volatile Path diskDir;

    /**
     * @param maxSide  longer side of a thumbnail, pixels
     * @param capacity thumbnails kept in memory
     */
    public ThumbnailCache(VideoSource source, int maxSide, int capacity) {
        this.source = source;
        this.maxSide = maxSide;
        this.capacity = capacity;
        this.memory = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Image>> e) {
                return size() > ThumbnailCache.this.capacity;
            }
        };
        this.pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "egolens-thumbnails");
            t.setDaemon(true);
            return t;
        });
    }

    /** Where PNGs are cached (null: memory only). */
    public void setDiskDir(Path dir) {
        diskDir = dir;
    }

    @Override
    public CompletionStage<Image> thumbnail(ClipItem clip) {
        String key = clip.video() + "|" + clip.startSec() + "|" + clip.endSec() + "|" + maxSide;
        synchronized (memory) {
            CompletableFuture<Image> f = memory.get(key);
            if (f == null) {
                f = CompletableFuture.supplyAsync(() -> load(clip, key), pool);
                memory.put(key, f);
            }
            return f;
        }
    }

    private Image load(ClipItem clip, String key) {
        try {
            Path dir = diskDir;
            Path png = dir == null ? null : dir.resolve(sha(key) + ".png");
            if (png != null && Files.isRegularFile(png)) {
                BufferedImage cached = ImageIO.read(png.toFile());
                if (cached != null) {
                    return SwingFXUtils.toFXImage(cached, null);
                }
            }
            BufferedImage img = source.thumbnail(clip.window(), maxSide);
            if (png != null) {
                Files.createDirectories(dir);
                Path tmp = AtomicFiles.createTemp(dir, ".thumb", ".png");
                try {
                    ImageIO.write(img, "png", tmp.toFile());
                    Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            return SwingFXUtils.toFXImage(img, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
