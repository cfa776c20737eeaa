package org.smsswitch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smsswitch.testing.TestDatabases;
import org.smsswitch.testing.TestSwitch;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.DefaultNodeMatcher;
import org.xmlunit.diff.Diff;
import org.xmlunit.diff.ElementSelectors;
import org.xmlunit.xpath.JAXPXPathEngine;

/** Hand-written SOAP envelopes, as a client without a generated stub sends them; answers checked with XMLUnit. */
class RawEnvelopeIT {
    private static final Map<String, String> NS = Map.of(
            "soap", "http://schemas.xmlsoap.org/soap/envelope/",
            "v1", "http://smsswitch.org/api/v1");

    @TempDir
    static Path work;
    private static TestSwitch server;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = TestSwitch.start(TestDatabases.h2(work), work);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String envelope(String user, String password, String body) {
        String security = user == null ? "" : """
                <wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">
                  <wsse:UsernameToken>
                    <wsse:Username>%s</wsse:Username>
                    <wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">%s</wsse:Password>
                  </wsse:UsernameToken>
                </wsse:Security>""".formatted(user, password);
        return """
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:v1="http://smsswitch.org/api/v1">
                  <soapenv:Header>%s</soapenv:Header>
                  <soapenv:Body>%s</soapenv:Body>
                </soapenv:Envelope>""".formatted(security, body);
    }

    static HttpResponse<String> post(String xml) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/services/sms"))
                .header("Content-Type", "text/xml;charset=UTF-8")
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(xml))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static String xpath(String xml, String expression) {
        JAXPXPathEngine engine = new JAXPXPathEngine();
        engine.setNamespaceContext(NS);
        return engine.evaluate(expression, Input.fromString(xml).build());
    }

    @Test
    void a_pasted_send_envelope_returns_a_message_id_and_accepted() throws Exception {
        HttpResponse<String> response = post(envelope("demo", "demo", """
                <v1:Send>
                  <v1:shortCode>55555</v1:shortCode>
                  <v1:keyword>ALERTS</v1:keyword>
                  <v1:to>+15550100001</v1:to>
                  <v1:text>Power has been restored in your area.</v1:text>
                </v1:Send>"""));

        assertEquals(200, response.statusCode(), response.body());
        String id = xpath(response.body(), "/soap:Envelope/soap:Body/v1:SendResponse/v1:status/v1:messageId");
        assertFalse(id.isBlank());
        assertEquals("Accepted", xpath(response.body(), "//v1:SendResponse/v1:status/v1:immediateStatus"));
        // The simulator's receipt may already have arrived.
        assertTrue(List.of("Awaiting Status", "HP DELIVERED").contains(
                xpath(response.body(), "//v1:SendResponse/v1:status/v1:deliveryStatus")), response.body());

        HttpResponse<String> status = post(envelope("demo", "demo",
                "<v1:GetStatus><v1:messageId>" + id + "</v1:messageId></v1:GetStatus>"));
        assertEquals(200, status.statusCode(), status.body());
        assertEquals(id, xpath(status.body(), "//v1:GetStatusResponse/v1:status/v1:messageId"));
        assertEquals("+15550100001", xpath(status.body(), "//v1:GetStatusResponse/v1:status/v1:to"));
    }

    @Test
    void a_missing_field_is_an_invalid_request_fault_naming_the_field() throws Exception {
        HttpResponse<String> response = post(envelope("demo", "demo", """
                <v1:Send>
                  <v1:shortCode>55555</v1:shortCode>
                  <v1:keyword>ALERTS</v1:keyword>
                  <v1:text>No number</v1:text>
                </v1:Send>"""));

        assertEquals(500, response.statusCode());
        assertTrue(xpath(response.body(), "//soap:Fault/faultcode").endsWith("Client"), response.body());
        String detail = xpathNode(response.body());
        Diff diff = DiffBuilder.compare(Input.fromString("""
                        <InvalidRequest xmlns="http://smsswitch.org/api/v1">
                          <code>MISSING_FIELD</code>
                          <message>The field 'to' is required.</message>
                          <field>to</field>
                        </InvalidRequest>"""))
                .withTest(Input.fromString(detail))
                .ignoreWhitespace()
                .withNodeMatcher(new DefaultNodeMatcher(ElementSelectors.byName))
                .checkForSimilar()
                .build();
        assertFalse(diff.hasDifferences(), diff.toString());
    }

    private static String xpathNode(String xml) throws Exception {
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var doc = factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
        var node = doc.getElementsByTagNameNS("http://smsswitch.org/api/v1", "InvalidRequest").item(0);
        assertTrue(node != null, "no InvalidRequest detail in " + xml);
        var out = new java.io.StringWriter();
        var transformer = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
        transformer.transform(new javax.xml.transform.dom.DOMSource(node), new javax.xml.transform.stream.StreamResult(out));
        return out.toString();
    }

    @Test
    void malformed_xml_is_a_client_fault() throws Exception {
        HttpResponse<String> response = post(envelope("demo", "demo", "<v1:Send><v1:shortCode>55555</v1:Send>"));

        assertEquals(500, response.statusCode());
        assertTrue(xpath(response.body(), "//soap:Fault/faultcode").endsWith("Client"), response.body());
    }

    @Test
    void a_missing_token_is_a_security_fault() throws Exception {
        HttpResponse<String> response = post(envelope(null, null,
                "<v1:GetStatus><v1:messageId>1</v1:messageId></v1:GetStatus>"));

        assertEquals(500, response.statusCode());
        assertTrue(xpath(response.body(), "//soap:Fault/faultcode").contains("InvalidSecurity"), response.body());
    }

    @Test
    void a_wrong_password_is_an_authentication_fault() throws Exception {
        HttpResponse<String> response = post(envelope("demo", "not-the-password",
                "<v1:GetStatus><v1:messageId>1</v1:messageId></v1:GetStatus>"));

        assertEquals(500, response.statusCode());
        assertTrue(xpath(response.body(), "//soap:Fault/faultcode").contains("FailedAuthentication"),
                response.body());
    }

    @Test
    void the_wsdl_is_served() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/services/sms?wsdl")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("SmsService"));
    }
}
