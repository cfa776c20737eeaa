package org.smsswitch.carrier.smpp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.Session;
import org.smsswitch.carrier.SmsText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process SMSC (jSMPP server side) on the loopback interface, for tests and local runs: accepts
 * binds, answers submit_sm with a new id, records what it received, sends a delivery receipt for every
 * segment that asks for one, and injects mobile-originated messages and receipts.
 *
 * <p>Tests change its behaviour while it runs: rejections, throttling (ESME_RTHROTTLED,
 * ESME_RMSGQFUL), receipt outcome and network name by destination, a receipt sent before the
 * submit_sm_resp, holding every answer, and dropping every connection. Destination patterns are
 * matched against the destination as the switch writes it ({@code +15550110001} for an international
 * number). Receipt texts give the id in decimal, the receipted_message_id TLV as the submit_sm_resp
 * gave it (hex), as many SMSCs do. Thread-safe.
 */
public final class SmppSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmppSimulator.class);

    private static final String SMSC_SYSTEM_ID = "smppsim";
    private static final long BIND_TIMEOUT_MILLIS = 5_000;
    private static final long RESPONSE_TIMEOUT_MILLIS = 5_000;
    // Each held submit keeps one of a session's PDU threads; a test holding 50 needs more than 50.
    private static final int PDU_THREADS_PER_SESSION = 64;
    // Receipts in flight at once, as an SMSC's window for deliver_sm: each waits for the ESME's answer,
    // which an ESME that stores receipts first gives only once they are stored.
    private static final int RECEIPT_WINDOW = 64;

    /** The concatenation element of a segment's user data header. */
    public record Concatenation(int reference, int total, int sequence) {}

    /**
     * One submit_sm as the simulator received it.
     *
     * @param source the source address, {@code +}-prefixed when sent as international
     * @param destination the destination address, {@code +}-prefixed when sent as international
     * @param concatenation the UDH concatenation element, or null for a single-segment message
     * @param text short_message decoded per data_coding, without the UDH
     */
    public record ReceivedSubmit(String messageId, String systemId, String source, String destination,
            int sourceTon, int sourceNpi, int destinationTon, int destinationNpi, int esmClass, int dataCoding,
            int registeredDelivery, Concatenation concatenation, String text, Instant receivedAt) {

        public boolean receiptRequested() {
            return SMSCDeliveryReceipt.SUCCESS_FAILURE.containedIn((byte) registeredDelivery)
                    || SMSCDeliveryReceipt.SUCCESS.containedIn((byte) registeredDelivery)
                    || SMSCDeliveryReceipt.FAILURE.containedIn((byte) registeredDelivery);
        }

        public Optional<Concatenation> concatenated() {
            return Optional.ofNullable(concatenation);
        }

        @Override
        public String toString() {
            // The text stays out: toString ends up in logs.
            return "ReceivedSubmit[" + messageId + " " + source + " -> " + destination + ", esm_class=0x"
                    + Integer.toHexString(esmClass) + ", data_coding=0x" + Integer.toHexString(dataCoding)
                    + ", " + concatenation + "]";
        }
    }

    private final String requiredSystemId;
    private final String requiredPassword;
    private final SMPPServerSessionListener listener;
    private final ServerSocket serverSocket;
    private final Map<SMPPServerSession, String> sessions = new ConcurrentHashMap<>();
    private final ExecutorService binds;
    private final ScheduledExecutorService receipts;
    private final SimulatorPduHandler handler;
    private final Thread acceptor;
    private volatile boolean running = true;

    private SmppSimulator(int port, String systemId, String password) throws IOException {
        this.requiredSystemId = systemId;
        this.requiredPassword = password;
        this.binds = Executors.newCachedThreadPool(daemon("smpp-sim-bind"));
        this.receipts = Executors.newScheduledThreadPool(RECEIPT_WINDOW, daemon("smpp-sim-receipt"));
        this.handler = new SimulatorPduHandler(receipts, s -> sessions.getOrDefault(s, ""), this::receiverOf);
        LoopbackServerConnectionFactory sockets = new LoopbackServerConnectionFactory();
        this.listener = new SMPPServerSessionListener(port, sockets);
        this.serverSocket = sockets.serverSocket();
        listener.setPduProcessorDegree(PDU_THREADS_PER_SESSION);
        listener.setQueueCapacity(10_000);
        listener.setMessageReceiverListener(handler);
        listener.setResponseDeliveryListener(handler);
        listener.setSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED) {
                sessions.remove(source);
                handler.hold().sessionsChanged();
            }
        });
        this.acceptor = daemon("smpp-sim-accept").newThread(this::acceptLoop);
        acceptor.start();
        log.info("SMPP simulator listening on port {}", port());
    }

    /**
     * Starts a simulator that accepts any system_id and password. {@code port} 0 picks a free port.
     *
     * @throws UncheckedIOException when the port cannot be listened on
     */
    public static SmppSimulator start(int port) {
        return create(port, null, null);
    }

    /** Starts a simulator that accepts only this system_id and password. */
    public static SmppSimulator start(int port, String systemId, String password) {
        return create(port, Objects.requireNonNull(systemId), Objects.requireNonNull(password));
    }

    private static SmppSimulator create(int port, String systemId, String password) {
        try {
            return new SmppSimulator(port, systemId, password);
        } catch (IOException e) {
            throw new UncheckedIOException("SMPP simulator cannot listen on port " + port, e);
        }
    }

    /** The port it listens on (the one picked when started with 0). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /**
     * A snapshot of the submits taken so far, in arrival order: answered with an id, or held. Throttled
     * and rejected submits are not in it.
     */
    public List<ReceivedSubmit> received() {
        return handler.submits().taken();
    }

    /** How many submits {@link #received()} holds. */
    public int receivedCount() {
        return handler.submits().takenCount();
    }

    /**
     * How many received submits repeat an earlier one: same destination, text and segment sequence
     * number. A resubmit after a dropped connection shows up here.
     */
    public int duplicateSubmits() {
        return handler.submits().duplicates();
    }

    /** When each submit_sm arrived, whatever the answer (throttled and rejected ones too), in order. */
    public List<Instant> submitTimes() {
        return handler.submits().arrivals();
    }

    /** How many submits were answered as throttled by a {@link #throttleNext} or {@link #throttle} rule. */
    public int throttledAnswers() {
        return handler.submits().throttledAnswers();
    }

    /** Forgets what was received: submits, arrival times, duplicates and throttle counts. */
    public void clearReceived() {
        handler.submits().clear();
    }

    /** How long after the submit_sm_resp a requested receipt is sent; 0 by default. */
    public SmppSimulator receiptDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        handler.receiptDelay(delay);
        return this;
    }

    /**
     * Answers submit_sm to destinations matching {@code destinationRegex} with an error.
     *
     * @param destinationRegex matched against the whole destination, {@code +}-prefixed when sent as
     *     international ({@code \+1555999.*})
     * @param commandStatus the SMPP status name ({@code ESME_RINVDSTADR}) or {@code 0x%08X}
     */
    public SmppSimulator rejectDestinations(String destinationRegex, String commandStatus) {
        handler.rules().reject(Pattern.compile(destinationRegex), CommandStatus.valueOf(commandStatus));
        return this;
    }

    public void clearRejectionRules() {
        handler.rules().clearRejections();
    }

    /**
     * Answers the next {@code submits} submit_sm with a throttling status instead of taking them.
     *
     * @param commandStatus {@code ESME_RTHROTTLED} or {@code ESME_RMSGQFUL} (any status name works)
     */
    public SmppSimulator throttleNext(int submits, String commandStatus) {
        return throttle(null, submits, commandStatus);
    }

    /**
     * Answers the next {@code times} submit_sm to destinations where {@code destinationRegex} is found
     * with a throttling status; null matches every destination.
     */
    public SmppSimulator throttle(String destinationRegex, int times, String commandStatus) {
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative");
        }
        handler.rules().throttle(destinationRegex == null ? null : Pattern.compile(destinationRegex), times,
                CommandStatus.valueOf(commandStatus));
        return this;
    }

    /**
     * Reports receipts for destinations where {@code destinationRegex} is found ({@code ^\+1555011})
     * with this stat word: DELIVRD (the default), ACCEPTD, ENROUTE, EXPIRED, DELETED, UNDELIV, REJECTD
     * or UNKNOWN. The first matching rule wins.
     */
    public SmppSimulator receiptOutcome(String destinationRegex, String stat) {
        handler.rules().outcome(Pattern.compile(destinationRegex), ReceiptStat.require(stat));
        return this;
    }

    /**
     * Names the handset's network ({@code Verizon Wireless}) in receipts for destinations where
     * {@code destinationRegex} is found, in the vendor TLV 0x1403 the switch reads it from.
     */
    public SmppSimulator carrierName(String destinationRegex, String networkName) {
        handler.rules().networkName(Pattern.compile(destinationRegex), Objects.requireNonNull(networkName));
        return this;
    }

    /**
     * For destinations where {@code destinationRegex} is found, sends the receipt before the
     * submit_sm_resp: the deliver_sm goes out, and the response only once the ESME has acknowledged it.
     */
    public SmppSimulator receiptBeforeResponse(String destinationRegex) {
        handler.rules().receiptBeforeResponse(Pattern.compile(destinationRegex));
        return this;
    }

    SimulatorRules rules() {
        return handler.rules();
    }

    /** Removes every rule: rejections, throttling, receipt outcomes, network names, early receipts. */
    public void clearRules() {
        handler.rules().clear();
    }

    /**
     * From now on, reads submit_sm (they count as received) but does not answer them until {@link
     * #releaseResponses()} or until their connection drops. At most 64 are held per connection; later
     * ones wait unread by the simulator.
     */
    public void holdResponses() {
        handler.hold().hold();
    }

    /** Answers the held submits and stops holding. */
    public void releaseResponses() {
        handler.hold().release();
    }

    /** How many submits are being held unanswered now. */
    public int heldSubmits() {
        return handler.hold().waiting();
    }

    /**
     * Closes every connection's socket at once, without unbind, like a network failure; the simulator
     * keeps listening, so ESMEs can bind again. Held submits on them are never answered.
     */
    public void dropConnections() {
        List<SMPPServerSession> open = List.copyOf(sessions.keySet());
        open.forEach(Session::close);
        handler.hold().sessionsChanged();
        log.info("Simulator dropped {} connection(s)", open.size());
    }

    /** How many ESMEs are bound now. */
    public int boundSessions() {
        return (int) sessions.keySet().stream().filter(s -> s.getSessionState().isBound()).count();
    }

    /**
     * Sends a mobile-originated message as deliver_sm to a bound receiver or transceiver, as several
     * concatenated deliver_sm if it needs more than one segment, and waits for the ESME's answers.
     *
     * @param from the handset; {@code +E.164} goes as international ISDN
     * @return the ESME's deliver_sm_resp status name: {@code ESME_ROK}, or the first error
     * @throws IOException when no receiver is bound or the ESME did not answer
     */
    public String injectMo(String from, String shortCode, String text) throws IOException {
        SMPPServerSession session = sessions.keySet().stream().filter(SmppSimulator::canDeliver).findFirst()
                .orElseThrow(() -> new IOException("No receiver or transceiver bound"));
        SmppAddress source = SmppAddress.source(from);
        SmppAddress destination = SmppAddress.source(shortCode);
        SmsText sms = SmsText.of(text);
        int reference = (int) (System.nanoTime() & 0xFF);
        int total = sms.segmentCount();
        for (int i = 0; i < total; i++) {
            byte[] payload = sms.encode(sms.segments().get(i));
            ESMClass esm = total > 1
                    ? new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI)
                    : new ESMClass();
            try {
                session.deliverShortMessage(null, source.ton(), source.npi(), source.address(),
                        destination.ton(), destination.npi(), destination.address(), esm, (byte) 0, (byte) 0,
                        new RegisteredDelivery(SMSCDeliveryReceipt.DEFAULT),
                        new RawDataCoding(sms.encoding().dataCoding()),
                        total > 1 ? Udh.concatenated(reference, total, i + 1, payload) : payload);
            } catch (NegativeResponseException e) {
                return CommandStatus.name(e.getCommandStatus());
            } catch (PDUException | ResponseTimeoutException | InvalidResponseException e) {
                throw new IOException("deliver_sm failed: " + e.getMessage(), e);
            }
        }
        return CommandStatus.name(SMPPConstant.STAT_ESME_ROK);
    }

    /**
     * Sends a delivery receipt for any id, as if the SMSC reported on a message (the simulator need
     * never have given that id), to a bound receiver or transceiver, and waits for the answer.
     *
     * @param stat the stat word (DELIVRD, UNDELIV, ...)
     * @return the ESME's deliver_sm_resp status name: {@code ESME_ROK} or its error
     * @throws IOException when no receiver is bound or the ESME did not answer
     */
    public String injectReceipt(String messageId, String stat) throws IOException {
        SMPPServerSession session = sessions.keySet().stream().filter(SmppSimulator::canDeliver).findFirst()
                .orElseThrow(() -> new IOException("No receiver or transceiver bound"));
        try {
            SimulatedReceipt.forId(Objects.requireNonNull(messageId), ReceiptStat.require(stat)).sendOn(session);
            return CommandStatus.name(SMPPConstant.STAT_ESME_ROK);
        } catch (NegativeResponseException e) {
            return CommandStatus.name(e.getCommandStatus());
        } catch (PDUException | ResponseTimeoutException | InvalidResponseException e) {
            throw new IOException("deliver_sm failed: " + e.getMessage(), e);
        }
    }

    /**
     * Where a receipt for a submit taken on {@code session} as {@code systemId} goes: that session while
     * it can receive, else another session bound with the same system_id (an ESME's receiver bind, or
     * another of its nodes once the submitting one is gone).
     */
    private SMPPServerSession receiverOf(SMPPServerSession session, String systemId) {
        if (canDeliver(session)) {
            return session;
        }
        return sessions.entrySet().stream()
                .filter(e -> e.getValue().equals(systemId) && canDeliver(e.getKey()))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    static boolean canDeliver(SMPPServerSession session) {
        SessionState state = session.getSessionState();
        return state == SessionState.BOUND_RX || state == SessionState.BOUND_TRX;
    }

    private void acceptLoop() {
        while (running) {
            try {
                SMPPServerSession session = listener.accept();
                if (!running) {
                    session.close();
                    break;
                }
                session.setTransactionTimer(RESPONSE_TIMEOUT_MILLIS);
                sessions.put(session, "");
                binds.execute(() -> awaitBind(session));
            } catch (IOException e) {
                if (running && !serverSocket.isClosed()) {
                    log.warn("Simulator accept failed", e);
                } else {
                    break;
                }
            }
        }
    }

    private void awaitBind(SMPPServerSession session) {
        try {
            BindRequest bind = session.waitForBind(BIND_TIMEOUT_MILLIS);
            if (requiredSystemId != null && !requiredSystemId.equals(bind.getSystemId())) {
                bind.reject(SMPPConstant.STAT_ESME_RINVSYSID);
                return;
            }
            if (requiredPassword != null && !requiredPassword.equals(bind.getPassword())) {
                bind.reject(SMPPConstant.STAT_ESME_RINVPASWD);
                return;
            }
            // Known before the bind_resp goes out, so a submit right after the bind is attributed.
            sessions.replace(session, bind.getSystemId());
            bind.accept(SMSC_SYSTEM_ID);
            log.info("Simulator bound {} as {}", bind.getSystemId(), bind.getBindType());
        } catch (TimeoutException e) {
            log.debug("No bind within {} ms; connection closed", BIND_TIMEOUT_MILLIS);
        } catch (Exception e) {
            log.warn("Simulator bind failed", e);
            session.close();
        }
    }

    /** Drops every connection at once (no unbind, like an SMSC going away) and frees the port. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            listener.close();
        } catch (IOException e) {
            log.debug("Closing the server socket failed", e);
        }
        sessions.keySet().forEach(Session::close);
        sessions.clear();
        handler.hold().release();
        binds.shutdownNow();
        receipts.shutdownNow();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("SMPP simulator on port {} closed", serverSocket.getLocalPort());
    }

    /**
     * Runs a simulator until the process ends and prints its port to stdout. Arguments:
     * {@code [port [systemId password]] [--option=value ...]}, port 2775 by default (0 picks a free
     * one); the options set receipt delay, receipt outcomes, network names, early receipts,
     * throttling and rejections ({@code --receipt-outcome=^\+1555011=UNDELIV}; see SimulatorCommandLine).
     */
    public static void main(String[] args) throws Exception {
        SmppSimulator simulator = SimulatorCommandLine.start(args);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "smpp-sim-shutdown"));
        // Scripts read the port from here, so it goes to stdout whatever the logging setup.
        System.out.println("SMPP simulator listening on port " + simulator.port());
        System.out.flush();
        stopped.await();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
