package org.smsswitch.app;

import java.util.Map;
import org.smsswitch.account.AccountService;
import org.smsswitch.account.Role;
import org.smsswitch.numbers.ShortCodeService;
import org.smsswitch.numbers.ShortCodeType;
import org.smsswitch.optin.Keyword;
import org.smsswitch.optin.KeywordDefinition;
import org.smsswitch.optin.KeywordService;
import org.smsswitch.optin.LimitPeriod;
import org.smsswitch.optin.OptInKind;
import org.smsswitch.optin.OptInService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a newcomer needs to send at once on the embedded default: the client account {@code demo}
 * (password {@code demo}), the operator {@code admin} (password {@code admin}), the aggregator
 * {@code aggregator} (password {@code aggregator}) that posts texts to the MO listener, short code 55555 with
 * the keyword ALERTS and the outage keywords OUT and OUTAGE, and +15550100001 opted in to ALERTS.
 */
final class DemoData {
    static final String SHORT_CODE = "55555";
    static final String OPTED_IN_NUMBER = "+15550100001";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final AccountService accounts;
    private final ShortCodeService shortCodes;
    private final KeywordService keywords;
    private final OptInService optIns;

    DemoData(AccountService accounts, ShortCodeService shortCodes, KeywordService keywords, OptInService optIns) {
        this.accounts = accounts;
        this.shortCodes = shortCodes;
        this.keywords = keywords;
        this.optIns = optIns;
    }

    /** Creates the demo data unless the demo account already exists. */
    void ensure() {
        if (accounts.find("demo").isPresent()) {
            return;
        }
        accounts.create("demo", "demo", "Demo Utility", Role.CLIENT, false);
        if (accounts.find("admin").isEmpty()) {
            accounts.create("admin", "admin", "Demo operator", Role.OPERATOR, false);
        }
        if (accounts.find("aggregator").isEmpty()) {
            accounts.create("aggregator", "aggregator", "Demo aggregator", Role.AGGREGATOR, false);
        }
        shortCodes.create(SHORT_CODE, ShortCodeType.SHARED, null, null,
                "Demo Utility SMS. Help at example.com/sms or 1-800-555-0199. Msg&Data rates may apply.",
                "You have been unsubscribed. No more messages will be sent. HELP4More",
                "Sorry, we did not understand. Text HELP for help.");
        Keyword alerts = keywords.create(new KeywordDefinition(SHORT_CODE, "ALERTS", "demo", "Demo Utility Alerts",
                true, 4, LimitPeriod.MONTH, true, false,
                "Thank you for joining Demo Utility Alerts. Msg&Data rates may apply. Max 4 msgs/mo. "
                        + "For more, go to example.com/alerts. STOP2Quit, HELP4More",
                "Demo Utility Alerts: Max 4 msgs/mo. Help at example.com/alerts or 1-800-555-0199. STOP2Quit",
                "This message confirms that you have quit Demo Utility Alerts. No more messages will be sent. "
                        + "HELP4More",
                null, false));
        for (String word : new String[] {"OUT", "OUTAGE"}) {
            keywords.create(new KeywordDefinition(SHORT_CODE, word, "demo", "Demo Utility Outage Reporting",
                    false, null, null, false, true,
                    "Demo Utility: your outage report was received. Msg&Data rates may apply. HELP4More",
                    "Demo Utility outages: text OUT to report. Help at example.com/outage or 1-800-555-0199.",
                    "This message confirms that you have quit Demo Utility Outage Reporting. "
                            + "No more messages will be sent. HELP4More",
                    null, false));
        }
        optIns.optIn(alerts.id(), OPTED_IN_NUMBER, OptInKind.WEB, "Demo data created at first start",
                Map.of("account", "DEMO-0001"));
        log.info("Created demo data: account demo, operator admin, aggregator aggregator, short code {},"
                + " keywords ALERTS, OUT, OUTAGE",
                SHORT_CODE);
    }
}
