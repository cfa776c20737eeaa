package org.smsswitch.oms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.smsswitch.model.HttpUrls;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** The vendor profiles: how a report is written for an OMS, and how its answer is read. */
final class OmsProfiles {
    private static final ObjectMapper json = new ObjectMapper();

    private OmsProfiles() {
    }

    /** A report as the OMS is sent it. */
    record Request(String contentType, String body) {
    }

    /** What the OMS answered: what it did, and the text for the phone (either may be absent). */
    record Answer(String result, String reply) {
    }

    /** The fields of a report, in the order every profile writes them. */
    static Map<String, String> fields(OmsReport r, String shortCode, String keyword) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("reportId", Long.toString(r.id()));
        f.put("kind", r.kind().name());
        f.put("phoneNumber", r.phoneNumber());
        f.put("shortCode", shortCode);
        f.put("keyword", keyword);
        f.put("text", r.text());
        f.put("receivedAt", r.receivedAt().toString());
        f.put("conversationId", Long.toString(r.conversation()));
        return f;
    }

    static Map<String, String> tags(OmsReport r) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (r.tags() != null) {
            for (String line : r.tags().split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    tags.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        return tags;
    }

    static Request request(OmsEndpoint.Profile profile, OmsReport r, String shortCode, String keyword) {
        Map<String, String> fields = fields(r, shortCode, keyword);
        Map<String, String> tags = tags(r);
        return switch (profile) {
            case GENERIC_FORM -> {
                Map<String, String> form = new LinkedHashMap<>(fields);
                tags.forEach((name, value) -> form.put("tag." + name, value));
                yield new Request("application/x-www-form-urlencoded; charset=UTF-8", HttpUrls.form(form));
            }
            case GENERIC_JSON -> {
                ObjectNode node = json.createObjectNode();
                fields.forEach(node::put);
                ObjectNode t = node.putObject("tags");
                tags.forEach(t::put);
                yield new Request("application/json; charset=UTF-8", node.toString());
            }
            case OUTAGE_CALL_XML -> {
                StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OutageCall>");
                xml.append(element("CallId", fields.get("reportId")))
                        .append(element("CallType", switch (r.kind()) {
                            case OUTAGE -> "OUTAGE";
                            case STATUS -> "STATUS_INQUIRY";
                            case ANSWER -> "REPLY";
                        }))
                        .append(element("PhoneNumber", r.phoneNumber()))
                        .append(element("ShortCode", shortCode))
                        .append(element("Keyword", keyword))
                        .append(element("MessageText", r.text()))
                        .append(element("CallTime", fields.get("receivedAt")))
                        .append(element("ConversationId", fields.get("conversationId")));
                xml.append("<Tags>");
                tags.forEach((name, value) -> xml.append("<Tag name=\"").append(escape(name)).append("\">")
                        .append(escape(value)).append("</Tag>"));
                xml.append("</Tags></OutageCall>");
                yield new Request("application/xml; charset=UTF-8", xml.toString());
            }
        };
    }

    /**
     * Reads an OMS's 2xx answer.
     *
     * @throws IllegalArgumentException when it cannot be read as the profile says
     */
    static Answer answer(OmsEndpoint.Profile profile, String contentType, String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            return new Answer(null, null);
        }
        boolean isJson = contentType != null && contentType.toLowerCase().contains("json");
        return switch (profile) {
            case GENERIC_JSON -> fromJson(text);
            case GENERIC_FORM -> isJson ? fromJson(text) : isPlainText(contentType) ? new Answer(null, text)
                    : new Answer(null, null);
            case OUTAGE_CALL_XML -> fromXml(text);
        };
    }

    /** Only a text/plain body is a reply for the phone: "OK" or an HTML page is not texted to anyone. */
    private static boolean isPlainText(String contentType) {
        return contentType != null && contentType.toLowerCase().startsWith("text/plain");
    }

    private static Answer fromJson(String text) {
        try {
            JsonNode node = json.readTree(text);
            return new Answer(textOf(node.get("result")), textOf(node.get("reply")));
        } catch (IOException e) {
            throw new IllegalArgumentException("the OMS's answer is not JSON: " + e.getMessage());
        }
    }

    private static String textOf(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Answer fromXml(String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
            return new Answer(child(doc, "Result"), child(doc, "ReplyText"));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("the OMS's answer is not XML: " + e.getMessage());
        }
    }

    private static String child(Document doc, String name) {
        Node node = doc.getElementsByTagName(name).item(0);
        return node == null ? null : node.getTextContent().strip();
    }

    private static String element(String name, String value) {
        return "<" + name + ">" + escape(value) + "</" + name + ">";
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
