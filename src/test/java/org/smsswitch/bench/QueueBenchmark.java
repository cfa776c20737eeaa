package org.smsswitch.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smsswitch.carrier.CarrierListener;
import org.smsswitch.carrier.CarrierUnavailableException;
import org.smsswitch.carrier.DeliveryReceipt;
import org.smsswitch.carrier.InboundSms;
import org.smsswitch.carrier.OutboundSms;
import org.smsswitch.carrier.SubmitResult;
import org.smsswitch.carrier.smpp.SmppBindConfig;
import org.smsswitch.carrier.smpp.SmppCarrierGateway;
import org.smsswitch.testing.Await;
import org.smsswitch.testing.TestDatabases;
import org.smsswitch.testing.TestSwitch;

/**
 * The queue's speed end to end: a SendList of 100,000 numbers accepted through the SOAP API on
 * MariaDB, then drained to an SMPP simulator running in its own process, receipts on; then the same
 * 100,000 submits blasted straight over SMPP to that simulator, with the switch's own bind settings,
 * as the ceiling the drain is measured against. Prints the rates, their ratio and the peak heap of
 * this JVM, which holds the switch with its Tomcat and CXF (and, once the switch has stopped, the
 * blaster); the SOAP client runs in a process of its own ({@link SendListClient}).
 *
 * <p>Run: {@code mvn -q test-compile exec:exec@queue-benchmark} (see docs/operator-guide.md);
 * {@code -Dbench.numbers=N} for another list size, {@code -Dbench.receipt-delay=PT2S} for receipts
 * that come a while after the carrier's answer, as handsets take time, {@code -Dbench.warm-up=N} for
 * the size of the unmeasured list sent first (20,000; 0 for none). Uses MariaDB as the tests do
 * (TestDatabases).
 */
public final class QueueBenchmark {
    private static final Pattern PORT = Pattern.compile("listening on port (\\d+)");
    private static final String SYSTEM_ID = "bench";
    private static final String PASSWORD = "bench";
    private static final int WINDOW = 64;
    private static final int MAX_MPS = 100_000;
    private static final Duration DEADLINE = Duration.ofMinutes(15);
    private static final Duration POLL = Duration.ofMillis(500);
    /** Numbers of the unmeasured list sent first ({@code -Dbench.warm-up}, 0 for none). */
    private static final int WARM_UP = Integer.getInteger("bench.warm-up", 20_000);

