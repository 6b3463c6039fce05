package org.egolens.app.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.egolens.app.workspace.WorkspaceSpec;
import org.egolens.model.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The most recently opened workspaces, newest first, kept in {@code <egolens home>/recent-workspaces.json}:
 * {@code {"version": 1, "workspaces": [{"kind": "folder"|"annotations", "path": ..., "video_root": ...}]}}.
 * An unreadable file is logged and treated as empty (it is rewritten on the next {@link #add}).
 */
public final class RecentWorkspaces {
    private static final Logger LOG = LoggerFactory.getLogger(RecentWorkspaces.class);
    /** How many are kept. */
    public static final int MAX = 10;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    /** The list stored in {@code home}. */
    public RecentWorkspaces(Path home) {
        this.file = home.resolve("recent-workspaces.json");
    }

    /** The settings file. */
    public Path file() {
        return file;
    }

    /** Newest first (including ones that no longer exist; see {@link WorkspaceSpec#exists()}). */
    public List<WorkspaceSpec> list() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<WorkspaceSpec> out = new ArrayList<>();
        try {
            JsonNode root = JSON.readTree(file.toFile());
            for (JsonNode w : root.path("workspaces")) {
                String kind = w.path("kind").asText();
                Path p = Path.of(w.path("path").asText());
                if ("annotations".equals(kind) && w.hasNonNull("video_root")) {
                    out.add(WorkspaceSpec.annotations(p, Path.of(w.get("video_root").asText())));
                } else if ("folder".equals(kind)) {
                    out.add(WorkspaceSpec.folder(p));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable recent workspaces file {}: {}", file, e.getMessage());
            return List.of();
        }
        return out;
    }

    /**
     * Puts {@code spec} first (removing an older copy), keeps {@link #MAX}, and saves atomically.
     *
     * @return the new list
     * @throws IOException if the file cannot be written
     */
    public List<WorkspaceSpec> add(WorkspaceSpec spec) throws IOException {
        List<WorkspaceSpec> l = new ArrayList<>(list());
        l.remove(spec);
        l.add(0, spec);
        while (l.size() > MAX) {
            l.remove(l.size() - 1);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ArrayNode arr = root.putArray("workspaces");
        for (WorkspaceSpec w : l) {
            ObjectNode o = arr.addObject();
            o.put("kind", w.kind() == WorkspaceSpec.Kind.FOLDER ? "folder" : "annotations");
            o.put("path", w.path().toString());
            if (w.videoRoot() != null) {
                o.put("video_root", w.videoRoot().toString());
            }
        }
        Files.createDirectories(file.getParent());
        Path tmp = AtomicFiles.createTemp(file.getParent(), ".recent", ".tmp");
        try {
            Files.writeString(tmp, JSON.writeValueAsString(root));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return List.copyOf(l);
    }
}
