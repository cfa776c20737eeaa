package org.smsswitch.carrier.smpp;

import java.time.Duration;

/** Bind settings for tests against the simulator on loopback. */
final class TestBinds {

    static final Duration AWAIT = Duration.ofSeconds(20);

    private TestBinds() {}

    /** A fast bind with room for load: window 32, 10,000 msg/s, 5 s timeouts. */
    static SmppBindConfig.Builder loopback(int port) {
        return SmppBindConfig.builder("127.0.0.1", port, "test", "pw")
                .windowSize(32)
                .maxMessagesPerSecond(10_000)
                .enquireLinkInterval(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(5));
    }
}
