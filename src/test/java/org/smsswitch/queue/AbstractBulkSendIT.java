package org.smsswitch.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.Session;
import org.hibernate.Transaction;
import org.junit.jupiter.api.Test;
import org.smsswitch.api.admin.ws.CreateAccount;
import org.smsswitch.api.admin.ws.CreateKeyword;
import org.smsswitch.api.admin.ws.Role;
import org.smsswitch.api.ws.AccessDeniedFault;
import org.smsswitch.api.ws.CancelSend;
import org.smsswitch.api.ws.FaultCode;
import org.smsswitch.api.ws.GetStatus;
import org.smsswitch.api.ws.GetStatusResponse;
import org.smsswitch.api.ws.ImmediateStatus;
import org.smsswitch.api.ws.InvalidRequestFault;
import org.smsswitch.api.ws.MessageStatus;
import org.smsswitch.api.ws.NumberResult;
import org.smsswitch.api.ws.OptIn;
import org.smsswitch.api.ws.OptInKind;
import org.smsswitch.api.ws.OptInResponse;
import org.smsswitch.api.ws.Send;
import org.smsswitch.api.ws.SendList;
import org.smsswitch.api.ws.SendListResponse;
import org.smsswitch.api.ws.SmsPortType;
import org.smsswitch.api.ws.StatusCount;
import org.smsswitch.api.ws.StatusTransition;
import org.smsswitch.api.ws.Subscription;
import org.smsswitch.api.ws.Tag;
import org.smsswitch.status.MtMessage;
import org.smsswitch.status.MtStatusEvent;
import org.smsswitch.testing.Await;
import org.smsswitch.testing.MutableClock;
import org.smsswitch.testing.SoapClients;
import org.smsswitch.testing.TestSwitch;

/**
 * SendList, Subscription and OptIn through the SOAP API, drained by hand: per-number outcomes,
 * counts by batch, a STOP after queueing, cancelling a batch, the order the queue is drained in, and
 * the change feed a poller pages through.
 */
abstract class AbstractBulkSendIT {
    /** No drain of its own: each test drains when it means to. */
    static final Map<String, String> SETTINGS = Map.of("queue.drain-threads", "0", "queue.batch-size", "100");
    static final MutableClock clock = new MutableClock();
    private static final AtomicLong numbers = new AtomicLong(5_550_700_000L);

    abstract TestSwitch server();

