package org.smsswitch.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.smsswitch.api.admin.ws.CreateKeyword;
import org.smsswitch.api.admin.ws.Period;
import org.smsswitch.api.ws.CancelSend;
import org.smsswitch.api.ws.FaultCode;
import org.smsswitch.api.ws.ImmediateStatus;
import org.smsswitch.api.ws.InvalidRequestFault;
import org.smsswitch.api.ws.MessageStatus;
import org.smsswitch.api.ws.NotFoundFault;
import org.smsswitch.api.ws.Send;
import org.smsswitch.testing.Await;
import org.smsswitch.testing.MutableClock;
import org.smsswitch.testing.TestSwitch;

/**
 * Deferred sends through the queue: sent when due and not before, cancelled while waiting, stopped by
 * an opt-out that comes after queueing, and taken over from a node that stopped. The test moves the
 * switch's clock and drains by hand.
 */
abstract class AbstractQueueIT {
    static final Map<String, String> SETTINGS = Map.of("queue.drain-threads", "0");
    static final MutableClock clock = new MutableClock();
    private static final AtomicLong numbers = new AtomicLong(5_550_600_000L);

    abstract TestSwitch server();

    String optedIn() {
        return server().optInToAlerts("+1" + numbers.incrementAndGet());
    }

    MessageStatus sendLater(String to, Duration after) throws Exception {
        Send send = new Send();
        send.setShortCode("55555");
        send.setKeyword("ALERTS");
        send.setTo(to);
        send.setText("Planned maintenance tomorrow at 9");
        send.setSendTime(xml(clock.instant().plus(after)));
        return server().demo().send(send).getStatus();
    }

    /** A message sent for a minute from now, and the clock moved past that minute: due, not yet drained. */
    MessageStatus queuedAndDue(String to) throws Exception {
        MessageStatus queued = sendLater(to, Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(2));
        return queued;
    }

    static javax.xml.datatype.XMLGregorianCalendar xml(Instant at) throws Exception {
        return javax.xml.datatype.DatatypeFactory.newInstance().newXMLGregorianCalendar(
                java.util.GregorianCalendar.from(at.atZone(java.time.ZoneOffset.UTC)));
    }

    QueueDrainer drainer() {
        return server().smsSwitch().drainer();
    }

    void drainAll() {
        while (drainer().drainOnce() > 0) {
            // until nothing due is left
        }
    }

    /**
     * Drains the one due message with the carrier's answer held back, runs {@code meanwhile} while the
     * submit waits for it, then lets the answer go and waits for the drain to record it.
     */
    void drainWhileTheCarrierHoldsItsAnswer(Runnable meanwhile) throws Exception {
        var simulator = server().smsSwitch().simulator();
        simulator.holdResponses();
        CompletableFuture<Integer> draining;
        try {
            draining = CompletableFuture.supplyAsync(() -> drainer().drainOnce());
            Await.until(Duration.ofSeconds(10), "the submit to reach the carrier", () -> simulator.heldSubmits() == 1);
            meanwhile.run();
        } finally {
            simulator.releaseResponses();
        }
        assertEquals(1, draining.get(10, TimeUnit.SECONDS));
    }

    @Test
    void a_deferred_send_waits_in_the_queue_and_goes_when_due() throws Exception {
        String number = optedIn();
        MessageStatus queued = sendLater(number, Duration.ofHours(1));

        assertEquals(ImmediateStatus.QUEUED, queued.getImmediateStatus());
        assertFalse(queued.isFinal());
        assertEquals(0, drainer().drainOnce());
        assertTrue(server().smsSwitch().simulator().received().stream().noneMatch(r -> r.destination().equals(number)));

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        drainAll();

        MessageStatus sent = server().status(queued.getMessageId());
        assertEquals(ImmediateStatus.ACCEPTED, sent.getImmediateStatus());
        assertEquals(1, server().smsSwitch().simulator().received().stream()
                .filter(r -> r.destination().equals(number)).count());
    }

    @Test
    void a_queued_message_is_cancelled_and_never_sent() throws Exception {
        String number = optedIn();
        MessageStatus queued = sendLater(number, Duration.ofMinutes(30));
        CancelSend cancel = new CancelSend();
        cancel.setMessageId(queued.getMessageId());

        assertEquals(1, server().demo().cancelSend(cancel).getCancelled());
        clock.advance(Duration.ofMinutes(31));
        drainAll();

        MessageStatus cancelled = server().status(queued.getMessageId());
        assertEquals(ImmediateStatus.CANCELLED, cancelled.getImmediateStatus());
        assertTrue(cancelled.isFinal());
        assertTrue(server().smsSwitch().simulator().received().stream().noneMatch(r -> r.destination().equals(number)));
        InvalidRequestFault again = assertThrows(InvalidRequestFault.class, () -> server().demo().cancelSend(cancel));
        assertEquals(FaultCode.NOT_CANCELLABLE, again.getFaultInfo().getCode());
    }

