package org.smsswitch.optin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.HttpUrls;
import org.smsswitch.model.SwitchException;

/** The carriers' rules for a keyword and its messages (RULES.md, "Keyword messages"). */
final class KeywordRules {
    static final int MAX_MESSAGE_LENGTH = 160;
    private static final Pattern WORD = Pattern.compile("[A-Z0-9#]{1,32}");
    private static final Pattern TOLL_FREE = Pattern.compile(
            "(\\+?1[\\s.-]?)?\\(?8(00|33|44|55|66|77|88)\\)?[\\s.-]?[0-9]{3}[\\s.-]?[0-9]{4}");
    /** A URL, a www. address, or a domain under a common top-level domain ("joesclub.com"). */
    private static final Pattern WEB_SITE = Pattern.compile(
            "https?://\\S+|\\bwww\\.[A-Za-z0-9-]+\\.\\S+"
                    + "|\\b[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.(?i:com|org|net|gov|edu|info|biz|us|ca|co|io|coop|energy)\\b");

    private KeywordRules() {
    }

    static void check(KeywordDefinition d) {
        checkService(d);
        List<String> problems = messageProblems(d).values().stream().flatMap(List::stream).toList();
        if (!problems.isEmpty()) {
            throw new SwitchException(ErrorCode.NON_COMPLIANT_MESSAGE, null, String.join(" ", problems));
        }
    }

    /** The word, the limits and the application URL: everything but the messages. */
    static void checkService(KeywordDefinition d) {
        String word = ReservedWords.normalize(d.word().strip());
        if (ReservedWords.isReserved(word)) {
            throw new SwitchException(ErrorCode.RESERVED_WORD, "keyword",
                    "'" + d.word() + "' is a reserved carrier word (quit or help) and cannot be a keyword.");
        }
        if (!WORD.matcher(word).matches()) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "keyword",
                    "A keyword is 1 to 32 letters, digits or #, not '" + d.word() + "'.");
        }
        if (d.recurring() && (d.maxMessages() == null || d.period() == null)) {
            throw new SwitchException(ErrorCode.MISSING_FIELD, d.maxMessages() == null ? "maxMessages" : "period",
                    "A recurring service states its maximum messages and their period.");
        }
        if (d.maxMessages() != null && d.maxMessages() < 1) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "maxMessages", "maxMessages must be at least 1.");
        }
        if (d.applicationUrl() != null && !d.applicationUrl().isBlank()) {
            checkApplicationUrl(d.applicationUrl());
        } else if (d.applicationSendsExit()) {
            throw new SwitchException(ErrorCode.MISSING_FIELD, "applicationUrl",
                    "An application that sends its own exit message needs an application URL to be told of"
                            + " opt-outs.");
        }
    }

    /** Each message's problems, by the definition's field name (welcomeText, helpText, quitText). */
    static Map<String, List<String>> messageProblems(KeywordDefinition d) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        problems.put("welcomeText", welcomeProblems(d));
        problems.put("helpText", helpProblems(d));
        problems.put("quitText", quitProblems(d));
        return problems;
    }

    private static void checkApplicationUrl(String url) {
        if (!HttpUrls.isHttp(url, 500)) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "applicationUrl",
                    "The application URL must be an http or https URL of at most 500 characters.");
        }
    }

    static List<String> welcomeProblems(KeywordDefinition d) {
        List<String> problems = new ArrayList<>();
        String text = d.welcomeText();
        length("welcome", text, problems);
        require("welcome", text, "Msg&Data rates may apply", problems);
        require("welcome", text, "HELP4More", problems);
        if (d.recurring()) {
            require("welcome", text, maxPhrase(d), problems);
            require("welcome", text, "STOP2Quit", problems);
        }
        return problems;
    }

    static List<String> helpProblems(KeywordDefinition d) {
        List<String> problems = new ArrayList<>();
        String text = d.helpText();
        length("help", text, problems);
        if (text != null && !TOLL_FREE.matcher(text).find() && !WEB_SITE.matcher(text).find()) {
            problems.add("The help message must give a toll-free number or a web site for support.");
        }
        if (d.recurring()) {
            require("help", text, maxPhrase(d), problems);
        }
        return problems;
    }

    static List<String> quitProblems(KeywordDefinition d) {
        List<String> problems = new ArrayList<>();
        String text = d.quitText();
        length("quit", text, problems);
        require("quit", text, "No more messages will be sent", problems);
        return problems;
    }

    private static String maxPhrase(KeywordDefinition d) {
        return "Max " + d.maxMessages() + " msgs/" + (d.period() == null ? "mo" : d.period().abbreviation());
    }

    private static void length(String which, String text, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add("The " + which + " message is required.");
        } else if (text.length() > MAX_MESSAGE_LENGTH) {
            problems.add("The " + which + " message has " + text.length() + " characters; at most "
                    + MAX_MESSAGE_LENGTH + " are allowed.");
        }
    }

    private static void require(String which, String text, String phrase, List<String> problems) {
        if (text != null && !text.contains(phrase)) {
            problems.add("The " + which + " message must contain '" + phrase + "'.");
        }
    }
}