    static List<String> fresh(int count) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add("+1" + numbers.incrementAndGet());
        }
        return list;
    }

    OptInResponse optIn(SmsPortType client, String keyword, List<String> to, Map<String, String> tags)
            throws Exception {
        OptIn optIn = new OptIn();
        optIn.setShortCode("55555");
        optIn.setKeyword(keyword);
        optIn.setKind(OptInKind.LIST);
        optIn.setProof("list upload by test");
        optIn.getNumber().addAll(to);
        tags.forEach((name, value) -> optIn.getTag().add(tag(name, value)));
        return client.optIn(optIn);
    }

    List<String> optedIn(int count) throws Exception {
        List<String> to = fresh(count);
        optIn(server().demo(), "ALERTS", to, Map.of());
        return to;
    }

    static SendList list(String keyword, List<String> to) {
        SendList list = new SendList();
        list.setShortCode("55555");
        list.setKeyword(keyword);
        list.setText("Crews are working on an outage in your area");
        list.getTo().addAll(to);
        return list;
    }

    static Tag tag(String name, String value) {
        Tag tag = new Tag();
        tag.setName(name);
        tag.setValue(value);
        return tag;
    }

    /** The batch's counts as "immediate/delivery" to count. */
    Map<String, Integer> counts(String batchId) {
        return counts(batchId, server().demo());
    }

    int countOf(Map<String, Integer> counts, String immediate) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(immediate + "/"))
                .mapToInt(Map.Entry::getValue).sum();
    }

    long received(String number) {
        return server().smsSwitch().simulator().received().stream().filter(r -> r.destination().equals(number)).count();
    }

    void drainAll() {
        while (server().smsSwitch().drainer().drainOnce() > 0) {
            // until nothing due is left
        }
    }

    @Test
    void a_list_is_accepted_in_one_call_with_an_outcome_for_every_entry() throws Exception {
        List<String> opted = optedIn(2);
        String stranger = fresh(1).get(0);
        String spaced = "+1 " + opted.get(0).substring(2, 5) + " " + opted.get(0).substring(5);
        SendList list = list("ALERTS", List.of(opted.get(0), opted.get(1), stranger, "12", spaced));

        SendListResponse response = server().demo().sendList(list);

        assertEquals(2, response.getAccepted());
        assertEquals(3, response.getRefused());
        List<NumberResult> results = response.getResult();
        assertEquals(5, results.size(), "one result per entry, in list order");
        assertEquals(ImmediateStatus.QUEUED, results.get(0).getImmediateStatus());
        assertEquals(ImmediateStatus.QUEUED, results.get(1).getImmediateStatus());
        assertEquals(ImmediateStatus.NOT_SENT_NO_OPT_IN, results.get(2).getImmediateStatus());
        assertEquals(FaultCode.INVALID_PHONE_NUMBER, results.get(3).getError().getCode());
        assertNull(results.get(3).getMessageId());
        assertEquals(FaultCode.DUPLICATE_NUMBER, results.get(4).getError().getCode());
        assertEquals(Map.of("Queued/Not Sent", 2, "Not Sent:No Opt-In/Not Sent", 1), counts(response.getBatchId()));

        drainAll();

        Map<String, Integer> drained = counts(response.getBatchId());
        assertEquals(2, countOf(drained, "Accepted"), drained.toString());
        assertEquals(1, received(opted.get(0)), "a number listed twice is sent one message");
        assertEquals(1, received(opted.get(1)));
        assertEquals(0, received(stranger));
        MessageStatus first = server().status(results.get(0).getMessageId());
        assertEquals(response.getBatchId(), first.getBatchId());
    }

    @Test
    void a_list_of_100000_numbers_is_taken_in_one_call_and_one_more_is_refused_naming_the_limit() throws Exception {
        // Numbers with no opt-in: each is refused in the batch, so nothing waits to be drained.
        List<String> to = fresh(100_000);

        SendListResponse response = server().demo().sendList(list("ALERTS", to));

        assertEquals(0, response.getAccepted());
        assertEquals(100_000, response.getRefused());
        assertEquals(100_000, response.getResult().size(), "one result per number, past CXF's default limit");
        assertEquals(ImmediateStatus.NOT_SENT_NO_OPT_IN, response.getResult().get(99_999).getImmediateStatus());
        assertEquals(Map.of("Not Sent:No Opt-In/Not Sent", 100_000), counts(response.getBatchId()));
        List<String> tooMany = new ArrayList<>(to);
        tooMany.addAll(fresh(1));
        InvalidRequestFault refused = assertThrows(InvalidRequestFault.class,
                () -> server().demo().sendList(list("ALERTS", tooMany)));
        assertEquals(FaultCode.TOO_MANY_NUMBERS, refused.getFaultInfo().getCode());
        assertEquals("to", refused.getFaultInfo().getField());
    }

    @Test
    void a_list_refuses_a_keyword_of_another_account_and_an_empty_list_whole() {
        InvalidRequestFault unknown = assertThrows(InvalidRequestFault.class,
                () -> server().demo().sendList(list("NOSUCHWORD", fresh(1))));
        assertEquals(FaultCode.UNKNOWN_KEYWORD, unknown.getFaultInfo().getCode());
        InvalidRequestFault empty = assertThrows(InvalidRequestFault.class,
                () -> server().demo().sendList(list("ALERTS", List.of())));
        assertEquals(FaultCode.MISSING_FIELD, empty.getFaultInfo().getCode());
        assertEquals("to", empty.getFaultInfo().getField());
    }

    @Test
    void a_stop_between_queueing_and_draining_blocks_that_number_only() throws Exception {
        List<String> to = optedIn(3);
        SendListResponse response = server().demo().sendList(list("ALERTS", to));
        long keywordId = server().smsSwitch().database().sessionFactory().fromTransaction(s -> s
                .createSelectionQuery("select k.id from Keyword k where k.word = 'ALERTS'", Long.class)
                .getSingleResult());
        assertTrue(server().smsSwitch().optIns().optOut(keywordId, to.get(1), "MO: STOP"));

        drainAll();

        Map<String, Integer> counts = counts(response.getBatchId());
        assertEquals(2, countOf(counts, "Accepted"));
        assertEquals(1, countOf(counts, "Not Sent:No Opt-In"));
        assertEquals(0, received(to.get(1)));
        MessageStatus stopped = server().status(response.getResult().get(1).getMessageId());
        assertEquals(ImmediateStatus.NOT_SENT_NO_OPT_IN, stopped.getImmediateStatus());
        assertTrue(stopped.isFinal());
    }

    @Test
    void the_limit_is_checked_again_as_a_message_comes_off_the_queue() throws Exception {
        List<String> to = optedIn(2);
        SendListResponse response = server().demo().sendList(list("ALERTS", to));
        // Meanwhile the carrier took ALERTS' 4 messages of the month for the first number (sent by
        // another node, say).
        MtMessage queued = server().smsSwitch().database().sessionFactory().fromTransaction(s ->
                s.find(MtMessage.class, Long.parseLong(response.getResult().get(0).getMessageId())));
        server().smsSwitch().database().sessionFactory().inTransaction(s -> {
            for (int i = 0; i < 4; i++) {
                MtMessage sent = new MtMessage(queued.accountId(), queued.shortCodeId(), queued.keywordId(),
                        to.get(0), "Earlier alert", 1, 1, null, null, clock.instant());
                sent.accepted("default", null, "earlier-" + i + "-" + to.get(0), 1, clock.instant());
                s.persist(sent);
            }
        });

        drainAll();

        MessageStatus over = server().status(response.getResult().get(0).getMessageId());
        assertEquals(ImmediateStatus.NOT_SENT_MSG_LIMIT_EXCEEDED, over.getImmediateStatus());
        assertTrue(over.getDetail().contains("Max 4 msgs/mo"), over.getDetail());
        assertEquals(ImmediateStatus.ACCEPTED,
                server().status(response.getResult().get(1).getMessageId()).getImmediateStatus());
        assertEquals(0, received(to.get(0)));
    }

    @Test
    void a_subscription_goes_to_every_number_opted_in_with_the_given_tags() throws Exception {
        String area = "north-" + numbers.get();
        List<String> north = fresh(3);
        List<String> south = fresh(2);
        optIn(server().demo(), "ALERTS", north, Map.of("area", area, "plan", "residential"));
        optIn(server().demo(), "ALERTS", south, Map.of("area", "south-" + numbers.get()));
        Subscription subscription = new Subscription();
        subscription.setShortCode("55555");
        subscription.setKeyword("ALERTS");
        subscription.setText("Planned maintenance in your area tonight");
        subscription.getTag().add(tag("area", area));
        subscription.getTag().add(tag("plan", "residential"));

        var response = server().demo().subscription(subscription);

        assertEquals(3, response.getRecipients());
        drainAll();
        assertEquals(3, countOf(counts(response.getBatchId()), "Accepted"));
        north.forEach(n -> assertEquals(1, received(n), n));
        south.forEach(n -> assertEquals(0, received(n), n));
    }

    @Test
    void cancelling_a_batch_cancels_what_is_still_queued() throws Exception {
        SendList list = list("ALERTS", optedIn(4));
        list.setSendTime(AbstractQueueIT.xml(clock.instant().plus(Duration.ofHours(2))));
        SendListResponse response = server().demo().sendList(list);
        CancelSend cancel = new CancelSend();
        cancel.setBatchId(response.getBatchId());

        assertEquals(4, server().demo().cancelSend(cancel).getCancelled());
        assertEquals(0, server().demo().cancelSend(cancel).getCancelled(), "nothing is left to cancel");

        clock.advance(Duration.ofHours(3));
        drainAll();
        assertEquals(Map.of("Cancelled/Not Sent", 4), counts(response.getBatchId()));
        list.getTo().forEach(n -> assertEquals(0, received(n)));
    }

    @Test
    void another_account_sees_neither_the_batch_nor_its_changes() throws Exception {
        SendListResponse response = server().demo().sendList(list("ALERTS", optedIn(1)));
        SmsPortType other = otherClient();
        GetStatus get = new GetStatus();
        get.setBatchId(response.getBatchId());
        var fault = assertThrows(org.smsswitch.api.ws.NotFoundFault.class, () -> other.getStatus(get));
        assertEquals(FaultCode.NOT_FOUND, fault.getFaultInfo().getCode());
        assertEquals("batchId", fault.getFaultInfo().getField());
        CancelSend cancel = new CancelSend();
        cancel.setBatchId(response.getBatchId());
        assertThrows(org.smsswitch.api.ws.NotFoundFault.class, () -> other.cancelSend(cancel));
        drainAll();
    }

    @Test
    void opt_ins_report_bad_entries_and_point_of_sale_needs_permission() throws Exception {
        List<String> to = fresh(2);
        OptIn optIn = new OptIn();
        optIn.setShortCode("55555");
        optIn.setKeyword("ALERTS");
        optIn.setKind(OptInKind.WEB);
        optIn.setProof("https://example.com/signup from 192.0.2.7");
        optIn.getNumber().addAll(List.of(to.get(0), "not a number", to.get(1), to.get(0)));

        OptInResponse response = server().demo().optIn(optIn);

        assertEquals(2, response.getOptedIn());
        assertEquals(2, response.getResult().size(), "a result for each entry left out");
        assertEquals(FaultCode.INVALID_PHONE_NUMBER, response.getResult().get(0).getError().getCode());
        assertEquals(FaultCode.DUPLICATE_NUMBER, response.getResult().get(1).getError().getCode());

        optIn.setKind(OptInKind.POINT_OF_SALE);
        AccessDeniedFault denied = assertThrows(AccessDeniedFault.class, () -> server().demo().optIn(optIn));
        assertEquals("kind", denied.getFaultInfo().getField());
        optIn.setKind(OptInKind.LIST);
        optIn.setProof(" ");
        assertThrows(InvalidRequestFault.class, () -> server().demo().optIn(optIn));
    }

    @Test
    void the_queue_sends_direct_sends_first_and_shares_bulk_between_accounts() throws Exception {
        drainAll();
        SmsPortType other = otherClient();
        List<String> big = optedIn(300);
        List<String> small = fresh(5);
        optIn(other, otherKeyword, small, Map.of());
        SendListResponse bigList = server().demo().sendList(list("ALERTS", big));
        SendListResponse smallList = other.sendList(list(otherKeyword, small));
        // A Send that fell due: a direct send, which goes before any bulk.
        Send send = new Send();
        send.setShortCode("55555");
        send.setKeyword("ALERTS");
        send.setTo(optedIn(1).get(0));
        send.setText("Your appointment is confirmed");
        send.setSendTime(AbstractQueueIT.xml(clock.instant().plus(Duration.ofSeconds(1))));
        MessageStatus deferred = server().demo().send(send).getStatus();
        clock.advance(Duration.ofSeconds(2));

        assertEquals(100, server().smsSwitch().drainer().drainOnce(), "one batch");

        assertEquals(ImmediateStatus.ACCEPTED, server().status(deferred.getMessageId()).getImmediateStatus());
        assertEquals(5, countOf(counts(smallList.getBatchId(), other), "Accepted"),
                "the small list is not held up behind the big one");
        assertEquals(94, countOf(counts(bigList.getBatchId()), "Accepted"));
        drainAll();
        assertEquals(300, countOf(counts(bigList.getBatchId()), "Accepted"));
    }

    @Test
    void the_cursor_gives_every_change_once_page_by_page() throws Exception {
        String start = endOfFeed("");
        List<String> to = optedIn(12);
        SendListResponse response = server().demo().sendList(list("ALERTS", to));
        drainAll();
        Await.until(Duration.ofSeconds(30), "every message of the list final",
                () -> countOf(counts(response.getBatchId()), "Accepted") == 12
                        && counts(response.getBatchId()).keySet().stream().noneMatch(k -> k.endsWith("Awaiting Status")));

        Map<String, List<String>> feed = new HashMap<>();
        String cursor = start;
        int pages = 0;
        while (true) {
            GetStatusResponse page = poll(cursor, 5);
            for (MessageStatus change : page.getStatus()) {
                feed.computeIfAbsent(change.getMessageId(), k -> new ArrayList<>())
                        .add(change.getImmediateStatus().value() + "/" + change.getDeliveryStatus().value());
            }
            if (page.getStatus().isEmpty()) {
                assertEquals(cursor, page.getNextCursor(), "nothing new: the same cursor");
                break;
            }
            assertTrue(page.getStatus().size() <= 5);
            cursor = page.getNextCursor();
            pages++;
        }
        assertTrue(pages >= 7, "36 changes in pages of 5, not " + pages);
        for (NumberResult r : response.getResult()) {
            List<String> history = new ArrayList<>();
            for (StatusTransition t : server().status(r.getMessageId()).getHistory()) {
                history.add(t.getImmediateStatus().value() + "/" + t.getDeliveryStatus().value());
            }
            assertEquals(history, feed.get(r.getMessageId()), "each change of " + r.getMessageId() + " once, in order");
        }
    }

    @Test
    void a_change_committed_late_by_a_long_transaction_still_comes_after_the_cursor() throws Exception {
        SendList later = list("ALERTS", optedIn(1));
        later.setSendTime(AbstractQueueIT.xml(clock.instant().plus(Duration.ofHours(5))));
        String messageId = server().demo().sendList(later).getResult().get(0).getMessageId();
        String cursor = endOfFeed("");
        // A transaction that writes a change and stays open while later changes commit and are polled.
        Session slow = server().smsSwitch().database().sessionFactory().openSession();
        Transaction open = slow.beginTransaction();
        try {
            MtMessage m = slow.find(MtMessage.class, Long.parseLong(messageId));
            m.cancel(clock.instant());
            slow.persist(new MtStatusEvent(m, clock.instant()));
            slow.flush();

            String quick = server().send(optedIn(1).get(0), "Quick one").getMessageId();
            GetStatusResponse before = poll(cursor, 100);
            assertTrue(before.getStatus().stream().anyMatch(s -> s.getMessageId().equals(quick)));
            assertTrue(before.getStatus().stream().noneMatch(s -> s.getMessageId().equals(messageId)));
            cursor = before.getNextCursor();
            open.commit();
        } finally {
            if (open.isActive()) {
                open.rollback();
            }
            slow.close();
        }

        GetStatusResponse after = poll(cursor, 100);
        // (The quick message's receipt may come in the meantime too.)
        assertEquals(List.of(messageId + " Cancelled"), after.getStatus().stream()
                .filter(s -> s.getMessageId().equals(messageId))
                .map(s -> s.getMessageId() + " " + s.getImmediateStatus().value()).toList());
    }

    @Test
    void a_cursor_that_was_never_given_is_refused() {
        GetStatus get = new GetStatus();
        get.setCursor("not-a-cursor");
        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> server().demo().getStatus(get));
        assertEquals("cursor", fault.getFaultInfo().getField());
        get.setCursor("99999999999");
        assertThrows(InvalidRequestFault.class, () -> server().demo().getStatus(get));
        get.setCursor("");
        get.setMaxResults(0);
        assertThrows(InvalidRequestFault.class, () -> server().demo().getStatus(get));
    }

    private GetStatusResponse poll(String cursor, int max) throws Exception {
        GetStatus get = new GetStatus();
        get.setCursor(cursor);
        get.setMaxResults(max);
        return server().demo().getStatus(get);
    }

    /** Pages through the feed to its end; returns the cursor there. */
    private String endOfFeed(String cursor) throws Exception {
        Set<String> seen = new HashSet<>();
        while (true) {
            GetStatusResponse page = poll(cursor, 5000);
            assertTrue(seen.add(page.getNextCursor()) || page.getStatus().isEmpty());
            if (page.getStatus().isEmpty()) {
                return page.getNextCursor();
            }
            cursor = page.getNextCursor();
        }
    }

    private String otherUser;
    private String otherKeyword;

    /** A second client account with a keyword of its own on 55555 (made once per test instance). */
    private SmsPortType otherClient() throws Exception {
        if (otherUser == null) {
            otherUser = "other" + numbers.incrementAndGet() % 1_000_000;
            otherKeyword = "N" + numbers.get() % 1_000_000;
            CreateAccount create = new CreateAccount();
            create.setUsername(otherUser);
            create.setPassword("other-secret");
            create.setRole(Role.CLIENT);
            server().admin().createAccount(create);
            CreateKeyword k = new CreateKeyword();
            k.setShortCode("55555");
            k.setKeyword(otherKeyword);
            k.setAccount(otherUser);
            k.setServiceName("News");
            k.setRecurring(true);
            k.setMaxMessages(4);
            k.setPeriod(org.smsswitch.api.admin.ws.Period.MONTH);
            k.setOptInRequired(true);
            k.setWelcomeText("Thanks for joining News. Msg&Data rates may apply. Max 4 msgs/mo. STOP2Quit, HELP4More");
            k.setHelpText("News: Max 4 msgs/mo. Help at example.com/news");
            k.setQuitText("This message confirms that you have quit News. No more messages will be sent. HELP4More");
            server().admin().createKeyword(k);
        }
        return SoapClients.sms(server().baseUrl(), otherUser, "other-secret");
    }

    private Map<String, Integer> counts(String batchId, SmsPortType client) {
        GetStatus get = new GetStatus();
        get.setBatchId(batchId);
        Map<String, Integer> counts = new HashMap<>();
        try {
            for (StatusCount c : client.getStatus(get).getCount()) {
                counts.put(c.getImmediateStatus().value() + "/" + c.getDeliveryStatus().value(), c.getCount());
            }
        } catch (Exception e) {
            throw new AssertionError("GetStatus of batch " + batchId + " failed", e);
        }
        return counts;
    }
}
