package org.smsswitch.queue;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pass over work that waits in the database (notifications, reports), run on a thread of its own
 * when something asks for it: asked again while a pass waits to start, it still runs once, since that
 * pass finds what the later asks would. What a pass leaves is for the next one, or for its sweep.
 */
public final class BackgroundPass implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackgroundPass.class);

    private final String name;
    private final Runnable pass;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService worker;

    public BackgroundPass(String name, Runnable pass) {
        this.name = name;
        this.pass = pass;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs a pass soon, unless one is already waiting to start. */
    public void wake() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                pending.set(false);
                try {
                    pass.run();
                } catch (RuntimeException e) {
                    log.warn("{} failed; the next pass tries again: {}", name, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            pending.set(false);
            log.debug("{} left for its sweep: stopping", name);
        }
    }

    /** Stops, letting a running pass finish within {@code wait}. */
    public void close(Duration wait) {
        worker.shutdown();
        try {
            worker.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(15));
    }
}
