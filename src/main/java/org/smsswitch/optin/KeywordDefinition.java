package org.smsswitch.optin;

/** What an operator asks for when registering a keyword; checked by {@link KeywordRules}. */
public record KeywordDefinition(
        String shortCode,
        String word,
        String account,
        String serviceName,
        boolean recurring,
        Integer maxMessages,
        LimitPeriod period,
        boolean optInRequired,
        boolean outage,
        String welcomeText,
        String helpText,
        String quitText,
        String applicationUrl,
        boolean applicationSendsExit) {
}
