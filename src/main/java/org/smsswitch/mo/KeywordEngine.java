package org.smsswitch.mo;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.smsswitch.optin.ReservedWords;

/**
 * What a text sent in to a short code asks for, by RULES.md's MO rules 1 to 9: an opt-out (qualified,
 * global or unqualified), the multiple-keywords question, help, a keyword opt-in with its parameters,
 * or nothing the switch knows. Pure: the caller supplies the short code's keywords, those the sender
 * has active, and whether the sender was asked the question within its window.
 */
public final class KeywordEngine {
    private static final Pattern SEPARATORS = Pattern.compile("[^A-Z0-9#]+");
    /** The first word and what separates it from the parameters ("ALERTS 12345", "ALERTS,12345"). */
    private static final Pattern LEADING_WORD = Pattern.compile("^[^\\p{L}\\p{N}#]*[\\p{L}\\p{M}\\p{N}#]+[^\\p{L}\\p{N}#]*");

    private KeywordEngine() {
    }

    /** What the text asks for. */
    public sealed interface Decision {
    }

    /**
     * Opt out of {@code keywords} (none active: still confirmed, with the generic quit message);
     * {@code global} when the sender asked to leave everything on the short code.
     */
    public record OptOut(Set<String> keywords, boolean global) implements Decision {
    }

    /** Several keywords active and an unqualified quit: ask which (MO rule 5). */
    public record AskWhich(List<String> active) implements Decision {
    }

    /** Help for {@code keywords}; none means the short code's generic help. */
    public record Help(Set<String> keywords) implements Decision {
    }

    /** The first word is a keyword: opt in; {@code parameters} is the rest of the text, as sent. */
    public record OptIn(String keyword, String parameters) implements Decision {
    }

    /** A text the short code has no keyword for. */
    public record Unknown() implements Decision {
    }

    /**
     * The words of a text, upper case and without accents ("arrêt" is ARRET), split at anything that
     * is not a letter, digit or #.
     */
    public static List<String> words(String text) {
        String normalized = ReservedWords.normalize(text == null ? "" : text).strip();
        if (normalized.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(SEPARATORS.split(normalized)).filter(w -> !w.isEmpty()).toList();
    }

    /**
     * @param text the text as sent
     * @param keywords the keywords of the short code, upper case
     * @param active those the sender is opted in to now
     * @param asked whether the sender was asked the multiple-keywords question within its window
     */
    public static Decision decide(String text, Collection<String> keywords, Collection<String> active,
            boolean asked) {
        List<String> words = words(text);
        Set<String> known = Set.copyOf(keywords);
        Set<String> activeNow = new TreeSet<>(active);
        // Rule 1: a quit word anywhere outranks every other reading.
        boolean quit = false;
        boolean global = false;
        Set<String> qualified = new LinkedHashSet<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (isGlobalQuit(w)) {
                quit = true;
                global = true;
            } else if (ReservedWords.QUIT.contains(w)) {
                quit = true;
                if (i + 1 < words.size() && words.get(i + 1).equals("ALL")) {
                    global = true;
                }
                // "ALERTS STOP", "STOP ALERTS": the quit is for the keyword next to it.
                if (i > 0 && known.contains(words.get(i - 1))) {
                    qualified.add(words.get(i - 1));
                }
                if (i + 1 < words.size() && known.contains(words.get(i + 1))) {
                    qualified.add(words.get(i + 1));
                }
            } else if (activeNow.contains(w)) {
                // "stop sending me alerts": a keyword the sender has active, named anywhere.
                qualified.add(w);
            }
        }
        if (quit) {
            if (global) {
                return new OptOut(activeNow, true);
            }
            if (!qualified.isEmpty()) {
                return new OptOut(qualified, false);
            }
            if (activeNow.size() > 1) {
                return asked ? new OptOut(activeNow, true) : new AskWhich(List.copyOf(activeNow));
            }
            return new OptOut(activeNow, false);
        }
        if (words.isEmpty()) {
            return new Unknown();
        }
        String first = words.get(0);
        // Rules 7 and 8: "KWA HELP" and "HELP".
        if (ReservedWords.HELP.contains(first)) {
            if (words.size() > 1 && known.contains(words.get(1))) {
                return new Help(Set.of(words.get(1)));
            }
            return new Help(activeNow);
        }
        if (known.contains(first) && words.size() > 1 && ReservedWords.HELP.contains(words.get(1))) {
            return new Help(Set.of(first));
        }
        // Rule 9: a keyword opts in; what follows it is for the owning application.
        if (known.contains(first)) {
            return new OptIn(first, LEADING_WORD.matcher(text).replaceFirst("").strip());
        }
        return new Unknown();
    }

    /** STOPALL and its kin, also for the Canadian words (FINALL, ARRETALL). */
    private static boolean isGlobalQuit(String w) {
        return ReservedWords.GLOBAL_QUIT.contains(w)
                || (w.length() > 3 && w.endsWith("ALL") && ReservedWords.QUIT.contains(w.substring(0, w.length() - 3)));
    }

    /** MO rule 5's question, one "KW STOP" per active keyword. */
    public static String question(List<String> active) {
        List<String> choices = active.stream().map(k -> k + " STOP").toList();
        return "Multiple keywords active. Reply with one of " + String.join(", ", choices)
                + " or with STOP ALL to quit all.";
    }
}
