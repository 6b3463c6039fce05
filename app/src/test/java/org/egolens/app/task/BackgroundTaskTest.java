package org.egolens.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class BackgroundTaskTest {
    private final CurrentThreadTaskExecutor exec = new CurrentThreadTaskExecutor();

    @Test
    void successDeliversProgressResultAndFinished() {
        List<String> events = new ArrayList<>();
        BackgroundTask.of("sum", ctx -> {
            int s = 0;
            for (int i = 1; i <= 4; i++) {
                s += i;
                ctx.updateProgress(i, 4);
            }
            ctx.updateMessage("done");
            return s;
        }).onProgress(p -> events.add(p.done() + "/" + p.total() + " " + p.fraction()))
                .onSuccess(v -> events.add("ok " + v)).onFailure(e -> events.add("fail"))
                .onFinished(() -> events.add("finished")).executeWith(exec);
        assertEquals(List.of("1/4 0.25", "2/4 0.5", "3/4 0.75", "4/4 1.0", "4/4 1.0", "ok 10", "finished"), events);
    }

    @Test
    void failureAndCancelGoToTheirCallbacks() {
        List<String> events = new ArrayList<>();
        BackgroundTask.of("bad", ctx -> {
            throw new IOException("disk full");
        }).onFailure(e -> events.add("fail " + e.getMessage())).onCancelled(() -> events.add("cancelled"))
                .onFinished(() -> events.add("finished")).executeWith(exec);
        BackgroundTask<Object> t = BackgroundTask.of("stop", ctx -> {
            throw new CancellationException("user");
        });
        t.onFailure(e -> events.add("fail2")).onCancelled(() -> events.add("cancelled2")).executeWith(exec);
        assertEquals(List.of("fail disk full", "finished", "cancelled2"), events);
    }

    @Test
    void cancelledBeforeStartNeverRunsTheBody() {
        List<String> events = new ArrayList<>();
        BackgroundTask<Integer> t = BackgroundTask.of("x", ctx -> {
            events.add("ran");
            return 1;
        });
        t.cancel();
        t.onCancelled(() -> events.add("cancelled")).executeWith(exec);
        assertEquals(List.of("cancelled"), events);
        assertTrue(t.isCancelled());
        assertEquals(-1.0, new Progress(0, 0, "").fraction());
    }
}
