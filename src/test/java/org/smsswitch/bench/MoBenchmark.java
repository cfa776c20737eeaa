package org.smsswitch.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.smsswitch.testing.Await;
import org.smsswitch.testing.TestDatabases;
import org.smsswitch.testing.TestSwitch;

/**
 * The MO listener's speed: aggregators' posts of texts from distinct phones (half keyword opt-ins,
 * a quarter HELP, a quarter STOP) through {@code POST /mo} on MariaDB, from concurrent HTTP clients.
 * Prints how fast posts are stored and answered, how fast the keyword engine works them off (each
 * changes the opt-ins and queues its reply), and how fast their replies reach the carrier, the
 * built-in simulator.
 *
 * <p>Run: {@code mvn -q test-compile exec:exec@mo-benchmark} (see docs/operator-guide.md);
 * {@code -Dbench.mos=N} for another count (20,000), {@code -Dbench.clients=N} for the concurrent
 * posters (32). An unmeasured tenth of the count goes first, so that the switch is measured once its
 * JVM has compiled the code. Uses MariaDB as the tests do (TestDatabases).
 */
public final class MoBenchmark {
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString(
            "aggregator:aggregator".getBytes(StandardCharsets.UTF_8));

    private MoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("bench.mos", 20_000);
        int clients = Integer.getInteger("bench.clients", 32);
        try (TestDatabases.MariaDb database = TestDatabases.mariaDb()) {
            Path work = Files.createTempDirectory("sms-switch-mo-bench");
            try (TestSwitch server = TestSwitch.start(database.settings(), work, Map.of(), null)) {
                run(server, 9_000_000_000L, Math.max(1, count / 10), clients);
                Result r = run(server, 7_000_000_000L, count, clients);
                System.out.printf("MO benchmark, %,d texts from distinct phones over HTTP (%d concurrent posters),"
                        + " MariaDB, replies to the built-in simulator%n", count, clients);
                System.out.printf("  stored and answered 200:        %,8.0f MOs/s  (%.1f s)%n", count / r.posted,
                        r.posted);
                System.out.printf("  processed (opt-ins, replies):   %,8.0f MOs/s  (%.1f s from the first post)%n",
                        count / r.processed, r.processed);
                System.out.printf("  replies accepted by the carrier: %,7.0f msgs/s (%.1f s from the first post)%n",
                        count / r.replied, r.replied);
                System.out.printf("  post latency: median %.1f ms, 99th percentile %.1f ms%n", r.medianMs, r.p99Ms);
            }
        }
    }

    private record Result(double posted, double processed, double replied, double medianMs, double p99Ms) {
    }

    private static Result run(TestSwitch server, long firstNumber, int count, int clients) throws Exception {
        int repliesBefore = server.smsSwitch().simulator().receivedCount();
        long processedBefore = processed(server);
        ExecutorService posters = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<Long>> posts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String from = "+1" + (firstNumber + i);
            String text = i % 2 == 0 ? "ALERTS" : i % 4 == 1 ? "HELP" : "STOP";
            String id = "bench-" + firstNumber + "-" + i;
            posts.add(posters.submit(() -> post(server.baseUrl(), from, text, id)));
        }
        List<Long> latencies = new ArrayList<>(count);
        for (Future<Long> f : posts) {
            latencies.add(f.get(5, TimeUnit.MINUTES));
        }
        double posted = seconds(System.nanoTime() - start);
        posters.shutdown();
        Await.until(Duration.ofMinutes(10), count + " MOs processed",
                () -> processed(server) - processedBefore >= count);
        double processed = seconds(System.nanoTime() - start);
        Await.until(Duration.ofMinutes(10), count + " replies at the carrier",
                () -> server.smsSwitch().simulator().receivedCount() - repliesBefore >= count);
        double replied = seconds(System.nanoTime() - start);
        latencies.sort(null);
        return new Result(posted, processed, replied, latencies.get(count / 2) / 1e6,
                latencies.get(Math.min(count - 1, (int) (count * 0.99))) / 1e6);
    }

    /** Posts one MO; returns how long the answer took, in nanoseconds. */
    private static long post(String baseUrl, String from, String text, String id) throws Exception {
        String body = "from=" + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&to=55555&text=" + text
                + "&id=" + id + "&carrier=Verizon+Wireless";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/mo"))
                .header("Authorization", AUTH)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - started;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("MO " + id + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return took;
    }

    private static long processed(TestSwitch server) {
        return server.smsSwitch().database().sessionFactory().fromTransaction(s -> s.createSelectionQuery(
                "select count(m) from InboundMessage m where m.processedAt is not null", Long.class).getSingleResult());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