    @Test
    void a_sent_message_or_another_accounts_is_not_cancelled() throws Exception {
        MessageStatus sent = server().send(optedIn(), "Now");
        CancelSend cancel = new CancelSend();
        cancel.setMessageId(sent.getMessageId());
        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> server().demo().cancelSend(cancel));
        assertEquals(FaultCode.NOT_CANCELLABLE, fault.getFaultInfo().getCode());

        CancelSend unknown = new CancelSend();
        unknown.setMessageId("999999999");
        assertThrows(NotFoundFault.class, () -> server().demo().cancelSend(unknown));
    }

    @Test
    void an_opt_out_after_queueing_stops_the_message_when_it_comes_off_the_queue() throws Exception {
        String number = optedIn();
        MessageStatus queued = sendLater(number, Duration.ofMinutes(10));
        long keywordId = server().smsSwitch().database().sessionFactory().fromTransaction(s -> s
                .createSelectionQuery("select k.id from Keyword k where k.word = 'ALERTS'", Long.class)
                .getSingleResult());
        assertTrue(server().smsSwitch().optIns().optOut(keywordId, number, "MO: STOP"));

        clock.advance(Duration.ofMinutes(11));
        drainAll();

        MessageStatus stopped = server().status(queued.getMessageId());
        assertEquals(ImmediateStatus.NOT_SENT_NO_OPT_IN, stopped.getImmediateStatus());
        assertTrue(server().smsSwitch().simulator().received().stream().noneMatch(r -> r.destination().equals(number)));
    }

    @Test
    void an_answer_that_comes_after_another_node_took_the_message_over_is_not_recorded() throws Exception {
        String number = optedIn();
        MessageStatus queued = queuedAndDue(number);
        long id = Long.parseLong(queued.getMessageId());
        drainWhileTheCarrierHoldsItsAnswer(() ->
                // This node could not renew its claim for a whole lease, and another node took the message over.
                server().smsSwitch().database().sessionFactory().inTransaction(s -> s
                        .find(org.smsswitch.status.MtMessage.class, id).claim("other-node", clock.instant().plusSeconds(300))));

        MessageStatus status = server().status(queued.getMessageId());
        assertEquals(ImmediateStatus.QUEUED, status.getImmediateStatus(), "what the other node records stands");
        assertEquals("other-node", server().smsSwitch().database().sessionFactory().fromTransaction(s -> s
                .find(org.smsswitch.status.MtMessage.class, id).claimedBy()));
    }

    @Test
    void a_message_claimed_by_a_stopped_node_is_taken_over_and_counted_as_resubmitted() throws Exception {
        String number = optedIn();
        MessageStatus queued = sendLater(number, Duration.ofMinutes(5));
        long id = Long.parseLong(queued.getMessageId());
        // A node claimed it when it fell due, then stopped before it recorded anything.
        Instant due = clock.instant().plus(Duration.ofMinutes(5));
        server().smsSwitch().database().sessionFactory().inTransaction(s -> s
                .find(org.smsswitch.status.MtMessage.class, id).claim("stopped-node", due.plusSeconds(120)));

        clock.advance(Duration.ofMinutes(6));
        assertEquals(0, drainer().drainOnce(), "the claim still holds");
        clock.advance(Duration.ofMinutes(2));
        drainAll();

        MessageStatus sent = server().status(queued.getMessageId());
        assertEquals(ImmediateStatus.ACCEPTED, sent.getImmediateStatus());
        assertEquals(1, sent.getResubmissions());
    }

    @Test
    void a_submit_that_waits_longer_than_the_lease_keeps_its_claim_and_is_sent_once() throws Exception {
        String number = optedIn();
        MessageStatus queued = queuedAndDue(number);
        long id = Long.parseLong(queued.getMessageId());
        var dispatcher = server().smsSwitch().dispatcher();
        drainWhileTheCarrierHoldsItsAnswer(() -> {
            // The carrier is slow to answer: the lease would have run out by now.
            clock.advance(dispatcher.lease().plusSeconds(1));
            dispatcher.renewClaims();

            assertTrue(claimUntil(id).isAfter(clock.instant()), "the claim was renewed while the submit waited");
            assertEquals(0, drainer().drainOnce(), "a renewed claim is not taken over");
        });
        var simulator = server().smsSwitch().simulator();
        MessageStatus sent = server().status(queued.getMessageId());
        assertEquals(ImmediateStatus.ACCEPTED, sent.getImmediateStatus());
        assertEquals(0, sent.getResubmissions());
        assertEquals(1, simulator.received().stream().filter(r -> r.destination().equals(number)).count());
    }

    private Instant claimUntil(long id) {
        return server().smsSwitch().database().sessionFactory().fromTransaction(s -> s
                .find(org.smsswitch.status.MtMessage.class, id).claimUntil());
    }

    @Test
    void a_message_the_carrier_kept_refusing_is_given_up_a_day_after_its_send_time() throws Exception {
        String number = optedIn();
        MessageStatus queued = sendLater(number, Duration.ofMinutes(1));
        long id = Long.parseLong(queued.getMessageId());
        Instant sendTime = clock.instant().plus(Duration.ofMinutes(1));
        // Tried every 30 s all day while the carrier was down: each try put it off by another 30 s.
        clock.advance(Duration.ofHours(24).plusMinutes(2));
        server().smsSwitch().database().sessionFactory().inTransaction(s -> s
                .find(org.smsswitch.status.MtMessage.class, id).release(clock.instant().plusSeconds(30), clock.instant()));

        server().smsSwitch().finalizer().run();

        MessageStatus given = server().status(queued.getMessageId());
        assertEquals(ImmediateStatus.NOT_SENT_CARRIER_UNAVAILABLE, given.getImmediateStatus(),
                "given up a day after its send time, " + sendTime);
        assertTrue(given.isFinal());
    }

    @Test
    void two_claims_at_once_keep_a_number_within_the_limit_of_a_keyword_that_needs_no_opt_in() throws Exception {
        long keywordId = keywordWithoutOptIn("NOTICE" + numbers.incrementAndGet() % 100_000, 1);
        String number = "+1" + numbers.incrementAndGet();
        // Two messages to one number, both queued (accepted at once by two switches, say); no opt-in
        // row of the number's to lock.
        List<Long> ids = server().smsSwitch().database().sessionFactory().fromTransaction(s -> {
            long account = s.createSelectionQuery("select a.id from Account a where a.username = 'demo'", Long.class)
                    .getSingleResult();
            long shortCode = s.createSelectionQuery("select c.id from ShortCode c where c.code = '55555'", Long.class)
                    .getSingleResult();
            List<Long> queued = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                var m = new org.smsswitch.status.MtMessage(account, shortCode, keywordId, number, "Notice " + i, 1,
                        org.smsswitch.send.SendService.PRIORITY_BULK, null, null, clock.instant());
                s.persist(m);
                queued.add(m.id());
            }
            return queued;
        });
        var dispatcher = server().smsSwitch().dispatcher();
        // Each claim takes its message and waits for the other before the rules are checked.
        CyclicBarrier bothClaimed = new CyclicBarrier(2);
        List<CompletableFuture<Integer>> claims = new ArrayList<>();
        for (long id : ids) {
            claims.add(CompletableFuture.supplyAsync(() -> dispatcher.dispatchQueued(s -> {
                var m = s.find(org.smsswitch.status.MtMessage.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
                m.claim(dispatcher.node(), clock.instant().plus(dispatcher.lease()));
                s.flush();
                try {
                    bothClaimed.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return List.of(m);
            })));
        }
        for (CompletableFuture<Integer> claim : claims) {
            assertEquals(1, claim.get(30, TimeUnit.SECONDS));
        }

        List<ImmediateStatus> outcomes = ids.stream().map(id -> server().status(Long.toString(id)).getImmediateStatus())
                .sorted().toList();
        assertEquals(List.of(ImmediateStatus.ACCEPTED, ImmediateStatus.NOT_SENT_MSG_LIMIT_EXCEEDED), outcomes);
        assertEquals(1, server().smsSwitch().simulator().received().stream()
                .filter(r -> r.destination().equals(number)).count());
    }

    /** A keyword of the demo account's on 55555 that needs no opt-in, with a monthly limit. */
    long keywordWithoutOptIn(String word, int maxPerMonth) throws Exception {
        CreateKeyword k = new CreateKeyword();
        k.setShortCode("55555");
        k.setKeyword(word);
        k.setAccount("demo");
        k.setServiceName("Notices");
        k.setRecurring(true);
        k.setMaxMessages(maxPerMonth);
        k.setPeriod(Period.MONTH);
        k.setOptInRequired(false);
        k.setWelcomeText("Thanks for joining Notices. Msg&Data rates may apply. Max " + maxPerMonth
                + " msgs/mo. STOP2Quit, HELP4More");
        k.setHelpText("Notices: Max " + maxPerMonth + " msgs/mo. Help at example.com/notices");
        k.setQuitText("This message confirms that you have quit Notices. No more messages will be sent. HELP4More");
        server().admin().createKeyword(k);
        return server().smsSwitch().database().sessionFactory().fromTransaction(s -> s
                .createSelectionQuery("select k.id from Keyword k where k.word = :w", Long.class)
                .setParameter("w", word).getSingleResult());
    }

    @Test
    void a_message_still_queued_a_day_after_its_send_time_is_given_up() throws Exception {
        String number = optedIn();
        MessageStatus queued = sendLater(number, Duration.ofMinutes(1));
        // No node drained it all day (every carrier connection down, say).
        clock.advance(Duration.ofHours(25));

        server().smsSwitch().finalizer().run();

        MessageStatus given = server().status(queued.getMessageId());
        assertEquals(ImmediateStatus.NOT_SENT_CARRIER_UNAVAILABLE, given.getImmediateStatus());
        assertTrue(given.isFinal());
        assertTrue(given.getDetail().startsWith("Still queued 24 h after its send time"), given.getDetail());
        drainAll();
        assertTrue(server().smsSwitch().simulator().received().stream().noneMatch(r -> r.destination().equals(number)));
    }
}