    private QueueBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int numbers = Integer.getInteger("bench.numbers", 100_000);
        HeapPeak heap = HeapPeak.start();
        Process simulator = startSimulator();
        try {
            int port = portOf(simulator);
            try (TestDatabases.MariaDb database = TestDatabases.mariaDb()) {
                Path work = Files.createTempDirectory("sms-switch-bench");
                Result drain = drain(database, work, port, numbers);
                double ceiling = blast(port, numbers);
                String delay = System.getProperty("bench.receipt-delay", "");
                System.out.printf("Queue benchmark, %,d numbers, MariaDB, simulator in its own process, receipts on%s,"
                        + " after an unmeasured list of %,d%n", numbers,
                        delay.isBlank() ? " (sent at once)" : " (sent " + delay + " after the answer)",
                        Math.min(WARM_UP, numbers));
                System.out.printf("  accept (SendList over SOAP, one transaction): %,8.0f numbers/s  (%.1f s)%n",
                        numbers / drain.acceptSeconds, drain.acceptSeconds);
                System.out.printf("  drain (queue to carrier acceptance):          %,8.0f msgs/s   (%.1f s)%n",
                        numbers / drain.drainSeconds, drain.drainSeconds);
                System.out.printf("  receipts (all final, from the drain's start): %,8.0f msgs/s   (%.1f s)%n",
                        numbers / drain.receiptSeconds, drain.receiptSeconds);
                System.out.printf("  ceiling (same submits straight over SMPP):    %,8.0f msgs/s%n", ceiling);
                System.out.printf("  drain / ceiling:                              %8.2f%n",
                        numbers / drain.drainSeconds / ceiling);
                System.out.printf("  peak heap of the switch: %,d MB used, %,d MB live after a collection"
                        + " (max heap %,d MB)%n", heap.peakMb(), heap.peakLiveMb(), heap.maxMb());
            }
        } finally {
            simulator.destroy();
            simulator.waitFor(10, TimeUnit.SECONDS);
            heap.stop();
        }
    }

    private record Result(double acceptSeconds, double drainSeconds, double receiptSeconds) {
    }

    private static Result drain(TestDatabases.MariaDb database, Path work, int port, int numbers) throws Exception {
        Map<String, String> settings = Map.of(
                "carrier.mode", "smpp",
                "carrier.smpp.host", "127.0.0.1",
                "carrier.smpp.port", Integer.toString(port),
                "carrier.smpp.system-id", SYSTEM_ID,
                "carrier.smpp.password", PASSWORD,
                "carrier.smpp.window", Integer.toString(WINDOW),
                "carrier.smpp.max-mps", Integer.toString(MAX_MPS));
        try (TestSwitch server = TestSwitch.start(database.settings(), work, settings, null)) {
            // A smaller list first, unmeasured, so the switch is measured as it runs once its JVM has
            // compiled the code of the queue rather than while it does.
            int warmUp = Math.min(WARM_UP, numbers);
            if (warmUp > 0) {
                sendAndAwait(server, 8_000_000, warmUp);
            }
            return sendAndAwait(server, 2_000_000, numbers);
        }
    }

    /**
     * Has a client process opt the numbers in and send them one SendList, then waits until all have
     * their final receipts.
     */
    private static Result sendAndAwait(TestSwitch server, int first, int count) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process client = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                SendListClient.class.getName(), server.baseUrl(), Integer.toString(first), Integer.toString(count))
                .redirectErrorStream(true).start();
        String answer = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("accepted ")) {
                    answer = line;
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        Instant acceptEnd = Instant.now();
        if (!client.waitFor(1, TimeUnit.MINUTES) || client.exitValue() != 0 || answer == null) {
            throw new IllegalStateException("The SendList client failed:\n" + output);
        }
        String[] parts = answer.split(" ");
        long batchId = Long.parseLong(parts[1]);
        if (Integer.parseInt(parts[2]) != count) {
            throw new IllegalStateException("Only " + parts[2] + " of " + count + " were queued");
        }
        double acceptSeconds = Double.parseDouble(parts[3]);
        var sessions = server.smsSwitch().database().sessionFactory();
        // Polled slowly, so the poll does not load the database it measures; the times come from the
        // messages themselves.
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (unfinished(sessions, batchId) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The batch was not drained, with its receipts, within " + DEADLINE);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        Object[] times = sessions.fromTransaction(s -> s.createSelectionQuery("""
                        select max(m.submittedAt), max(m.deliveryAt) from MtMessage m where m.batchId = :batch""",
                        Object[].class)
                .setParameter("batch", batchId).getSingleResult());
        double drain = Duration.between(acceptEnd, (Instant) times[0]).toNanos() / 1e9;
        double receipts = Duration.between(acceptEnd, (Instant) times[1]).toNanos() / 1e9;
        return new Result(acceptSeconds, drain, receipts);
    }

    /** Messages of the batch still queued or without their final receipt. */
    private static long unfinished(org.hibernate.SessionFactory sessions, long batchId) {
        return sessions.fromTransaction(s -> s.createSelectionQuery("""
                        select count(m) from MtMessage m where m.batchId = :batch
                        and m.deliveryStatus not in (org.smsswitch.status.DeliveryStatus.DELIVERED,
                            org.smsswitch.status.DeliveryStatus.HP_DELIVERED)""", Long.class)
                .setParameter("batch", batchId).getSingleResult());
    }

    /** The same number of submits straight over one bind with the switch's settings: the link's ceiling. */
    private static double blast(int port, int numbers) throws Exception {
        AtomicInteger receipts = new AtomicInteger();
        CarrierListener counting = new CarrierListener() {
            @Override
            public void onDeliveryReceipt(DeliveryReceipt receipt) {
                receipts.incrementAndGet();
            }

            @Override
            public void onMobileOriginated(InboundSms mo) {
            }
        };
        SmppBindConfig config = SmppBindConfig.builder("127.0.0.1", port, SYSTEM_ID, PASSWORD)
                .windowSize(WINDOW).maxMessagesPerSecond(MAX_MPS).build();
        try (SmppCarrierGateway gateway = new SmppCarrierGateway(config, "Simulator", counting)) {
            if (!gateway.start()) {
                throw new IllegalStateException("The blaster could not bind to the simulator");
            }
            ExecutorService senders = Executors.newFixedThreadPool(WINDOW);
            try {
                AtomicInteger next = new AtomicInteger();
                long start = System.nanoTime();
                List<CompletableFuture<Void>> workers = new ArrayList<>();
                for (int w = 0; w < WINDOW; w++) {
                    workers.add(CompletableFuture.runAsync(() -> {
                        for (int i = next.getAndIncrement(); i < numbers; i = next.getAndIncrement()) {
                            OutboundSms sms = new OutboundSms(i, "55555", "+1555" + String.format("%07d", 5_000_000 + i),
                                    "Crews are working on an outage in your area. We expect power back by 6 pm.",
                                    true);
                            SubmitResult result;
                            try {
                                result = gateway.submit(sms);
                            } catch (CarrierUnavailableException e) {
                                throw new IllegalStateException("Blast submit failed", e);
                            }
                            if (!result.accepted()) {
                                throw new IllegalStateException("Blast submit refused: " + result.errorName());
                            }
                        }
                    }, senders));
                }
                CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
                double rate = numbers / seconds(System.nanoTime() - start);
                Await.until(Duration.ofMinutes(2), "the blast's receipts", () -> receipts.get() >= numbers);
                return rate;
            } finally {
                senders.shutdownNow();
            }
        }
    }

    private static Process startSimulator() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.smsswitch.carrier.smpp.SmppSimulator", "0", SYSTEM_ID, PASSWORD));
        String receiptDelay = System.getProperty("bench.receipt-delay", "");
        if (!receiptDelay.isBlank()) {
            command.add("--receipt-delay=" + receiptDelay);
        }
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads the simulator's output until it prints its port; keeps draining it after. */
    private static int portOf(Process simulator) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(simulator.getInputStream(),
                StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher m = PORT.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
                port.completeExceptionally(new IllegalStateException("The simulator ended without a port"));
            } catch (Exception e) {
                port.completeExceptionally(e);
            }
        }, "simulator-output");
        reader.setDaemon(true);
        reader.start();
        return port.get(60, TimeUnit.SECONDS);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /**
     * The most heap this JVM used, sampled every 20 ms, and the most it held after a collection (the
     * live data; the rest of "used" is garbage the collector had not needed to clear yet).
     */
    private static final class HeapPeak {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null).toList();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heap-sampler");
            t.setDaemon(true);
            return t;
        });
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong peakLive = new AtomicLong();

        static HeapPeak start() {
            HeapPeak p = new HeapPeak();
            p.sampler.scheduleAtFixedRate(p::sample, 0, 20, TimeUnit.MILLISECONDS);
            return p;
        }

        private void sample() {
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            long live = pools.stream().mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
            peakLive.accumulateAndGet(live, Math::max);
        }

        long peakMb() {
            sample();
            return peak.get() >> 20;
        }

        long peakLiveMb() {
            sample();
            return peakLive.get() >> 20;
        }

        long maxMb() {
            return memory.getHeapMemoryUsage().getMax() >> 20;
        }

        void stop() {
            sampler.shutdownNow();
        }
    }
}
