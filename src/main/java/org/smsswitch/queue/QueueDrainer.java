package org.smsswitch.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hibernate.LockMode;
import org.smsswitch.persistence.Transactions;
import org.smsswitch.send.Dispatcher;
import org.smsswitch.status.MtMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains this node's share of the queue: claims due messages in batches, most urgent first
 * ({@code FOR UPDATE SKIP LOCKED}: nodes skip each other's rows instead of waiting), and dispatches
 * them. A claim whose node stopped before finishing runs out after the lease and is taken over here;
 * such a message may already have reached the carrier, so it counts as resubmitted.
 *
 * <p>Every node drains, so this runs on a thread of the node's own; the clustered Quartz scheduler
 * would fire a job on one node only.
 */
public final class QueueDrainer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueueDrainer.class);

    private final Transactions tx;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final int batchSize;
    private final ScheduledExecutorService loop;
    private final ExecutorService workers;

    public QueueDrainer(Transactions tx, Dispatcher dispatcher, Clock clock, int batchSize, int parallelism) {
        if (batchSize < 1 || parallelism < 1) {
            throw new IllegalArgumentException("batch size and parallelism must be at least 1");
        }
        this.tx = tx;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.batchSize = batchSize;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "queue-drain"));
        this.workers = Executors.newFixedThreadPool(parallelism, r -> daemon(r, "queue-dispatch"));
    }

    /** Drains every {@code interval} from now on. */
    public void start(Duration interval) {
        loop.scheduleWithFixedDelay(() -> {
            try {
                while (drainOnce() == batchSize) {
                    // A full batch: more may be due at once.
                }
            } catch (RuntimeException e) {
                log.warn("Queue drain failed; next try in {}: {}", interval, e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Claims one batch of due messages and dispatches them; returns how many it claimed. */
    public int drainOnce() {
        List<Long> claimed = claim();
        List<Future<?>> sent = new ArrayList<>(claimed.size());
        for (long id : claimed) {
            sent.add(workers.submit(() -> dispatcher.dispatch(id, false)));
        }
        for (Future<?> f : sent) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("Dispatching a queued message failed; its claim runs out and it is tried again",
                        e.getCause());
            }
        }
        return claimed.size();
    }

    private List<Long> claim() {
        return tx.call(s -> {
            Instant now = clock.instant();
            List<MtMessage> due = s.createSelectionQuery("""
                            from MtMessage m where m.immediateStatus = org.smsswitch.status.ImmediateStatus.QUEUED
                            and m.dueAt <= :now and (m.claimUntil is null or m.claimUntil < :now)
                            order by m.priority, m.dueAt, m.id""", MtMessage.class)
                    .setParameter("now", now)
                    .setMaxResults(batchSize)
                    .setHibernateLockMode(LockMode.UPGRADE_SKIPLOCKED)
                    .getResultList();
            List<Long> ids = new ArrayList<>(due.size());
            for (MtMessage m : due) {
                if (m.claimedBy() != null) {
                    // Its node stopped with the claim held: the carrier may have it already.
                    log.warn("Taking over message {} from {}, whose claim ran out", m.id(), m.claimedBy());
                    m.resubmitted(now);
                }
                m.claim(dispatcher.node(), now.plus(dispatcher.lease()));
                ids.add(m.id());
            }
            return ids;
        });
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        loop.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
