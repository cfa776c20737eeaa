package org.smsswitch.carrier.smpp;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jsmpp.session.Session;

/**
 * Lets the simulator read submit_sm and not answer them until released, so tests can have submits
 * in flight when a connection drops. A held submit also ends when its session closes.
 */
final class ResponseHold {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean holding;
    private int waiting;

    void hold() {
        lock.lock();
        try {
            holding = true;
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            holding = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A session closed: its held submits stop waiting. */
    void sessionsChanged() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Submits held now. */
    int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    /** Waits while responses are held and the session is bound. */
    void awaitRelease(Session session) throws InterruptedException {
        lock.lock();
        try {
            waiting++;
            try {
                while (holding && session.getSessionState().isBound()) {
                    changed.await();
                }
            } finally {
                waiting--;
            }
        } finally {
            lock.unlock();
        }
    }
}
