package org.egolens.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

class ProgressThrottleTest {
    /** A virtual clock with a queue of scheduled deliveries. */
    static final class VirtualTime implements ProgressThrottle.Scheduler {
        long now;
        record Job(long at, long seq, Runnable r) {}
        final PriorityQueue<Job> jobs = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at)
                : Long.compare(a.seq, b.seq));
        long seq;

        @Override
        public void schedule(Runnable r, long delayNanos) {
            jobs.add(new Job(now + delayNanos, seq++, r));
        }

        void advanceTo(long t) {
            while (!jobs.isEmpty() && jobs.peek().at <= t) {
                Job j = jobs.poll();
                now = Math.max(now, j.at);
                j.r.run();
            }
            now = t;
        }
    }

    @Test
    void atMostTenPerSecondAndTheLastValueArrives() {
        VirtualTime vt = new VirtualTime();
        List<Integer> got = new ArrayList<>();
        List<Long> when = new ArrayList<>();
        ProgressThrottle<Integer> t = new ProgressThrottle<>(100_000_000L, () -> vt.now, vt, v -> {
            got.add(v);
            when.add(vt.now);
        });
        // 1000 updates, one per millisecond, over one second
        for (int i = 1; i <= 1000; i++) {
            vt.advanceTo(i * 1_000_000L);
            t.submit(i);
        }
        vt.advanceTo(2_000_000_000L);
        assertTrue(got.size() <= 11 && got.size() >= 9, "deliveries: " + got.size());
        assertEquals(1000, got.get(got.size() - 1));
        for (int i = 1; i < when.size(); i++) {
            assertTrue(when.get(i) - when.get(i - 1) >= 100_000_000L, "gap " + (when.get(i) - when.get(i - 1)));
        }
        for (int i = 1; i < got.size(); i++) {
            assertTrue(got.get(i) > got.get(i - 1));
        }
    }

    @Test
    void flushDeliversPendingValueOnce() {
        VirtualTime vt = new VirtualTime();
        List<Integer> got = new ArrayList<>();
        ProgressThrottle<Integer> t = new ProgressThrottle<>(100_000_000L, () -> vt.now, vt, got::add);
        t.submit(1);
        vt.advanceTo(1);
        t.submit(2);
        t.flush();
        vt.advanceTo(1_000_000_000L);
        assertEquals(List.of(1, 2), got);
    }
}
