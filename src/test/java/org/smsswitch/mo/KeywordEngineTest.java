package org.smsswitch.mo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeywordEngineTest {
    private static final List<String> KEYWORDS = List.of("ALERTS", "NEWS", "OUT", "#OUT");

    /** text | active keywords (space-separated) | asked within the window | expected decision */
    @ParameterizedTest(name = "{0} with [{1}]")
    @CsvSource(delimiter = '|', value = {
            "please STOP texting me | ALERTS      | false | OptOut[keywords=[ALERTS], global=false]",
            "Stop                   | ALERTS      | false | OptOut[keywords=[ALERTS], global=false]",
            "stop.                  | ALERTS      | false | OptOut[keywords=[ALERTS], global=false]",
            "ALERTS STOP            | ALERTS NEWS | false | OptOut[keywords=[ALERTS], global=false]",
            "stop news              | ALERTS NEWS | false | OptOut[keywords=[NEWS], global=false]",
            "STOP ALL               | ALERTS NEWS | false | OptOut[keywords=[ALERTS, NEWS], global=true]",
            "stopall                | ALERTS NEWS | false | OptOut[keywords=[ALERTS, NEWS], global=true]",
            "QUITALL                |             | false | OptOut[keywords=[], global=true]",
            "ARRET                  | ALERTS      | false | OptOut[keywords=[ALERTS], global=false]",
            "arrêt                  | ALERTS      | false | OptOut[keywords=[ALERTS], global=false]",
            "Fin                    | ALERTS      | false | OptOut[keywords=[ALERTS], global=false]",
            "unsubscribe            | ALERTS      | false | OptOut[keywords=[ALERTS], global=false]",
            "STOP                   |             | false | OptOut[keywords=[], global=false]",
            "STOP                   | ALERTS NEWS | false | AskWhich[active=[ALERTS, NEWS]]",
            "STOP                   | ALERTS NEWS | true  | OptOut[keywords=[ALERTS, NEWS], global=true]",
            "ALERTS help STOP       | ALERTS NEWS | false | OptOut[keywords=[ALERTS], global=false]",
            "stop sending me news   | ALERTS NEWS | false | OptOut[keywords=[NEWS], global=false]",
            "Stop texting me, I moved out | ALERTS | false | OptOut[keywords=[ALERTS], global=false]",
            "STOP NEWS              | ALERTS      | false | OptOut[keywords=[NEWS], global=false]",
            "FINALL                 | ALERTS NEWS | false | OptOut[keywords=[ALERTS, NEWS], global=true]",
            "unsubscribeall         | ALERTS NEWS | false | OptOut[keywords=[ALERTS, NEWS], global=true]",
            "ArrêtAll               | ALERTS      | false | OptOut[keywords=[ALERTS], global=true]",
            "stopping by later      | ALERTS      | false | Unknown[]",
            "HELP                   | ALERTS NEWS | false | Help[keywords=[ALERTS, NEWS]]",
            "help                   |             | false | Help[keywords=[]]",
            "alerts help            |             | false | Help[keywords=[ALERTS]]",
            "HELP NEWS              | ALERTS      | false | Help[keywords=[NEWS]]",
            "aide                   | ALERTS      | false | Help[keywords=[ALERTS]]",
            "ALERTS                 |             | false | OptIn[keyword=ALERTS, parameters=]",
            "alerts 123 Main St     |             | false | OptIn[keyword=ALERTS, parameters=123 Main St]",
            "ALERTS,12345           |             | false | OptIn[keyword=ALERTS, parameters=12345]",
            "#out                   |             | false | OptIn[keyword=#OUT, parameters=]",
            "#OUT on Elm St         |             | false | OptIn[keyword=#OUT, parameters=on Elm St]",
            "hello there            | ALERTS      | false | Unknown[]",
            "''                     | ALERTS      | false | Unknown[]",
    })
    void readsTheText(String text, String active, boolean asked, String expected) {
        List<String> activeNow = active == null ? List.of() : List.of(active.split(" "));
        KeywordEngine.Decision decision = KeywordEngine.decide(text, KEYWORDS, activeNow, asked);
        assertEquals(expected, decision.toString().replace("KeywordEngine.", ""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ALERTS NEWS | Multiple keywords active. Reply with one of ALERTS STOP, NEWS STOP or with STOP ALL to quit all.",
            "A B C       | Multiple keywords active. Reply with one of A STOP, B STOP, C STOP or with STOP ALL to quit all.",
    })
    void asksWhichKeyword(String active, String expected) {
        assertEquals(expected, KeywordEngine.question(List.of(active.split(" "))));
    }

    @org.junit.jupiter.api.Test
    void wordsAreUpperCaseWithoutAccents() {
        assertEquals(List.of("ARRET", "S", "IL", "VOUS", "PLAIT"), KeywordEngine.words("Arrêt, s'il vous plaît"));
        assertEquals(Set.of(), Set.copyOf(KeywordEngine.words("  ")));
    }
}
