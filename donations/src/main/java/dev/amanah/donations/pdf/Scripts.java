package dev.amanah.donations.pdf;

import com.ibm.icu.lang.UScript;
import java.util.BitSet;

/** The scripts a character is written in, by ICU's Unicode data. Stateless and thread-safe. */
final class Scripts {
    private Scripts() {
    }

    /**
     * The scripts {@code codePoint} is used in (its Script_Extensions: several for a danda or a
     * Han-and-kana mark, one for most letters) as ICU's {@link UScript} codes, a new set each time;
     * empty for a character of any script (a digit, punctuation, a combining mark, a joiner).
     */
    static BitSet of(int codePoint) {
        var scripts = new BitSet();
        UScript.getScriptExtensions(codePoint, scripts);
        scripts.clear(UScript.COMMON);
        scripts.clear(UScript.INHERITED);
        return scripts;
    }
}
