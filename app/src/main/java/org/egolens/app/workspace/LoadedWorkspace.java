package org.egolens.app.workspace;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.egolens.model.data.ClipWindow;
import org.egolens.viewer.ClipItem;

/**
 * A workspace's clips: as requested ({@code windows}, used for indexing) and as shown ({@code items}, probed, same
 * order).
 *
 * @param spec    what was opened
 * @param windows the clips as listed by the folder scan or the annotation file
 * @param items   the same clips with their frame geometry, or unreadable with the reason
 */
public record LoadedWorkspace(WorkspaceSpec spec, List<ClipWindow> windows, List<ClipItem> items) {
    /** Copies the lists; @throws IllegalArgumentException if their lengths differ */
    public LoadedWorkspace {
        windows = List.copyOf(windows);
        items = List.copyOf(items);
        if (windows.size() != items.size()) {
            throw new IllegalArgumentException(windows.size() + " windows but " + items.size() + " items");
        }
    }

    /** The windows of readable clips, for indexing. */
    public List<ClipWindow> readableWindows() {
        return java.util.stream.IntStream.range(0, items.size()).filter(i -> items.get(i).readable())
                .mapToObj(windows::get).toList();
    }

    /** Items by clip id. */
    public Map<String, ClipItem> itemsById() {
        Map<String, ClipItem> m = new HashMap<>();
        for (ClipItem c : items) {
            m.put(c.clipId(), c);
        }
        return m;
    }

    /** Readable clips. */
    public long readableCount() {
        return items.stream().filter(ClipItem::readable).count();
    }
}
