package org.smsswitch.app;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.smsswitch.model.SwitchException;
import org.smsswitch.numbers.PhoneNumber;
import org.smsswitch.optin.Keyword;
import org.smsswitch.optin.KeywordService;
import org.smsswitch.optin.OptInKind;
import org.smsswitch.optin.OptInService;
import org.smsswitch.persistence.Transactions;
import org.smsswitch.send.SendService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-up widget's service, behind {@code webapp/signup/}: {@code GET /signup/api/keyword} gives a
 * keyword's service name and the disclosure the carriers require, {@code POST /signup/api} opts a
 * number in (kind Web, with the page, the address and the disclosure shown as proof) and sends the
 * keyword's welcome message. Sign-ups per number and per address are limited, so the page cannot be
 * used to flood a phone with welcome messages.
 */
public final class SignUpServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(SignUpServlet.class);
    private static final long serialVersionUID = 1L;
    static final int PER_NUMBER_PER_HOUR = 3;
    static final int PER_ADDRESS_PER_HOUR = 30;
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final int PRUNE_ABOVE = 10_000;

    private transient Transactions tx;
    private transient Clock clock;
    private transient Runnable repliesQueued;
    private final transient Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    @Override
    public void init() throws ServletException {
        if (!(getServletContext().getAttribute(SwitchListener.SWITCH) instanceof SmsSwitch smsSwitch)) {
            throw new ServletException("The switch did not start; the sign-up widget cannot run");
        }
        this.tx = new Transactions(smsSwitch.database().sessionFactory());
        this.clock = smsSwitch.clock();
        this.repliesQueued = smsSwitch.drainer()::wake;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/keyword".equals(request.getPathInfo())) {
            json(response, HttpServletResponse.SC_NOT_FOUND, error("No such resource; GET /signup/api/keyword"
                    + "?shortCode=...&keyword=..."));
            return;
        }
        String shortCode = request.getParameter("shortCode");
        String word = request.getParameter("keyword");
        if (blank(shortCode) || blank(word)) {
            json(response, HttpServletResponse.SC_BAD_REQUEST, error("shortCode and keyword are required."));
            return;
        }
        Optional<Program> program = tx.call(s -> KeywordService.findOnShortCode(s, shortCode.strip(), word)
                .filter(SignUpServlet::signUpAllowed).map(Program::of));
        if (program.isEmpty()) {
            json(response, HttpServletResponse.SC_NOT_FOUND, error("There is no sign-up for keyword "
                    + word.strip().toUpperCase(java.util.Locale.ROOT) + " on short code " + shortCode.strip() + "."));
            return;
        }
        Program p = program.get();
        json(response, HttpServletResponse.SC_OK, "{\"shortCode\":" + quote(p.shortCode()) + ",\"keyword\":"
                + quote(p.keyword()) + ",\"serviceName\":" + quote(p.serviceName()) + ",\"disclosure\":"
                + quote(p.disclosure()) + "}");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String shortCode = request.getParameter("shortCode");
        String word = request.getParameter("keyword");
        if (blank(shortCode) || blank(word)) {
            json(response, HttpServletResponse.SC_BAD_REQUEST, error("shortCode and keyword are required."));
            return;
        }
        String number;
        try {
            number = PhoneNumber.parse(request.getParameter("phone"), "phone");
        } catch (SwitchException e) {
            json(response, HttpServletResponse.SC_BAD_REQUEST, error("Please enter a mobile number, such as"
                    + " (555) 010-0001."));
            return;
        }
        if (!"yes".equals(request.getParameter("consent"))) {
            json(response, HttpServletResponse.SC_BAD_REQUEST, error("Please tick the box to agree to the terms"
                    + " above."));
            return;
        }
        String address = request.getRemoteAddr();
        Instant now = clock.instant();
        String page = Optional.ofNullable(request.getHeader("Referer")).orElse("(no referring page)");
        // The limits count sign-ups that would text the phone, not requests refused before that.
        String outcome = tx.call(s -> {
            Optional<Keyword> keyword = KeywordService.findOnShortCode(s, shortCode.strip(), word)
                    .filter(SignUpServlet::signUpAllowed);
            if (keyword.isEmpty()) {
                return null;
            }
            if (!allowed("number " + number, PER_NUMBER_PER_HOUR, now)
                    || !allowed("address " + address, PER_ADDRESS_PER_HOUR, now)) {
                return "";
            }
            Keyword k = keyword.get();
            Program p = Program.of(k);
            String proof = cut("Web sign-up widget on " + page + " from " + address + " at " + now + "; shown: "
                    + p.disclosure(), 1000);
            boolean already = !OptInService.activeOn(s, java.util.List.of(k.id()), number).isEmpty();
            OptInService.optIn(s, k, number, OptInKind.WEB, proof, now);
            if (!already) {
                // A number opted in already has had its welcome.
                SendService.queueOwn(s, k.account().id(), k.shortCode().id(), number, k.welcomeText(),
                        SendService.PRIORITY_REPLY, now);
            }
            return p.serviceName();
        });
        if (outcome == null) {
            json(response, HttpServletResponse.SC_NOT_FOUND, error("There is no sign-up for keyword "
                    + word.strip().toUpperCase(java.util.Locale.ROOT) + " on short code " + shortCode.strip() + "."));
            return;
        }
        if (outcome.isEmpty()) {
            log.info("Sign-up for {} from {} refused: too many in the last hour", number, address);
            json(response, 429, error("Too many sign-ups from here or for this number; please try again later."));
            return;
        }
        repliesQueued.run();
        log.info("Web sign-up of {} to {} on {} from {}", number, word.strip(), shortCode.strip(), address);
        json(response, HttpServletResponse.SC_OK, "{\"ok\":true,\"message\":" + quote("You are signed up for "
                + outcome + ". A welcome text is on its way to " + number + ".") + "}");
    }

    /** Outage keywords report outages; they are not programs to sign up to. */
    private static boolean signUpAllowed(Keyword k) {
        return !k.outage();
    }

    /** A keyword as the widget shows it, with the disclosure the carriers require next to the form. */
    record Program(String shortCode, String keyword, String serviceName, String disclosure) {
        static Program of(Keyword k) {
            String frequency = k.recurring() && k.maxMessages() != null
                    ? "recurring automated text messages from " + k.serviceName() + " at the number above, up to "
                            + k.maxMessages() + " msgs/" + (k.limitPeriod() == null ? "mo"
                                    : k.limitPeriod().abbreviation())
                    : "automated text messages from " + k.serviceName() + " at the number above";
            String code = k.shortCode().code();
            return new Program(code, k.word(), k.serviceName(), "By signing up you agree to receive " + frequency
                    + ". Consent is not a condition of purchase. Msg&Data rates may apply. Text STOP to " + code
                    + " to quit, HELP for help.");
        }
    }

    private boolean allowed(String key, int max, Instant now) {
        if (recent.size() > PRUNE_ABOVE) {
            // Numbers and addresses not seen within the hour are forgotten, so the map stays small.
            recent.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    return e.getValue().isEmpty() || e.getValue().peekLast().isBefore(now.minus(WINDOW));
                }
            });
        }
        Deque<Instant> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
                times.pollFirst();
            }
            if (times.size() >= max) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static String error(String message) {
        return "{\"ok\":false,\"error\":" + quote(message) + "}";
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<' -> out.append("\\u003c");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static void json(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(body);
    }
}
