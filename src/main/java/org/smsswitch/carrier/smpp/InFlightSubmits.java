package org.smsswitch.carrier.smpp;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPSession;

/**
 * Runs each submit_sm's blocking jSMPP call on a gateway thread, so that a dropped bind releases every
 * caller waiting on it at once: closing a jSMPP session leaves its pending requests waiting for their
 * whole transaction timer. Cancelling a call interrupts its thread, which ends jSMPP's wait too.
 */
final class InFlightSubmits {

    /** One submit_sm on a session, returning the SMSC's message id. */
    @FunctionalInterface
    interface Pdu {
        String send(SMPPSession session) throws PDUException, ResponseTimeoutException, InvalidResponseException,
                NegativeResponseException, IOException;
    }

    private final ExecutorService workers;
    private final long maxWaitNanos;
    private final Map<Call, SMPPSession> calls = new ConcurrentHashMap<>();

    /**
     * @param maxWaitNanos how long a caller waits at most; jSMPP's transaction timer should end the
     *     call first
     */
    InFlightSubmits(String label, long maxWaitNanos) {
        this.maxWaitNanos = maxWaitNanos;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "smpp-submit-" + label + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Sends the PDU on the session and waits for its response.
     *
     * @throws NegativeResponseException the SMSC answered with an error status
     * @throws PDUException the PDU could not be encoded; nothing was sent
     * @throws NotAnsweredException no answer: not sent, bind dropped, timed out or interrupted
     */
    String send(SMPPSession session, Pdu pdu) throws NegativeResponseException, PDUException, NotAnsweredException {
        Call call = new Call(session, pdu);
        calls.put(call, session);
        try {
            // Registered before looking: a drop after this look finds the call and cancels it.
            if (!session.getSessionState().isBound()) {
                throw new NotAnsweredException("not bound", false, null);
            }
            try {
                workers.execute(call.task);
            } catch (RejectedExecutionException e) {
                throw new NotAnsweredException("gateway closed", false, e);
            }
            return call.await(maxWaitNanos);
        } finally {
            calls.remove(call);
        }
    }

    /** Releases every caller waiting on the session, which has closed. */
    void dropped(SMPPSession session) {
        calls.forEach((call, s) -> {
            if (s == session) {
                call.task.cancel(true);
            }
        });
    }

    /** Releases every waiting caller and stops the threads. */
    void shutdown() {
        calls.keySet().forEach(call -> call.task.cancel(true));
        workers.shutdownNow();
    }

    private static final class Call {
        private final FutureTask<String> task;
        private volatile boolean started;

        Call(SMPPSession session, Pdu pdu) {
            this.task = new FutureTask<>(() -> {
                started = true;
                return pdu.send(session);
            });
        }

        String await(long maxWaitNanos) throws NegativeResponseException, PDUException, NotAnsweredException {
            try {
                return task.get(maxWaitNanos, TimeUnit.NANOSECONDS);
            } catch (CancellationException e) {
                throw new NotAnsweredException("the bind dropped before the submit_sm_resp", started, null);
            } catch (TimeoutException e) {
                task.cancel(true);
                throw new NotAnsweredException("no submit_sm_resp in time", true, null);
            } catch (InterruptedException e) {
                task.cancel(true);
                Thread.currentThread().interrupt();
                throw new NotAnsweredException("interrupted while waiting for the submit_sm_resp", started, e);
            } catch (ExecutionException e) {
                throw unwrap(e.getCause());
            }
        }

        private static NotAnsweredException unwrap(Throwable cause) throws NegativeResponseException, PDUException {
            if (cause instanceof NegativeResponseException negative) {
                throw negative;
            }
            if (cause instanceof PDUException pdu) {
                throw pdu;
            }
            if (cause instanceof ResponseTimeoutException || cause instanceof InvalidResponseException) {
                // Written, and then no usable answer: the SMSC may have taken it.
                return new NotAnsweredException(cause.getMessage(), true, cause);
            }
            if (cause instanceof IOException) {
                // jSMPP throws it when not bound or when the write itself failed: no whole PDU went out.
                return new NotAnsweredException(cause.getMessage(), false, cause);
            }
            if (cause instanceof Error error) {
                throw error;
            }
            return new NotAnsweredException("submit failed: " + cause, true, cause);
        }
    }
}
