package org.smsswitch.numbers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.smsswitch.account.Role;
import org.smsswitch.api.admin.ws.AddPoolNumbers;
import org.smsswitch.api.admin.ws.AdminPortType;
import org.smsswitch.api.admin.ws.ArchiveCampaign;
import org.smsswitch.api.admin.ws.CreateOffice;
import org.smsswitch.api.admin.ws.FaultCode;
import org.smsswitch.api.admin.ws.GetContractUsage;
import org.smsswitch.api.admin.ws.InvalidRequestFault;
import org.smsswitch.api.admin.ws.ListNumbers;
import org.smsswitch.api.admin.ws.MoveNumber;
import org.smsswitch.api.admin.ws.NumberKind;
import org.smsswitch.api.admin.ws.NumberState;
import org.smsswitch.api.admin.ws.ProvisionNumber;
import org.smsswitch.api.admin.ws.SetContractLimits;
import org.smsswitch.api.admin.ws.StartCampaign;
import org.smsswitch.testing.MutableClock;
import org.smsswitch.testing.SoapClients;
import org.smsswitch.testing.TestDatabases;
import org.smsswitch.testing.TestSwitch;

/**
 * Long numbers over the admin API on MariaDB, with a settable clock: single-use numbers released to
 * quarantine when their campaign is archived, moves refused once a number is used, and the contract
 * limits on provisioned numbers and on unique contacts at their edges; porting requests refused for a PO box, a stale bill or a
 * missing document, and taken through rejection and completion.
 */
