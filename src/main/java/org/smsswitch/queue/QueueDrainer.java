package org.smsswitch.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.LockMode;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;
import org.smsswitch.send.Dispatcher;
import org.smsswitch.send.SendService;
import org.smsswitch.status.MtMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains this node's share of the queue: claims due messages in batches ({@code FOR UPDATE SKIP
 * LOCKED}: nodes skip each other's rows instead of waiting) and has the dispatcher send each batch.
 * Replies to phones and direct sends go before bulk; bulk is shared out across the accounts that have
 * some due, so one account's huge list does not hold up another's. A claim whose node stopped before
 * finishing runs out after the lease and is taken over here; such a message may already have reached
 * the carrier, so it counts as resubmitted.
 *
 * <p>Every node drains, with threads of its own; the clustered Quartz scheduler would fire a job on one
 * node only.
 */
public final class QueueDrainer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueueDrainer.class);
    /** Accounts given a share of one batch; more take turns across batches. */
    private static final int ACCOUNTS_PER_BATCH = 20;

    private final Dispatcher dispatcher;
    private final Clock clock;
    private final int batchSize;
    private final int threads;
    private final ExecutorService loops;
    private final AtomicInteger turn = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean closed;

    /**
     * @param batchSize how many messages one claim takes
     * @param threads how many batches this node sends at once; 0 for a node that takes requests but
     *     leaves queued messages to the other nodes ({@link #drainOnce()} still drains when called)
     */
    public QueueDrainer(Dispatcher dispatcher, Clock clock, int batchSize, int threads) {
        if (batchSize < 1 || threads < 0) {
            throw new IllegalArgumentException("the batch size must be at least 1 and drain threads at least 0");
        }
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.batchSize = batchSize;
        this.threads = threads;
        AtomicInteger count = new AtomicInteger();
        this.loops = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "queue-drain-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Drains from now on, looking for due messages every {@code interval} while there are none. */
    public void start(Duration interval) {
        for (int i = 0; i < threads; i++) {
            loops.execute(() -> loop(interval));
        }
    }

    private void loop(Duration interval) {
        while (!closed) {
            int claimed;
            try {
                claimed = drainOnce();
            } catch (RuntimeException e) {
                log.warn("Queue drain failed; next try in {}: {}", interval, e.toString());
                claimed = 0;
            }
            if (claimed == 0) {
                synchronized (idle) {
                    try {
                        idle.wait(interval.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** Looks for due messages now rather than at the next interval: new ones were queued. */
    public void wake() {
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    /** Claims one batch of due messages and sends it; returns how many it claimed. */
    public int drainOnce() {
        return dispatcher.dispatchQueued(this::claim);
    }

    /** Picks due messages in the caller's transaction and marks them this node's. */
    private List<MtMessage> claim(Session s) {
        Instant now = clock.instant();
        List<MtMessage> picked = new ArrayList<>(due(s, true, null, now, batchSize, List.of()));
        if (picked.size() < batchSize) {
            picked.addAll(bulk(s, now, batchSize - picked.size()));
        }
        Instant until = now.plus(dispatcher.lease());
        List<Long> fresh = new ArrayList<>(picked.size());
        for (MtMessage m : picked) {
            if (m.claimedBy() != null) {
                // Its node stopped with the claim held: the carrier may have it already.
                log.warn("Taking over message {} from {}, whose claim ran out", m.id(), m.claimedBy());
                m.resubmitted(now);
                m.claim(dispatcher.node(), until);
            } else {
                fresh.add(m.id());
            }
        }
        if (!fresh.isEmpty()) {
            // One statement for the whole claim rather than one per message; the entities read above
            // are not written again unless the rules refuse them, which clears the claim anyway.
            s.createMutationQuery("""
                            update MtMessage m set m.claimedBy = :node, m.claimUntil = :until
                            where m.id in :ids""")
                    .setParameter("node", dispatcher.node())
                    .setParameter("until", until)
                    .setParameter("ids", fresh)
                    .executeUpdate();
        }
        return picked;
    }

    /** Bulk messages, a share for each account with some queued, then whatever room is left. */
    private List<MtMessage> bulk(Session s, Instant now, int room) {
        List<Long> accounts = new ArrayList<>(s.createSelectionQuery("""
                        select distinct m.accountId from MtMessage m
                        where m.immediateStatus = org.smsswitch.status.ImmediateStatus.QUEUED
                        and m.accountId is not null""", Long.class)
                .getResultList());
        List<MtMessage> picked = new ArrayList<>(room);
        if (accounts.size() > 1) {
            Collections.sort(accounts);
            Collections.rotate(accounts, -Math.floorMod(turn.getAndIncrement(), accounts.size()));
            List<Long> sharing = accounts.subList(0, Math.min(ACCOUNTS_PER_BATCH, accounts.size()));
            int share = Math.max(1, (room + sharing.size() - 1) / sharing.size());
            for (long account : sharing) {
                int left = room - picked.size();
                if (left <= 0) {
                    break;
                }
                picked.addAll(due(s, false, account, now, Math.min(share, left), List.of()));
            }
        }
        int left = room - picked.size();
        if (left > 0) {
            picked.addAll(due(s, false, null, now, left, picked.stream().map(MtMessage::id).toList()));
        }
        return picked;
    }

    /**
     * Due messages no live claim holds, most urgent first, locked for this claim: replies and direct
     * sends ({@code urgent}) or bulk, of one account or any, other than {@code besides}.
     */
    private static List<MtMessage> due(Session s, boolean urgent, Long account, Instant now, int max,
            List<Long> besides) {
        String hql = "from MtMessage m where m.immediateStatus = org.smsswitch.status.ImmediateStatus.QUEUED"
                + (urgent ? " and m.priority < :bulk" : " and m.priority = :bulk")
                + (account == null ? "" : " and m.accountId = :account")
                + (besides.isEmpty() ? "" : " and m.id not in :besides")
                + " and m.dueAt <= :now and (m.claimUntil is null or m.claimUntil < :now)"
                + " order by m.priority, m.dueAt, m.id";
        SelectionQuery<MtMessage> query = s.createSelectionQuery(hql, MtMessage.class)
                .setParameter("now", now)
                .setParameter("bulk", SendService.PRIORITY_BULK)
                .setMaxResults(max)
                .setHibernateLockMode(LockMode.UPGRADE_SKIPLOCKED);
        if (account != null) {
            query.setParameter("account", account);
        }
        if (!besides.isEmpty()) {
            query.setParameter("besides", besides);
        }
        return query.getResultList();
    }

    @Override
    public void close() {
        closed = true;
        wake();
        loops.shutdown();
        try {
            loops.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
