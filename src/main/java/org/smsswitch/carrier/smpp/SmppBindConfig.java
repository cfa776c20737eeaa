package org.smsswitch.carrier.smpp;

import java.time.Duration;
import java.util.Objects;
import org.jsmpp.bean.BindType;

/**
 * How to reach and bind to one SMSC, and how hard to drive it. Values are checked when built.
 *
 * @param host the SMSC host
 * @param port the SMSC port
 * @param systemId the ESME's system_id (at most 15 characters)
 * @param password the bind password (at most 8 characters)
 * @param systemType the bind system_type (at most 12 characters, often empty)
 * @param bindType how to bind; transceiver ({@link BindType#BIND_TRX}) receives receipts and MO on
 *     the same connection
 * @param windowSize most submit_sm awaiting their response at once
 * @param maxMessagesPerSecond most submit_sm PDUs sent per second (the carrier's throughput limit)
 * @param enquireLinkInterval idle time after which an enquire_link checks the connection
 * @param responseTimeout how long to wait for the SMSC's response to a PDU, and longest wait for a
 *     free window slot or rate token before a submit is refused; six times it is the longest a segment
 *     is resubmitted while the SMSC answers that it is throttling
 */
public record SmppBindConfig(
        String host,
        int port,
        String systemId,
        String password,
        String systemType,
        BindType bindType,
        int windowSize,
        int maxMessagesPerSecond,
        Duration enquireLinkInterval,
        Duration responseTimeout) {

    /** The same bind as another type: a carrier's TX and RX binds share everything else. */
    public SmppBindConfig withBindType(BindType type) {
        return new SmppBindConfig(host, port, systemId, password, systemType, type, windowSize, maxMessagesPerSecond,
                enquireLinkInterval, responseTimeout);
    }

    public static final String DEFAULT_SYSTEM_TYPE = "";
    public static final BindType DEFAULT_BIND_TYPE = BindType.BIND_TRX;
    public static final int DEFAULT_WINDOW_SIZE = 10;
    public static final int DEFAULT_MAX_MESSAGES_PER_SECOND = 50;
    public static final Duration DEFAULT_ENQUIRE_LINK_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);

    public SmppBindConfig {
        requireText(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        requireText(systemId, "systemId");
        requireMaxLength(systemId, 15, "systemId");
        Objects.requireNonNull(password, "password");
        requireMaxLength(password, 8, "password");
        systemType = systemType == null ? DEFAULT_SYSTEM_TYPE : systemType;
        requireMaxLength(systemType, 12, "systemType");
        Objects.requireNonNull(bindType, "bindType");
        if (windowSize < 1) {
            throw new IllegalArgumentException("windowSize must be at least 1, was " + windowSize);
        }
        if (maxMessagesPerSecond < 1) {
            throw new IllegalArgumentException("maxMessagesPerSecond must be at least 1, was " + maxMessagesPerSecond);
        }
        requirePositive(enquireLinkInterval, "enquireLinkInterval");
        requirePositive(responseTimeout, "responseTimeout");
        // jSMPP takes both as int/long milliseconds.
        if (enquireLinkInterval.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("enquireLinkInterval too long: " + enquireLinkInterval);
        }
    }

    /** A builder with the defaults above: transceiver, window 10, 50 msg/s, enquire_link 30 s, timeout 10 s. */
    public static Builder builder(String host, int port, String systemId, String password) {
        return new Builder(host, port, systemId, password);
    }

    @Override
    public String toString() {
        // The password stays out: toString ends up in logs.
        return "SmppBindConfig[" + systemId + "@" + host + ":" + port + ", " + bindType + ", window=" + windowSize
                + ", " + maxMessagesPerSecond + "/s]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requireMaxLength(String value, int max, String name) {
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " must be at most " + max + " characters");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** Builds a {@link SmppBindConfig}; {@link #build()} rejects bad values. */
    public static final class Builder {
        private final String host;
        private final int port;
        private final String systemId;
        private final String password;
        private String systemType = DEFAULT_SYSTEM_TYPE;
        private BindType bindType = DEFAULT_BIND_TYPE;
        private int windowSize = DEFAULT_WINDOW_SIZE;
        private int maxMessagesPerSecond = DEFAULT_MAX_MESSAGES_PER_SECOND;
        private Duration enquireLinkInterval = DEFAULT_ENQUIRE_LINK_INTERVAL;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;

        private Builder(String host, int port, String systemId, String password) {
            this.host = host;
            this.port = port;
            this.systemId = systemId;
            this.password = password;
        }

        public Builder systemType(String systemType) {
            this.systemType = systemType;
            return this;
        }

        public Builder bindType(BindType bindType) {
            this.bindType = bindType;
            return this;
        }

        public Builder windowSize(int windowSize) {
            this.windowSize = windowSize;
            return this;
        }

        public Builder maxMessagesPerSecond(int maxMessagesPerSecond) {
            this.maxMessagesPerSecond = maxMessagesPerSecond;
            return this;
        }

        public Builder enquireLinkInterval(Duration enquireLinkInterval) {
            this.enquireLinkInterval = enquireLinkInterval;
            return this;
        }

        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
            return this;
        }

        public SmppBindConfig build() {
            return new SmppBindConfig(host, port, systemId, password, systemType, bindType, windowSize,
                    maxMessagesPerSecond, enquireLinkInterval, responseTimeout);
        }
    }
}