class NumbersMariaDbIT {
    @TempDir
    static Path work;
    private static TestDatabases.MariaDb database;
    private static TestSwitch server;
    private static final MutableClock clock = new MutableClock();
    private static AdminPortType admin;
    private static int next = 100;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabases.mariaDb();
        server = TestSwitch.start(database.settings(), work, Map.of("numbers.quarantine-days", "30"), clock);
        admin = server.admin();
        for (String account : List.of("campus", "college", "limited")) {
            server.smsSwitch().accounts().create(account, account, account, Role.CLIENT, false);
        }
        office("campus", "Admissions");
        office("campus", "Financial Aid");
        office("college", "Registrar");
        office("limited", "Main");
        office("limited", "Annex");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            server.close();
        } finally {
            database.close();
        }
    }

    @Test
    void aSingleUseNumberLeavesOnArchiveAndWaitsOutItsQuarantine() throws Exception {
        String number = pooled();
        var provisioned = provision("campus", "Admissions", NumberKind.SINGLE_USE, number).getNumber();
        assertEquals(NumberState.PROVISIONED, provisioned.getState());
        assertEquals("Admissions", provisioned.getOffice());
        long campaign = campaign("campus", "Fall open day", number);
        assertEquals(FaultCode.NUMBER_ALREADY_USED, refused(() -> campaign("campus", "Spring open day", number)),
                "a single-use number runs one campaign");
        assertEquals(FaultCode.NUMBER_NOT_AVAILABLE,
                refused(() -> provision("college", "Registrar", NumberKind.REUSABLE, number)));

        ArchiveCampaign archive = new ArchiveCampaign();
        archive.setCampaignId(campaign);
        admin.archiveCampaign(archive);
        var released = find(number);
        assertEquals(NumberState.QUARANTINED, released.getState());
        assertNull(released.getAccount(), "the number left the account");
        assertEquals(clock.instant().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                released.getQuarantinedUntil().toGregorianCalendar().toZonedDateTime().toInstant());
        InvalidRequestFault inQuarantine = assertThrows(InvalidRequestFault.class,
                () -> provision("college", "Registrar", NumberKind.REUSABLE, number));
        assertEquals(FaultCode.NUMBER_NOT_AVAILABLE, inQuarantine.getFaultInfo().getCode());
        assertTrue(inQuarantine.getMessage().contains("is in quarantine until"), inQuarantine.getMessage());
        assertEquals(FaultCode.NUMBER_NOT_AVAILABLE,
                refused(() -> provision("campus", "Admissions", NumberKind.SINGLE_USE, number)),
                "not even to the account that released it");
        assertEquals(FaultCode.INVALID_FIELD, refused(() -> admin.archiveCampaign(archive)), "archived once only");

        clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertEquals(NumberState.QUARANTINED, find(number).getState());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(NumberState.AVAILABLE, find(number).getState());
        var again = provision("college", "Registrar", NumberKind.REUSABLE, number).getNumber();
        assertEquals("college", again.getAccount());
        assertNull(again.getFirstUsedAt(), "its use by the other account is not held against it");
    }

    @Test
    void aNumberMovesToAnotherOfficeOnlyUntilItIsUsed() throws Exception {
        String number = pooled();
        provision("campus", "Admissions", NumberKind.REUSABLE, number);
        assertEquals("Financial Aid", move(number, "Financial Aid").getNumber().getOffice(), "never used: it moves");
        assertEquals(FaultCode.NOT_FOUND, refused(() -> move(number, "Registrar")),
                "an office of another account is not one of this account's");

        long campaign = campaign("campus", "FAFSA reminders", number);
        InvalidRequestFault used = assertThrows(InvalidRequestFault.class, () -> move(number, "Admissions"));
        assertEquals(FaultCode.NUMBER_ALREADY_USED, used.getFaultInfo().getCode());
        assertTrue(used.getMessage().contains("has been used in a campaign or conversation"), used.getMessage());
        assertEquals("Financial Aid", find(number).getOffice());

        ArchiveCampaign archive = new ArchiveCampaign();
        archive.setCampaignId(campaign);
        admin.archiveCampaign(archive);
        var kept = find(number);
        assertEquals(NumberState.PROVISIONED, kept.getState(), "a reusable number stays the account's");
        campaign("campus", "Spring FAFSA reminders", number);
        assertEquals(FaultCode.NUMBER_ALREADY_USED, refused(() -> move(number, "Admissions")));
    }

    @Test
    void theContractLimitOnProvisionedNumbersHoldsAtItsEdge() throws Exception {
        SetContractLimits limits = new SetContractLimits();
        limits.setAccount("limited");
        limits.setMaxNumbers(2);
        admin.setContractLimits(limits);
        String first = pooled();
        String second = pooled();
        String third = pooled();
        provision("limited", "Main", NumberKind.SINGLE_USE, first);
        provision("limited", "Annex", NumberKind.REUSABLE, second);
        InvalidRequestFault over = assertThrows(InvalidRequestFault.class,
                () -> provision("limited", "Main", NumberKind.REUSABLE, third));
        assertEquals(FaultCode.CONTRACT_LIMIT_REACHED, over.getFaultInfo().getCode());
        assertEquals("maxNumbers", over.getFaultInfo().getField());
        assertEquals("Account limited has 2 provisioned numbers, its contract limit (maxNumbers 2).", over.getMessage());
        assertEquals(NumberState.AVAILABLE, find(third).getState(), "the refused number stays in the pool");

        GetContractUsage get = new GetContractUsage();
        get.setAccount("limited");
        var usage = admin.getContractUsage(get);
        assertEquals(2, usage.getProvisionedNumbers());
        assertEquals(2, usage.getMaxNumbers());
        assertEquals(List.of("Annex=1", "Main=1"), usage.getOffice().stream()
                .map(o -> o.getOffice() + "=" + o.getProvisionedNumbers()).toList());

        var dedicated = new org.smsswitch.api.admin.ws.CreateShortCode();
        dedicated.setCode("77701");
        dedicated.setType(org.smsswitch.api.admin.ws.ShortCodeType.DEDICATED);
        dedicated.setOwnerAccount("limited");
        dedicated.setOffice("Annex");
        assertEquals(FaultCode.CONTRACT_LIMIT_REACHED, refused(() -> admin.createShortCode(dedicated)),
                "a dedicated short code is a provisioned number too");

        ArchiveCampaign archive = new ArchiveCampaign();
        archive.setCampaignId(campaign("limited", "One-off", first));
        admin.archiveCampaign(archive);
        assertEquals(1, admin.getContractUsage(get).getProvisionedNumbers(), "the released number no longer counts");
        admin.createShortCode(dedicated);
        assertEquals(List.of("Annex=2"), admin.getContractUsage(get).getOffice().stream()
                .map(o -> o.getOffice() + "=" + o.getProvisionedNumbers()).toList(), "in its office");
        assertEquals(FaultCode.CONTRACT_LIMIT_REACHED,
                refused(() -> provision("limited", "Main", NumberKind.REUSABLE, third)));
        limits.setMaxNumbers(3);
        admin.setContractLimits(limits);
        provision("limited", "Main", NumberKind.REUSABLE, third);
        limits.setMaxNumbers(null);
        admin.setContractLimits(limits);
        assertNull(admin.getContractUsage(get).getMaxNumbers());
    }

    @Test
    void badRequestsGetSpecificFaults() throws Exception {
        String number = pooled();
        AddPoolNumbers again = new AddPoolNumbers();
        again.getNumber().add(number);
        assertEquals(FaultCode.ALREADY_EXISTS, refused(() -> admin.addPoolNumbers(again)));
        AddPoolNumbers twice = new AddPoolNumbers();
        twice.getNumber().addAll(List.of("+15557770001", "+15557770001"));
        assertEquals(FaultCode.DUPLICATE_NUMBER, refused(() -> admin.addPoolNumbers(twice)));
        AddPoolNumbers bad = new AddPoolNumbers();
        bad.getNumber().add("555-0100");
        assertEquals(FaultCode.INVALID_PHONE_NUMBER, refused(() -> admin.addPoolNumbers(bad)));
        assertEquals(FaultCode.NOT_FOUND, refused(() -> provision("campus", "Athletics", NumberKind.REUSABLE, number)));
        assertEquals(FaultCode.NOT_FOUND, refused(() -> provision("campus", "Admissions", NumberKind.REUSABLE,
                "+15557779999")), "not in the pool");
        assertEquals(FaultCode.UNKNOWN_ACCOUNT, refused(() -> provision("nobody", "Main", NumberKind.REUSABLE, number)));
        assertEquals(FaultCode.NOT_FOUND, refused(() -> campaign("college", "Not theirs", number)),
                "a number not provisioned to the account");
        assertEquals(FaultCode.ALREADY_EXISTS, refused(() -> office("campus", "Admissions")));
        var shared = new org.smsswitch.api.admin.ws.CreateShortCode();
        shared.setCode("77702");
        shared.setType(org.smsswitch.api.admin.ws.ShortCodeType.SHARED);
        shared.setOffice("Admissions");
        assertEquals(FaultCode.INVALID_FIELD, refused(() -> admin.createShortCode(shared)),
                "a shared short code belongs to no office");
        var elsewhere = new org.smsswitch.api.admin.ws.CreateShortCode();
        elsewhere.setCode("77703");
        elsewhere.setType(org.smsswitch.api.admin.ws.ShortCodeType.DEDICATED);
        elsewhere.setOwnerAccount("campus");
        elsewhere.setOffice("Registrar");
        assertEquals(FaultCode.NOT_FOUND, refused(() -> admin.createShortCode(elsewhere)),
                "an office of another account");
        assertEquals(NumberState.AVAILABLE, find(number).getState());

        AdminPortType client = SoapClients.admin(server.baseUrl(), "campus", "campus");
        assertThrows(org.smsswitch.api.admin.ws.AccessDeniedFault.class, () -> client.addPoolNumbers(again),
                "a client account does not run the pool");
    }

    @Test
    void aPortingRequestIsRefusedForAPoBoxAndGoesThroughRejectionAndCompletion() throws Exception {
        String number = "+15559990042";
        for (String box : List.of("PO Box 42", "P.O. Box 42", "p o box 42", "Post Office Box 42", "POB 42")) {
            InvalidRequestFault refused = assertThrows(InvalidRequestFault.class,
                    () -> admin.submitPortingRequest(porting(number, box, today())));
            assertEquals(FaultCode.INVALID_FIELD, refused.getFaultInfo().getCode(), box);
            assertEquals("street", refused.getFaultInfo().getField());
            assertTrue(refused.getMessage().contains("a PO box ('" + box + "') is not one"), refused.getMessage());
        }
        InvalidRequestFault oldBill = assertThrows(InvalidRequestFault.class,
                () -> admin.submitPortingRequest(porting(number, "12 Main Street", today().minusDays(31))));
        assertEquals("billDate", oldBill.getFaultInfo().getField());
        var noRecord = porting(number, "12 Main Street", today());
        noRecord.setCustomerServiceRecord(null);
        assertEquals(FaultCode.MISSING_FIELD, refused(() -> admin.submitPortingRequest(noRecord)));

        var submitted = admin.submitPortingRequest(porting(number, "12 Main Street", today().minusDays(30)))
                .getRequest();
        assertEquals(org.smsswitch.api.admin.ws.PortingState.SUBMITTED, submitted.getState());
        assertEquals("12 Main Street", submitted.getServiceAddress().getStreet());
        assertEquals(FaultCode.ALREADY_EXISTS, refused(() -> admin.submitPortingRequest(
                porting(number, "12 Main Street", today()))), "one open request per number");
        assertEquals("%PDF-bill", new String(server.smsSwitch().database().sessionFactory().fromTransaction(s -> s
                .createSelectionQuery("select d.content from PortingDocument d where d.requestId = :r and d.kind = "
                        + "org.smsswitch.numbers.PortingDocument.Kind.BILL", byte[].class)
                .setParameter("r", submitted.getPortingRequestId()).getSingleResult()),
                java.nio.charset.StandardCharsets.US_ASCII), "the documents are kept as given");

        org.smsswitch.api.admin.ws.RejectPortingRequest reject = new org.smsswitch.api.admin.ws.RejectPortingRequest();
        reject.setPortingRequestId(submitted.getPortingRequestId());
        reject.setReason(org.smsswitch.api.admin.ws.PortingRejection.DATA_MISMATCH);
        reject.setNote("The CSR has 12 Main St, Suite 2.");
        var rejected = admin.rejectPortingRequest(reject).getRequest();
        assertEquals(org.smsswitch.api.admin.ws.PortingState.REJECTED, rejected.getState());
        assertEquals(org.smsswitch.api.admin.ws.PortingRejection.DATA_MISMATCH, rejected.getRejectionReason());
        assertTrue(rejected.getRejectionRemedy().contains("match the customer service record"));
        org.smsswitch.api.admin.ws.CompletePortingRequest completeRejected =
                new org.smsswitch.api.admin.ws.CompletePortingRequest();
        completeRejected.setPortingRequestId(submitted.getPortingRequestId());
        assertEquals(FaultCode.INVALID_FIELD, refused(() -> admin.completePortingRequest(completeRejected)));

        var again = admin.submitPortingRequest(porting(number, "12 Main St, Suite 2", today())).getRequest();
        org.smsswitch.api.admin.ws.CompletePortingRequest complete = new org.smsswitch.api.admin.ws.CompletePortingRequest();
        complete.setPortingRequestId(again.getPortingRequestId());
        var completed = admin.completePortingRequest(complete).getRequest();
        assertEquals(org.smsswitch.api.admin.ws.PortingState.COMPLETED, completed.getState());
        var ported = find(number);
        assertEquals(NumberState.PROVISIONED, ported.getState());
        assertEquals("college", ported.getAccount());
        assertEquals("Registrar", ported.getOffice());
        assertEquals(NumberKind.REUSABLE, ported.getKind());
        org.smsswitch.api.admin.ws.ListPortingRequests list = new org.smsswitch.api.admin.ws.ListPortingRequests();
        list.setAccount("college");
        assertEquals(List.of("COMPLETED", "REJECTED"), admin.listPortingRequests(list).getRequest().stream()
                .filter(r -> r.getNumber().equals(number)).map(r -> r.getState().value()).toList());

        // Completion counts against the contract limit like any provisioning.
        server.smsSwitch().accounts().create("porter", "porter", "porter", Role.CLIENT, false);
        office("porter", "Main");
        SetContractLimits limits = new SetContractLimits();
        limits.setAccount("porter");
        limits.setMaxNumbers(0);
        admin.setContractLimits(limits);
        var request = porting("+15559990043", "1 Elm Road", today());
        request.setAccount("porter");
        request.setOffice("Main");
        complete.setPortingRequestId(admin.submitPortingRequest(request).getRequest().getPortingRequestId());
        assertEquals(FaultCode.CONTRACT_LIMIT_REACHED, refused(() -> admin.completePortingRequest(complete)));
        list.setAccount("porter");
        assertEquals(org.smsswitch.api.admin.ws.PortingState.SUBMITTED,
                admin.listPortingRequests(list).getRequest().get(0).getState(), "the request stays open");
    }

    private static java.time.LocalDate today() {
        return java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    }

    private static org.smsswitch.api.admin.ws.SubmitPortingRequest porting(String number, String street,
            java.time.LocalDate billDate) throws Exception {
        var r = new org.smsswitch.api.admin.ws.SubmitPortingRequest();
        r.setAccount("college");
        r.setOffice("Registrar");
        r.setNumber(number);
        r.setOwnerName("Pat Jones");
        var address = new org.smsswitch.api.admin.ws.ServiceAddress();
        address.setStreet(street);
        address.setCity("Springfield");
        address.setRegion("IL");
        address.setPostalCode("62701");
        r.setServiceAddress(address);
        r.setSignedBy("Pat Jones");
        var dates = javax.xml.datatype.DatatypeFactory.newInstance();
        r.setSignedOn(dates.newXMLGregorianCalendar(today().toString()));
        r.setBillDate(dates.newXMLGregorianCalendar(billDate.toString()));
        r.setAuthorization(document("loa.pdf", "%PDF-loa"));
        r.setCustomerServiceRecord(document("csr.pdf", "%PDF-csr"));
        r.setBill(document("bill.pdf", "%PDF-bill"));
        return r;
    }

    private static org.smsswitch.api.admin.ws.PortingDocument document(String name, String content) {
        var d = new org.smsswitch.api.admin.ws.PortingDocument();
        d.setFileName(name);
        d.setContentType("application/pdf");
        d.setContent(content.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return d;
    }

    @Test
    void theContractLimitOnUniqueContactsRefusesTheSendThatWouldPassIt() throws Exception {
        SetContractLimits limits = new SetContractLimits();
        limits.setAccount("demo");
        limits.setMaxContacts(3);
        admin.setContractLimits(limits);
        List<String> phones = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            phones.add(server.optInToAlerts("+1555011" + String.format("%04d", i)));
        }
        server.send(phones.get(0), "First");
        server.send(phones.get(1), "First");
        server.send(phones.get(0), "Again: a known contact");

        var over = assertThrows(org.smsswitch.api.ws.InvalidRequestFault.class,
                () -> server.demo().sendList(list(phones.get(1), phones.get(2), phones.get(3))));
        assertEquals(org.smsswitch.api.ws.FaultCode.CONTRACT_LIMIT_REACHED, over.getFaultInfo().getCode());
        assertEquals("maxContacts", over.getFaultInfo().getField());
        assertEquals("Account demo has 2 unique contacts; 2 new would pass its contract limit (maxContacts 3).",
                over.getMessage());
        long queued = server.smsSwitch().database().sessionFactory().fromTransaction(s -> s.createSelectionQuery(
                        "select count(m) from MtMessage m where m.destination = :n", Long.class)
                .setParameter("n", phones.get(3)).getSingleResult());
        assertEquals(0L, queued, "nothing of the refused list was queued");

        server.demo().sendList(list(phones.get(1), phones.get(2)));
        String notOptedIn = "+15550119999";
        var refusedNumber = server.demo().sendList(list(notOptedIn)).getResult().get(0);
        assertEquals(org.smsswitch.api.ws.ImmediateStatus.NOT_SENT_NO_OPT_IN, refusedNumber.getImmediateStatus(),
                "a number refused for its opt-in is no contact");
        org.smsswitch.api.ws.Send send = new org.smsswitch.api.ws.Send();
        send.setShortCode("55555");
        send.setKeyword("ALERTS");
        send.setTo(phones.get(4));
        send.setText("One too many");
        var single = assertThrows(org.smsswitch.api.ws.InvalidRequestFault.class, () -> server.demo().send(send));
        assertEquals(org.smsswitch.api.ws.FaultCode.CONTRACT_LIMIT_REACHED, single.getFaultInfo().getCode());

        GetContractUsage get = new GetContractUsage();
        get.setAccount("demo");
        var usage = admin.getContractUsage(get);
        assertEquals(3, usage.getUniqueContacts());
        assertEquals(3, usage.getMaxContacts());
        var own = server.demo().getContractUsage(new org.smsswitch.api.ws.GetContractUsage());
        assertEquals(3, own.getUniqueContacts(), "the account's own users see it over the client API");
        assertEquals(3, own.getMaxContacts());
        limits.setMaxContacts(null);
        admin.setContractLimits(limits);
        server.send(phones.get(4), "No limit now");
    }

    private static org.smsswitch.api.ws.SendList list(String... numbers) {
        org.smsswitch.api.ws.SendList list = new org.smsswitch.api.ws.SendList();
        list.setShortCode("55555");
        list.setKeyword("ALERTS");
        list.setText("Planned maintenance tonight.");
        list.getTo().addAll(List.of(numbers));
        return list;
    }

    private static String pooled() throws Exception {
        String number = "+1555888" + String.format("%04d", next++);
        AddPoolNumbers add = new AddPoolNumbers();
        add.getNumber().add(number);
        assertEquals(1, admin.addPoolNumbers(add).getAdded());
        return number;
    }

    private static void office(String account, String name) throws Exception {
        CreateOffice office = new CreateOffice();
        office.setAccount(account);
        office.setOffice(name);
        admin.createOffice(office);
    }

    private static org.smsswitch.api.admin.ws.ProvisionNumberResponse provision(String account, String office,
            NumberKind kind, String number) throws Exception {
        ProvisionNumber p = new ProvisionNumber();
        p.setAccount(account);
        p.setOffice(office);
        p.setKind(kind);
        p.setNumber(number);
        return admin.provisionNumber(p);
    }

    private static org.smsswitch.api.admin.ws.MoveNumberResponse move(String number, String office) throws Exception {
        MoveNumber m = new MoveNumber();
        m.setNumber(number);
        m.setOffice(office);
        return admin.moveNumber(m);
    }

    private static long campaign(String account, String name, String number) throws Exception {
        StartCampaign c = new StartCampaign();
        c.setAccount(account);
        c.setName(name);
        c.setNumber(number);
        return admin.startCampaign(c).getCampaignId();
    }

    private static org.smsswitch.api.admin.ws.LongNumber find(String number) throws Exception {
        return admin.listNumbers(new ListNumbers()).getNumber().stream()
                .filter(n -> n.getNumber().equals(number)).findFirst().orElseThrow();
    }

    private static FaultCode refused(Executable call) {
        return assertThrows(InvalidRequestFault.class, call).getFaultInfo().getCode();
    }
}
