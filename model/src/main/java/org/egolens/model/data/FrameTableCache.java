package org.egolens.model.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small LRU cache of frame tables, keyed by file, size and modification time (a rewritten file is re-indexed).
 * Thread-safe.
 */
final class FrameTableCache {
    /** Identity of one version of a file. */
    record Key(Path file, long size, long modifiedMillis) {}

    private final int capacity;
    private final Map<Key, FrameTable> map;

    /** @param capacity tables kept (0 disables caching) */
    FrameTableCache(int capacity) {
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, FrameTable> eldest) {
                return size() > FrameTableCache.this.capacity;
            }
        };
    }

    /** The key of the file as it is now. */
    static Key key(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        return new Key(abs, Files.size(abs), Files.getLastModifiedTime(abs).toMillis());
    }

    /** The cached table, or null. */
    FrameTable get(Key key) {
        synchronized (map) {
            return map.get(key);
        }
    }

    void put(Key key, FrameTable table) {
        if (capacity <= 0) {
            return;
        }
        synchronized (map) {
            map.put(key, table);
        }
    }
}
