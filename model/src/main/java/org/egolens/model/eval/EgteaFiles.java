package org.egolens.model.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Readers for EGTEA Gaze+ {@code action_idx.txt} and the split files (docs §5.4). Blank lines are skipped. */
public final class EgteaFiles {
    private EgteaFiles() {}

    /**
     * Reads {@code action_idx.txt}: each line is a name (which may contain spaces) and, last, its action number.
     *
     * @throws IOException if unreadable, or a line lacks a number or repeats one (names the file and line)
     */
    public static List<EgteaAction> readActions(Path file) throws IOException {
        List<EgteaAction> out = new ArrayList<>();
        Map<Integer, Integer> seen = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            int id;
            try {
                id = Integer.parseInt(line.substring(space + 1));
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (i + 1) + ": expected 'Action_Name idx', found '" + line + "'", e);
            }
            if (space < 0) {
                throw new IOException(file + " line " + (i + 1) + ": action " + id + " has no name");
            }
            if (seen.putIfAbsent(id, i + 1) != null) {
                throw new IOException(file + " line " + (i + 1) + ": repeats action " + id + " of line " + seen.get(id));
            }
            out.add(new EgteaAction(out.size(), id, line.substring(0, space).strip()));
        }
        return List.copyOf(out);
    }

    /**
     * Reads a split file ({@code clip_id action_idx verb_idx noun_idx} per line).
     *
     * @throws IOException if unreadable or a line is malformed (names the file and line)
     */
    public static List<EgteaClip> readSplit(Path file) throws IOException {
        List<EgteaClip> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 4) {
                throw new IOException(file + " line " + (i + 1) + ": expected 'clip_id action verb noun', found '" + line + "'");
            }
            try {
                out.add(new EgteaClip(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]), i + 1));
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (i + 1) + ": non-integer index in '" + line + "'", e);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The class column (action position in {@code action_idx.txt}) of each clip.
     *
     * @throws IllegalArgumentException if a clip names an action number that is not in {@code actions}
     */
    public static int[] classIndices(List<EgteaClip> clips, List<EgteaAction> actions) {
        Map<Integer, Integer> index = new HashMap<>();
        for (EgteaAction a : actions) {
            index.put(a.id(), a.index());
        }
        int[] out = new int[clips.size()];
        for (int i = 0; i < out.length; i++) {
            Integer c = index.get(clips.get(i).actionId());
            if (c == null) {
                throw new IllegalArgumentException("clip " + clips.get(i).clipId() + " (line " + clips.get(i).line()
                        + ") names unknown action " + clips.get(i).actionId());
            }
            out[i] = c;
        }
        return out;
    }
}
