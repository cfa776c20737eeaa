package org.smsswitch.app;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.smsswitch.account.Account;
import org.smsswitch.account.AccountService;
import org.smsswitch.account.Role;
import org.smsswitch.model.SwitchException;
import org.smsswitch.numbers.PhoneNumber;
import org.smsswitch.oms.OmsReport;
import org.smsswitch.oms.OmsService;
import org.smsswitch.optin.OptIn;
import org.smsswitch.optin.OptInService;
import org.smsswitch.portal.BatchPages;
import org.smsswitch.portal.Csrf;
import org.smsswitch.portal.DashboardPage;
import org.smsswitch.portal.InboxPages;
import org.smsswitch.portal.KeywordPages;
import org.smsswitch.portal.MessagePages;
import org.smsswitch.portal.NumbersPage;
import org.smsswitch.portal.Page;
import org.smsswitch.portal.SignInThrottle;
import org.smsswitch.portal.TimeFormat;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator portal at {@code /portal}: sign-in, Check Opt-In / Force Opt-Out, Keywords, Messages,
 * Batches, the Inbox of conversations on long numbers, Numbers (with contract usage and porting
 * requests), the outage reports' outbox with replay, and the Dashboard. Operators see every account; an account's users see their own
 * account's data only, whatever the URL or form says: every lookup goes through the services with
 * the signed-in account. Every form carries the session's CSRF token; sign-ins are throttled; the
 * session cookie is HttpOnly and SameSite=Strict (web.xml), and its id changes at sign-in.
 */
