package org.smsswitch.carrier.smpp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.smsswitch.carrier.SmsText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process SMSC (jSMPP server side) on the loopback interface, for tests and local runs: accepts
 * binds, answers every submit_sm with a new id, records what it received, sends delivery receipts
 * when asked, rejects destinations by rule, and injects mobile-originated messages. Thread-safe.
 */
public final class SmppSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmppSimulator.class);

    private static final String SMSC_SYSTEM_ID = "smppsim";
    private static final long BIND_TIMEOUT_MILLIS = 5_000;
    private static final long RESPONSE_TIMEOUT_MILLIS = 5_000;

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
        this.receipts = Executors.newScheduledThreadPool(2, daemon("smpp-sim-receipt"));
        this.handler = new SimulatorPduHandler(receipts, s -> sessions.getOrDefault(s, ""));
        LoopbackServerConnectionFactory sockets = new LoopbackServerConnectionFactory();
        this.listener = new SMPPServerSessionListener(port, sockets);
        this.serverSocket = sockets.serverSocket;
        listener.setPduProcessorDegree(8);
        listener.setQueueCapacity(10_000);
        listener.setMessageReceiverListener(handler);
        listener.setResponseDeliveryListener(handler);
        listener.setSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED) {
                sessions.remove(source);
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

    /** A snapshot of the submits received so far, in arrival order. */
    public List<ReceivedSubmit> received() {
        return handler.received();
    }

    public void clearReceived() {
        handler.clearReceived();
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
        handler.reject(Pattern.compile(destinationRegex), CommandStatus.valueOf(commandStatus));
        return this;
    }

    public void clearRejectionRules() {
        handler.clearRules();
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
        binds.shutdownNow();
        receipts.shutdownNow();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("SMPP simulator on port {} closed", serverSocket.getLocalPort());
    }

    /** Runs a simulator until the process ends. Arguments: {@code [port [systemId password]]}. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 2775;
        SmppSimulator simulator = args.length > 2 ? start(port, args[1], args[2]) : start(port);
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

    /** Listens on loopback and keeps the socket, so {@link #port()} can report a port picked by the OS. */
    private static final class LoopbackServerConnectionFactory implements ServerConnectionFactory {
        private ServerSocket serverSocket;

        @Override
        public ServerConnection listen(int port) throws IOException {
            return listen(port, 0);
        }

        @Override
        public ServerConnection listen(int port, int timeout) throws IOException {
            return listen(port, timeout, 50);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            ServerSocket socket = new ServerSocket();
            try {
                // A restart on the same port must not wait for the old connections' TIME_WAIT.
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
                socket.setSoTimeout(timeout);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            serverSocket = socket;
            return new ServerSocketConnection(socket);
        }
    }
}
