package org.smsswitch.persistence;

import java.util.function.Consumer;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/** Runs work in one database transaction: committed when it returns, rolled back when it throws. */
public final class Transactions {
    private final SessionFactory sessionFactory;

    public Transactions(SessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    public <T> T call(Function<Session, T> work) {
        return sessionFactory.fromTransaction(work);
    }

    public void run(Consumer<Session> work) {
        sessionFactory.inTransaction(work);
    }
}
