package org.smsswitch.testing;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A portal session over plain HTTP, with its cookie and the CSRF token of its pages. */
public final class PortalSession {
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient client;
    private String csrf;
    private String firstCookieHeader;

    private PortalSession(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    public static PortalSession open(String base) throws Exception {
        PortalSession s = new PortalSession(base);
        HttpResponse<String> login = s.get("/portal/login");
        s.firstCookieHeader = login.headers().firstValue("Set-Cookie").orElse("");
        s.csrf = token(login.body());
        return s;
    }

    public static PortalSession signIn(String base, String username, String password) throws Exception {
        PortalSession s = open(base);
        HttpResponse<String> signedIn = s.post("/portal/login", Map.of("username", username, "password", password,
                "csrf", s.csrf));
        if (signedIn.statusCode() != 302) {
            throw new AssertionError("sign-in of " + username + ": " + signedIn.statusCode());
        }
        s.csrf = token(s.get("/portal/optin").body());
        return s;
    }

    public String csrf() {
        return csrf;
    }

    /** The Set-Cookie header of the session's first page. */
    public String firstCookieHeader() {
        return firstCookieHeader;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = String.join("&", form.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
        return client.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String page) {
        Matcher m = TOKEN.matcher(page);
        if (!m.find()) {
            throw new AssertionError("no CSRF token in the page");
        }
        return m.group(1);
    }
}
