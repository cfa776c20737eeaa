package org.smsswitch.optin;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;

class KeywordRulesTest {
    static final String WELCOME = "Thank you for joining Joe's Discount Club. Msg&Data rates may apply. Max 4 msgs/mo. "
            + "For more, go to joesclub.com. STOP2Quit, HELP4More";
    static final String HELP = "Joe's Discount Club: Max 4 msgs/mo. Help at joesclub.com or 1-800-555-0100.";
    static final String QUIT = "This message confirms that you have quit Joe's Discount Club. No more messages will "
            + "be sent. HELP4More";

    static KeywordDefinition recurring(String word, String welcome, String help, String quit) {
        return new KeywordDefinition("55555", word, "demo", "Joe's Discount Club", true, 4, LimitPeriod.MONTH, true,
                false, welcome, help, quit, null, false);
    }

    @Test
    void the_rules_example_passes() {
        assertDoesNotThrow(() -> KeywordRules.check(recurring("JOES", WELCOME, HELP, QUIT)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop", "Stop", " STOP", "END", "quit", "CANCEL", "unsubscribe", "FIN", "arrêt", "ARRET",
        "stopall", "ENDALL", "quitall", "CANCELALL", "UNSUBSCRIBEALL", "finall", "arrêtall", "help", "INFO", "aide"})
    void reserved_words_are_refused_whatever_their_case(String word) {
        SwitchException e = assertThrows(SwitchException.class,
                () -> KeywordRules.check(recurring(word, WELCOME, HELP, QUIT)));
        assertEquals(ErrorCode.RESERVED_WORD, e.code());
    }

    @Test
    void a_recurring_welcome_names_every_missing_phrase() {
        SwitchException e = assertThrows(SwitchException.class,
                () -> KeywordRules.check(recurring("JOES", "Welcome to the club!", HELP, QUIT)));
        assertEquals(ErrorCode.NON_COMPLIANT_MESSAGE, e.code());
        for (String phrase : new String[] {"Msg&Data rates may apply", "Max 4 msgs/mo", "STOP2Quit", "HELP4More"}) {
            assertTrue(e.getMessage().contains(phrase), e.getMessage());
        }
    }

    @Test
    void messages_over_160_characters_are_refused() {
        String longWelcome = WELCOME + " " + "x".repeat(161 - WELCOME.length());
        SwitchException e = assertThrows(SwitchException.class,
                () -> KeywordRules.check(recurring("JOES", longWelcome, HELP, QUIT)));
        assertTrue(e.getMessage().contains("at most 160"), e.getMessage());
    }

    @Test
    void help_needs_a_toll_free_number_or_web_site() {
        SwitchException e = assertThrows(SwitchException.class,
                () -> KeywordRules.check(recurring("JOES", WELCOME, "Max 4 msgs/mo. Call us.", QUIT)));
        assertTrue(e.getMessage().contains("toll-free number or a web site"), e.getMessage());
        assertDoesNotThrow(() -> KeywordRules.check(recurring("JOES", WELCOME, "Max 4 msgs/mo. Call 888-555-0100",
                QUIT)));
        assertThrows(SwitchException.class, () -> KeywordRules.check(recurring("JOES", WELCOME,
                "Max 4 msgs/mo. Thanks.For help call us", QUIT)));
        assertDoesNotThrow(() -> KeywordRules.check(recurring("JOES", WELCOME,
                "Max 4 msgs/mo. Help: https://joesclub.example/help", QUIT)));
    }

    @Test
    void a_non_recurring_welcome_needs_rates_and_help_only() {
        KeywordDefinition d = new KeywordDefinition("55555", "OUT", "demo", "Outages", false, null, null, false, true,
                "Outage report received. Msg&Data rates may apply. HELP4More", "Help at example.com", QUIT, null,
                false);
        assertDoesNotThrow(() -> KeywordRules.check(d));
    }

    @Test
    void a_recurring_service_states_its_limit() {
        KeywordDefinition d = new KeywordDefinition("55555", "JOES", "demo", "Club", true, null, null, true, false,
                WELCOME, HELP, QUIT, null, false);
        assertEquals(ErrorCode.MISSING_FIELD, assertThrows(SwitchException.class, () -> KeywordRules.check(d)).code());
    }
}
