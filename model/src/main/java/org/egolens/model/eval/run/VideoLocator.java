package org.egolens.model.eval.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the video file of an annotation row under a video root. For a folder {@code sub} (EK-100: the participant,
 * EGTEA: the recipe session; may be null) and a file stem (EK-100: {@code video_id}, EGTEA: the clip id, Charades-Ego:
 * the video id, EgoMCQ: the {@code video_uid}) the first existing file of {@code <root>/<sub>/<stem>.mp4},
 * {@code .MP4}, {@code <root>/<stem>.mp4}, {@code .MP4} is used, else any file named {@code <stem>.mp4} (any case) at
 * most four folders below the root. When none exists the first candidate is returned, so that decoding reports the
 * file as missing. The root is walked at most once; results are cached. Not thread-safe.
 */
public final class VideoLocator {
    private static final int WALK_DEPTH = 4;
    private final Path root;
    private final Map<String, Path> found = new HashMap<>();
    private Map<String, Path> byStem;

    /** A locator below {@code root}. */
    public VideoLocator(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The video root. */
    public Path root() {
        return root;
    }

    /**
     * The video of {@code stem}, looked for in {@code sub} first.
     *
     * @param sub  sub-folder to try first, or null
     * @param stem file name without {@code .mp4}
     * @throws IOException if the root cannot be walked
     */
    public Path find(String sub, String stem) throws IOException {
        String key = sub + "/" + stem;
        Path hit = found.get(key);
        if (hit != null) {
            return hit;
        }
        Path base = sub == null || sub.isEmpty() ? root : root.resolve(sub);
        Path first = base.resolve(stem + ".mp4");
        for (Path c : List.of(first, base.resolve(stem + ".MP4"), root.resolve(stem + ".mp4"),
                root.resolve(stem + ".MP4"))) {
            if (Files.isRegularFile(c)) {
                found.put(key, c);
                return c;
            }
        }
        Path walked = stems().get(stem.toLowerCase(Locale.ROOT));
        Path result = walked != null ? walked : first;
        found.put(key, result);
        return result;
    }

    private Map<String, Path> stems() throws IOException {
        if (byStem == null) {
            byStem = new HashMap<>();
            if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.walk(root, WALK_DEPTH)) {
                    s.filter(Files::isRegularFile).sorted().forEach(p -> {
                        String n = p.getFileName().toString();
                        if (n.toLowerCase(Locale.ROOT).endsWith(".mp4")) {
                            byStem.putIfAbsent(n.substring(0, n.length() - 4).toLowerCase(Locale.ROOT), p);
                        }
                    });
                }
            }
        }
        return byStem;
    }
}