public final class PortalServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(PortalServlet.class);
    private static final long serialVersionUID = 1L;
    private static final String SIGNED_IN = "portal.username";
    private static final TimeFormat TIMES = new TimeFormat();

    private transient AccountService accounts;
    private transient OptInService optIns;
    private transient OmsService oms;
    private transient SignInThrottle throttle;
    private transient TemplateEngine templates;
    private transient KeywordPages keywordPages;
    private transient MessagePages messagePages;
    private transient BatchPages batchPages;
    private transient DashboardPage dashboardPage;
    private transient InboxPages inboxPages;
    private transient NumbersPage numbersPage;

    @Override
    public void init() throws ServletException {
        if (!(getServletContext().getAttribute(SwitchListener.SWITCH) instanceof SmsSwitch smsSwitch)) {
            throw new ServletException("The switch did not start; the portal cannot run");
        }
        this.accounts = smsSwitch.accounts();
        this.optIns = smsSwitch.optIns();
        this.oms = smsSwitch.oms();
        this.throttle = new SignInThrottle(smsSwitch.clock());
        this.keywordPages = new KeywordPages(smsSwitch.keywords());
        this.messagePages = new MessagePages(smsSwitch.activity());
        this.batchPages = new BatchPages(smsSwitch.activity(), smsSwitch.cancels());
        this.dashboardPage = new DashboardPage(smsSwitch.activity(), smsSwitch.clock());
        this.inboxPages = new InboxPages(smsSwitch.conversations());
        this.numbersPage = new NumbersPage(smsSwitch.numbers(), smsSwitch.porting());
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(PortalServlet.class.getClassLoader());
        resolver.setPrefix("portal/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        this.templates = new TemplateEngine();
        templates.setTemplateResolver(resolver);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String method = request.getMethod();
        if (!path.equals("/chart.umd.js")) {
            response.setHeader("Cache-Control", "no-store");
        }
        if (method.equals("POST") && !csrfOk(request)) {
            log.info("Portal {} refused from {}: no valid CSRF token", path, request.getRemoteAddr());
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "The form is out of date or not this site's;"
                    + " reload the page and try again.");
            return;
        }
        if (path.equals("/login")) {
            if (method.equals("POST")) {
                signIn(request, response);
            } else {
                render(request, response, "login", Map.of());
            }
            return;
        }
        Optional<Account> caller = signedIn(request);
        if (caller.isEmpty()) {
            response.sendRedirect(request.getContextPath() + "/portal/login");
            return;
        }
        Page page = new Page(request, response, caller.get(), this::render);
        switch (method + " " + path) {
            case "POST /logout" -> {
                request.getSession().invalidate();
                response.sendRedirect(request.getContextPath() + "/portal/login");
            }
            case "GET /", "GET /optin" -> optInPage(request, response, caller.get());
            case "POST /optin/force" -> forceOptOut(request, response, caller.get());
            case "GET /outages" -> outagesPage(request, response, caller.get());
            case "POST /outages/replay" -> replay(request, response, caller.get());
            case "GET /keywords" -> keywordPages.list(page);
            case "GET /keywords/new" -> keywordPages.form(page, true);
            case "POST /keywords/new" -> keywordPages.save(page, true);
            case "GET /keywords/edit" -> keywordPages.form(page, false);
            case "POST /keywords/edit" -> keywordPages.save(page, false);
            case "POST /keywords/check" -> keywordPages.check(page);
            case "GET /messages" -> messagePages.search(page);
            case "GET /messages/view" -> messagePages.view(page);
            case "GET /batches" -> batchPages.list(page);
            case "GET /batches/progress" -> batchPages.progress(page, request.getParameterValues("id"));
            case "POST /batches/cancel" -> batchPages.cancel(page);
            case "GET /dashboard" -> dashboardPage.show(page);
            case "GET /inbox" -> inboxPages.list(page);
            case "GET /inbox/thread" -> inboxPages.thread(page);
            case "POST /inbox/reply" -> inboxPages.reply(page);
            case "GET /numbers" -> numbersPage.show(page);
            case "GET /chart.umd.js" -> DashboardPage.chartJs(response);
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such portal page.");
        }
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String username = Optional.ofNullable(request.getParameter("username")).orElse("").strip();
        String password = Optional.ofNullable(request.getParameter("password")).orElse("");
        String address = request.getRemoteAddr();
        Optional<Duration> wait = throttle.wait(username, address);
        if (wait.isPresent()) {
            log.info("Portal sign-in of {} from {} refused: too many failures", username, address);
            response.setStatus(429);
            render(request, response, "login", Map.of("error", "Too many failed sign-ins. Try again in "
                    + Math.max(1, (wait.get().toSeconds() + 59) / 60) + " minute(s)."));
            return;
        }
        Optional<Account> account = accounts.authenticate(username, password)
                .filter(a -> a.role() != Role.AGGREGATOR);
        if (account.isEmpty()) {
            throttle.failed(username, address);
            log.info("Portal sign-in of {} from {} failed", username, address);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            render(request, response, "login", Map.of("error", "Wrong username or password."));
            return;
        }
        throttle.succeeded(username);
        // A new session id, so that one planted before the sign-in is worth nothing after it.
        request.changeSessionId();
        HttpSession session = request.getSession();
        session.setAttribute(SIGNED_IN, account.get().username());
        session.setAttribute(Csrf.SESSION_ATTRIBUTE, Csrf.newToken());
        log.info("Portal sign-in of {} from {}", username, address);
        response.sendRedirect(request.getContextPath() + "/portal/optin");
    }

    private Optional<Account> signedIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object username = session == null ? null : session.getAttribute(SIGNED_IN);
        return username == null ? Optional.empty()
                : accounts.find((String) username).filter(Account::enabled);
    }

    private void optInPage(HttpServletRequest request, HttpServletResponse response, Account caller)
            throws IOException {
        Map<String, Object> model = new HashMap<>();
        String given = request.getParameter("number");
        if (given != null && !given.isBlank()) {
            try {
                String number = PhoneNumber.parse(given, "number");
                List<OptIn> found = optIns.check(caller, number, null);
                model.put("number", number);
                model.put("optIns", found);
                oms.latest(caller, number, null).ifPresent(last -> model.put("lastReport", last));
            } catch (SwitchException e) {
                model.put("error", e.getMessage());
            }
        }
        if (request.getParameter("done") != null) {
            model.put("notice", "Opted out of " + request.getParameter("done") + " keyword(s).");
        }
        render(request, response, "optin", model);
    }

    private void forceOptOut(HttpServletRequest request, HttpServletResponse response, Account caller)
            throws IOException {
        String number;
        try {
            number = PhoneNumber.parse(request.getParameter("number"), "number");
        } catch (SwitchException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        String keyword = Optional.ofNullable(request.getParameter("keyword")).filter(k -> !k.isBlank()).orElse(null);
        int ended;
        try {
            ended = optIns.forceOptOut(caller, number, Optional.ofNullable(request.getParameter("shortCode"))
                    .orElse("").strip(), keyword, "from the portal");
        } catch (SwitchException e) {
            render(request, response, "optin", Map.of("error", e.getMessage()));
            return;
        }
        log.info("Portal: {} forced {} out of {} on {} ({} ended)", caller.username(), number,
                keyword == null ? "every keyword" : keyword.toUpperCase(Locale.ROOT), request.getParameter("shortCode"),
                ended);
        response.sendRedirect(request.getContextPath() + "/portal/optin?number="
                + URLEncoder.encode(number, StandardCharsets.UTF_8) + "&done=" + ended);
    }

    private void outagesPage(HttpServletRequest request, HttpServletResponse response, Account caller)
            throws IOException {
        OmsReport.State state;
        try {
            state = OmsReport.State.valueOf(Optional.ofNullable(request.getParameter("state")).orElse("DEAD")
                    .toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "state is PENDING, RETRYING, DELIVERED or DEAD.");
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("state", state.name());
        model.put("states", OmsReport.State.values());
        model.put("reports", oms.list(caller, state, 200));
        if (request.getParameter("replayed") != null) {
            model.put("notice", "Outage report " + request.getParameter("replayed") + " goes to the OMS again.");
        }
        render(request, response, "outages", model);
    }

    private void replay(HttpServletRequest request, HttpServletResponse response, Account caller) throws IOException {
        long id;
        try {
            id = Long.parseLong(Optional.ofNullable(request.getParameter("reportId")).orElse("").strip());
        } catch (NumberFormatException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "reportId is a number.");
            return;
        }
        try {
            oms.replay(caller, id);
        } catch (SwitchException e) {
            response.sendError(e.code() == org.smsswitch.model.ErrorCode.NOT_FOUND
                    ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        log.info("Portal: {} replays outage report {}", caller.username(), id);
        response.sendRedirect(request.getContextPath() + "/portal/outages?state=PENDING&replayed=" + id);
    }

    private static boolean csrfOk(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(Csrf.SESSION_ATTRIBUTE);
        return Csrf.matches((String) expected, request.getParameter(Csrf.FIELD));
    }

    private void render(HttpServletRequest request, HttpServletResponse response, String template,
            Map<String, Object> model) throws IOException {
        HttpSession session = request.getSession();
        if (session.getAttribute(Csrf.SESSION_ATTRIBUTE) == null) {
            session.setAttribute(Csrf.SESSION_ATTRIBUTE, Csrf.newToken());
        }
        Context context = new Context(Locale.ENGLISH);
        context.setVariables(model);
        context.setVariable("csrf", session.getAttribute(Csrf.SESSION_ATTRIBUTE));
        context.setVariable("base", request.getContextPath() + "/portal");
        context.setVariable("assets", request.getContextPath() + "/portal-assets");
        context.setVariable("user", session.getAttribute(SIGNED_IN));
        context.setVariable("time", TIMES);
        response.setContentType("text/html;charset=UTF-8");
        templates.process(template, context, response.getWriter());
    }
}
