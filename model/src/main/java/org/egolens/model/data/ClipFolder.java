package org.egolens.model.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the videos in a folder tree and turns each into a whole-video {@link ClipWindow}.
 *
 * <p>Videos are regular files ending in {@code .mp4 .mkv .mov .webm .avi} (any letter case); hidden files (name
 * starting with a dot, e.g. unfinished {@link Mp4Writer} output) and hidden sub-folders are skipped. Clips are sorted by their path relative
 * to the folder ({@code /}-separated, ordinal order). The clip id is the file name without extension; where two files
 * share that stem, each of them gets its relative path without extension instead (and, should those collide too, the
 * relative path with extension), so ids are unique.
 */
public final class ClipFolder {
    /** Recognised video file extensions, lower case, without the dot. */
    public static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "mkv", "mov", "webm", "avi");

    private ClipFolder() {}

    /** True when the file name has a recognised video extension and is not hidden. */
    public static boolean isVideo(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0
                && VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Scans {@code folder} recursively.
     *
     * @return one whole-video window per video file, sorted by relative path; empty if there are none
     * @throws IOException if the folder does not exist, is not a folder, or cannot be read (names it)
     */
    public static List<ClipWindow> scan(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            throw new java.nio.file.NoSuchFileException(folder.toString(), null, "clip folder not found");
        }
        if (!Files.isDirectory(folder)) {
            throw new NotDirectoryException(folder.toString());
        }
        List<String> relative;
        try (Stream<Path> walk = Files.walk(folder)) {
            relative = walk.filter(Files::isRegularFile)
                    .filter(ClipFolder::isVideo)
                    .map(p -> folder.relativize(p).toString().replace(folder.getFileSystem().getSeparator(), "/"))
                    .filter(rel -> !rel.startsWith(".") && !rel.contains("/."))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (java.io.UncheckedIOException e) {
            throw new IOException("cannot scan clip folder " + folder + ": " + e.getCause().getMessage(), e.getCause());
        }
        Map<String, Integer> stemCount = count(relative, ClipFolder::stem);
        List<String> ids = new ArrayList<>(relative.size());
        for (String rel : relative) {
            ids.add(stemCount.get(stem(rel)) == 1 ? stem(rel) : withoutExtension(rel));
        }
        Map<String, Integer> idCount = count(ids, s -> s);
        List<ClipWindow> clips = new ArrayList<>(relative.size());
        for (int i = 0; i < relative.size(); i++) {
            String rel = relative.get(i);
            String id = idCount.get(ids.get(i)) == 1 ? ids.get(i) : rel;
            clips.add(ClipWindow.whole(id, folder.resolve(rel)));
        }
        return clips;
    }

    private static Map<String, Integer> count(List<String> items, java.util.function.Function<String, String> f) {
        Map<String, Integer> m = new HashMap<>();
        for (String s : items) {
            m.merge(f.apply(s), 1, Integer::sum);
        }
        return m;
    }

    private static String stem(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        return withoutExtension(name);
    }

    private static String withoutExtension(String name) {
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/');
        return dot > slash + 1 ? name.substring(0, dot) : name;
    }
}
