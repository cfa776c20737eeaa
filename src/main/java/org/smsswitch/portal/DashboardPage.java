package org.smsswitch.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.servlet.http.HttpServletResponse;
import org.smsswitch.status.ActivityService;
import org.smsswitch.status.ActivityService.Dashboard;
import org.smsswitch.status.ActivityService.Day;

/**
 * The Dashboard: sends and their delivery outcomes per day, opt-ins and opt-outs per day (drawn by
 * Chart.js, from its WebJar), and what waits in the queue now.
 */
public final class DashboardPage {
    /** Chart.js as its WebJar packs it; served by the portal so the page needs no other site. */
    private static final String CHART_JS = "META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js";
    private static final int DAYS = 14;

    private final ActivityService activity;
    private final Clock clock;

    public DashboardPage(ActivityService activity, Clock clock) {
        this.activity = activity;
        this.clock = clock;
    }

    public void show(Page page) throws IOException {
        Dashboard dashboard = activity.dashboard(page.caller(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC),
                DAYS);
        List<String> labels = new ArrayList<>();
        Map<String, List<Long>> sends = new LinkedHashMap<>();
        ActivityService.OUTCOMES.forEach(o -> sends.put(o, new ArrayList<>()));
        List<Long> optIns = new ArrayList<>();
        List<Long> optOuts = new ArrayList<>();
        for (Day day : dashboard.days()) {
            labels.add(day.day().toString());
            day.sends().forEach((outcome, count) -> sends.get(outcome).add(count));
            optIns.add(day.optIns());
            optOuts.add(day.optOuts());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("days", labels);
        data.put("sends", sends);
        data.put("optIns", optIns);
        data.put("optOuts", optOuts);
        Map<String, Object> model = new HashMap<>();
        model.put("dashboard", dashboard);
        model.put("outcomes", ActivityService.OUTCOMES);
        model.put("queueDepth", dashboard.queued().values().stream().mapToLong(Long::longValue).sum());
        model.put("data", Page.embedded(data));
        model.put("chartJs", "chart.umd.js");
        page.render("dashboard", model);
    }

    /** GET /chart.umd.js: the charting library, cached by the browser for a day. */
    public static void chartJs(HttpServletResponse response) throws IOException {
        try (InputStream in = DashboardPage.class.getClassLoader().getResourceAsStream(CHART_JS)) {
            if (in == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "Chart.js is not packaged with this build.");
                return;
            }
            response.setContentType("text/javascript;charset=UTF-8");
            response.setHeader("Cache-Control", "private, max-age=86400");
            try (OutputStream out = response.getOutputStream()) {
                in.transferTo(out);
            }
        }
    }
}
