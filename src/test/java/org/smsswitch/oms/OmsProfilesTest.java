package org.smsswitch.oms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OmsProfilesTest {
    private static OmsReport report() {
        OmsReport r = new OmsReport(1, 2, 3, "+15550100009", OmsReport.Kind.OUTAGE, "OUT <now> & \"then\"",
                "account=A-17\nmeter=M 9", 44L, null, Instant.parse("2026-12-01T09:30:00Z"));
        try {
            var id = OmsReport.class.getDeclaredField("id");
            id.setAccessible(true);
            id.set(r, 123L);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return r;
    }

    @Test
    void formSendsTheFieldsAndTagsEncoded() {
        OmsProfiles.Request request = OmsProfiles.request(OmsEndpoint.Profile.GENERIC_FORM, report(), "55555", "OUT");
        assertEquals("application/x-www-form-urlencoded; charset=UTF-8", request.contentType());
        assertEquals("reportId=123&kind=OUTAGE&phoneNumber=%2B15550100009&shortCode=55555&keyword=OUT"
                + "&text=OUT+%3Cnow%3E+%26+%22then%22&receivedAt=2026-12-01T09%3A30%3A00Z&conversationId=123"
                + "&tag.account=A-17&tag.meter=M+9", request.body());
    }

    @Test
    void jsonSendsAnObjectWithItsTags() {
        OmsProfiles.Request request = OmsProfiles.request(OmsEndpoint.Profile.GENERIC_JSON, report(), "55555", "OUT");
        assertEquals("{\"reportId\":\"123\",\"kind\":\"OUTAGE\",\"phoneNumber\":\"+15550100009\",\"shortCode\":\"55555\","
                + "\"keyword\":\"OUT\",\"text\":\"OUT <now> & \\\"then\\\"\",\"receivedAt\":\"2026-12-01T09:30:00Z\","
                + "\"conversationId\":\"123\",\"tags\":{\"account\":\"A-17\",\"meter\":\"M 9\"}}", request.body());
    }

    @Test
    void outageCallXmlIsEscaped() {
        OmsProfiles.Request request = OmsProfiles.request(OmsEndpoint.Profile.OUTAGE_CALL_XML, report(), "55555",
                "OUT");
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OutageCall><CallId>123</CallId>"
                + "<CallType>OUTAGE</CallType><PhoneNumber>+15550100009</PhoneNumber><ShortCode>55555</ShortCode>"
                + "<Keyword>OUT</Keyword><MessageText>OUT &lt;now&gt; &amp; &quot;then&quot;</MessageText>"
                + "<CallTime>2026-12-01T09:30:00Z</CallTime><ConversationId>123</ConversationId><Tags>"
                + "<Tag name=\"account\">A-17</Tag><Tag name=\"meter\">M 9</Tag></Tags></OutageCall>", request.body());
    }

    @Test
    void answersAreReadAsEachProfileSays() {
        assertEquals(new OmsProfiles.Answer("TICKET_OPENED", "Ticket 9 opened."), OmsProfiles.answer(
                OmsEndpoint.Profile.GENERIC_JSON, "application/json", "{\"result\":\"TICKET_OPENED\",\"reply\":"
                        + "\"Ticket 9 opened.\"}"));
        assertEquals(new OmsProfiles.Answer(null, "Ticket 9 opened."), OmsProfiles.answer(
                OmsEndpoint.Profile.GENERIC_FORM, "text/plain", " Ticket 9 opened.\n"));
        assertEquals(new OmsProfiles.Answer("NOT_IN_RECORDS", "This number does not appear in our records."),
                OmsProfiles.answer(OmsEndpoint.Profile.OUTAGE_CALL_XML, "application/xml",
                        "<OutageCallResponse><Result>NOT_IN_RECORDS</Result><ReplyText>This number does not appear"
                                + " in our records.</ReplyText></OutageCallResponse>"));
        assertEquals(new OmsProfiles.Answer(null, null), OmsProfiles.answer(OmsEndpoint.Profile.GENERIC_FORM,
                "text/html", "<html><body>OK</body></html>"), "a page is not texted to the phone");
        assertEquals(new OmsProfiles.Answer(null, null), OmsProfiles.answer(OmsEndpoint.Profile.GENERIC_JSON,
                "application/json", ""));
        assertThrows(IllegalArgumentException.class, () -> OmsProfiles.answer(OmsEndpoint.Profile.GENERIC_JSON,
                "application/json", "<html>oops</html>"));
        assertThrows(IllegalArgumentException.class, () -> OmsProfiles.answer(OmsEndpoint.Profile.OUTAGE_CALL_XML,
                "application/xml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"));
    }
}
