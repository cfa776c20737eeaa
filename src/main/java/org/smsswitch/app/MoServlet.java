package org.smsswitch.app;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.smsswitch.account.Account;
import org.smsswitch.account.AccountService;
import org.smsswitch.account.Role;
import org.smsswitch.mo.MoService;
import org.smsswitch.model.SwitchException;
import org.smsswitch.numbers.PhoneNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MO listener: aggregators POST the texts phones send to the switch's short codes, form-encoded,
 * authenticated with HTTP Basic as an account of role AGGREGATOR. Fields: {@code from} (the phone),
 * {@code to} (the short code), {@code text}, {@code id} (the aggregator's message id), and optionally
 * {@code carrier} and {@code time} (ISO-8601 with an offset). The text is stored before the answer:
 * 200 means it is stored (or was already, for an id seen before) and will be processed once.
 */
public final class MoServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(MoServlet.class);
    private static final long serialVersionUID = 1L;
    static final int MAX_TEXT = 2000;
    static final int MAX_ID = 128;
    static final int MAX_CARRIER = 64;

    private transient AccountService accounts;
    private transient MoService mo;
    private final transient Set<String> served = ConcurrentHashMap.newKeySet();

    @Override
    public void init() throws ServletException {
        if (!(getServletContext().getAttribute(SwitchListener.SWITCH) instanceof SmsSwitch smsSwitch)) {
            throw new ServletException("The switch did not start; the MO listener cannot run");
        }
        this.accounts = smsSwitch.accounts();
        this.mo = smsSwitch.mo();
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Optional<Account> aggregator = authenticate(request);
        if (aggregator.isEmpty()) {
            log.info("MO post from {} refused: no valid aggregator credentials", request.getRemoteAddr());
            response.setHeader("WWW-Authenticate", "Basic realm=\"sms-switch MO\", charset=\"UTF-8\"");
            answer(response, HttpServletResponse.SC_UNAUTHORIZED, "An aggregator's username and password are required"
                    + " (HTTP Basic).");
            return;
        }
        if (aggregator.get().role() != Role.AGGREGATOR) {
            log.info("MO post refused: account {} is not an aggregator", aggregator.get().username());
            answer(response, HttpServletResponse.SC_FORBIDDEN, "Account " + aggregator.get().username()
                    + " is not an aggregator account.");
            return;
        }
        MoService.Inbound inbound;
        try {
            inbound = parse(request, aggregator.get().username());
        } catch (BadRequest e) {
            log.info("MO post from aggregator {} refused: {}", aggregator.get().username(), e.getMessage());
            answer(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        MoService.Received received;
        try {
            received = mo.receive(inbound);
        } catch (RuntimeException e) {
            log.error("MO {} from aggregator {} could not be stored", inbound.aggregatorMessageId(),
                    aggregator.get().username(), e);
            answer(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "The message could not be stored now; send it again.");
            return;
        }
        answer(response, HttpServletResponse.SC_OK, (received.duplicate() ? "Already received as " : "Stored as ")
                + received.id() + ".");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST");
        answer(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                "POST the message, form-encoded: from, to, text, id, and optionally carrier and time.");
    }

    private Optional<Account> authenticate(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return accounts.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private MoService.Inbound parse(HttpServletRequest request, String aggregator) throws BadRequest {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            throw new BadRequest("The body must be application/x-www-form-urlencoded, not "
                    + (contentType == null ? "missing" : contentType) + ".");
        }
        String from;
        try {
            from = PhoneNumber.parse(required(request, "from", 32), "from");
        } catch (SwitchException e) {
            throw new BadRequest(e.getMessage());
        }
        String to = required(request, "to", 16).strip();
        String text = request.getParameter("text");
        if (text == null) {
            throw new BadRequest("The field 'text' is required (it may be empty).");
        }
        if (text.length() > MAX_TEXT) {
            throw new BadRequest("The field 'text' has " + text.length() + " characters; at most " + MAX_TEXT
                    + " are taken.");
        }
        String id = required(request, "id", MAX_ID).strip();
        String carrier = optional(request, "carrier", MAX_CARRIER);
        String time = optional(request, "time", 64);
        Instant sentAt = null;
        if (time != null) {
            try {
                sentAt = OffsetDateTime.parse(time).toInstant();
            } catch (DateTimeParseException e) {
                throw new BadRequest("The field 'time' must be ISO-8601 with an offset, such as"
                        + " 2026-12-01T09:30:00Z, not '" + time + "'.");
            }
        }
        boolean longNumber = to.startsWith("+");
        boolean serves = served.contains(to) || mo.serves(to);
        // Short codes are never removed: one that was served once is served still. A long number
        // leaves its account when released, so it is asked about each time.
        if (serves && !longNumber) {
            served.add(to);
        }
        if (!serves) {
            throw new BadRequest(longNumber ? "Number " + to + " is not provisioned on this switch."
                    : "Short code " + to + " is not served by this switch.");
        }
        return new MoService.Inbound(from, to, text, "HTTP", aggregator, id, carrier, sentAt);
    }

    private static String required(HttpServletRequest request, String field, int max) throws BadRequest {
        String value = request.getParameter(field);
        if (value == null || value.isBlank()) {
            throw new BadRequest("The field '" + field + "' is required.");
        }
        if (value.length() > max) {
            throw new BadRequest("The field '" + field + "' has at most " + max + " characters.");
        }
        return value;
    }

    private static String optional(HttpServletRequest request, String field, int max) throws BadRequest {
        String value = request.getParameter(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw new BadRequest("The field '" + field + "' has at most " + max + " characters.");
        }
        return value.strip();
    }

    private static void answer(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println(text);
    }

    /** A request the listener refuses with 400, and why. */
    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String reason) {
            super(reason);
        }
    }
}
