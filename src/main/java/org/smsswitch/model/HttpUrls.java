package org.smsswitch.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** The URLs the switch POSTs to (keywords' applications, utilities' OMS endpoints) and the forms it sends them. */
public final class HttpUrls {
    private HttpUrls() {
    }

    /** Whether the text is an absolute http or https URL with a host, of at most {@code max} characters. */
    public static boolean isHttp(String url, int max) {
        if (url == null || url.length() > max) {
            return false;
        }
        try {
            URI uri = new URI(url.strip());
            return uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The host of a URL, for logs: the URL itself may carry a token in its path or query. */
    public static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return "(invalid URL)";
        }
    }

    /** The fields as an application/x-www-form-urlencoded body, in their order. */
    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
