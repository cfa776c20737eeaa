package org.smsswitch.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.smsswitch.account.Account;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;

/** One request to a signed-in portal page: the caller, the form's fields, and the ways to answer. */
public final class Page {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Renders a template with a model (and the session's token, the signed-in user, the paths). */
    @FunctionalInterface
    public interface Renderer {
        void render(HttpServletRequest request, HttpServletResponse response, String template,
                Map<String, Object> model) throws IOException;
    }

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Account caller;
    private final Renderer renderer;

    public Page(HttpServletRequest request, HttpServletResponse response, Account caller, Renderer renderer) {
        this.request = request;
        this.response = response;
        this.caller = caller;
        this.renderer = renderer;
    }

    public Account caller() {
        return caller;
    }

    /** A field, stripped; empty when absent or blank. */
    public Optional<String> field(String name) {
        return Optional.ofNullable(request.getParameter(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** A field as given, blank or not; null when absent. */
    public String raw(String name) {
        return request.getParameter(name);
    }

    public boolean checked(String name) {
        return field(name).map(v -> v.equals("on") || v.equals("true")).orElse(false);
    }

    /** A whole number, or a specific error naming the field. */
    public Optional<Long> number(String name) {
        Optional<String> value = field(name);
        try {
            return value.map(Long::parseLong);
        } catch (NumberFormatException e) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, name, name + " is a whole number, not '"
                    + value.get() + "'.");
        }
    }

    /** A whole number within int, or a specific error naming the field. */
    public Optional<Integer> integer(String name) {
        Optional<String> value = field(name);
        try {
            return value.map(Integer::parseInt);
        } catch (NumberFormatException e) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, name, name + " is a whole number, not '"
                    + value.get() + "'.");
        }
    }

    /** A date (yyyy-mm-dd) as the start of that day in UTC, or a specific error naming the field. */
    public Optional<Instant> day(String name) {
        Optional<String> value = field(name);
        try {
            return value.map(v -> LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, name, name + " is a date such as 2026-12-01, not '"
                    + value.get() + "'.");
        }
    }

    public void render(String template, Map<String, Object> model) throws IOException {
        renderer.render(request, response, template, model);
    }

    /** To another portal page, {@code path} being under /portal. */
    public void redirect(String path) throws IOException {
        response.sendRedirect(request.getContextPath() + "/portal" + path);
    }

    public void fail(int status, String reason) throws IOException {
        response.sendError(status, reason);
    }

    /** A refusal as HTTP: 404 for what the caller may not see, 403 for what it may not do, else 400. */
    public void fail(SwitchException e) throws IOException {
        int status = switch (e.code()) {
            case NOT_FOUND -> HttpServletResponse.SC_NOT_FOUND;
            case ACCESS_DENIED -> HttpServletResponse.SC_FORBIDDEN;
            default -> HttpServletResponse.SC_BAD_REQUEST;
        };
        response.sendError(status, e.getMessage());
    }

    public void json(Object value) throws IOException {
        response.setContentType("application/json;charset=UTF-8");
        JSON.writeValue(response.getWriter(), value);
    }

    /**
     * A value as JSON to embed in a page's {@code <script type="application/json">}: no "<" in it, so no
     * text in the data can close the element.
     */
    public static String embedded(Object value) throws IOException {
        return JSON.writeValueAsString(value).replace("<", "\\u003c");
    }
}
