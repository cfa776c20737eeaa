package org.smsswitch.optin;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/** The carrier words of RULES.md: quit, global quit and help words. None may be a keyword. */
public final class ReservedWords {
    public static final Set<String> QUIT = Set.of("STOP", "END", "QUIT", "CANCEL", "UNSUBSCRIBE", "FIN", "ARRET");
    public static final Set<String> GLOBAL_QUIT = Set.of("STOPALL", "ENDALL", "QUITALL", "CANCELALL");
    public static final Set<String> HELP = Set.of("HELP", "INFO", "AIDE");

    private ReservedWords() {
    }

    /** Upper case without accents, so "arrêt" and "ARRET" compare equal. */
    public static String normalize(String word) {
        String decomposed = Normalizer.normalize(word, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").toUpperCase(Locale.ROOT);
    }

    public static boolean isReserved(String word) {
        String w = normalize(word.strip());
        return QUIT.contains(w) || GLOBAL_QUIT.contains(w) || HELP.contains(w) || w.equals("ALL")
                || (w.endsWith("ALL") && QUIT.contains(w.substring(0, w.length() - 3)));
    }
}
