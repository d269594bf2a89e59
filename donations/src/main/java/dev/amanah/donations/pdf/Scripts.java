package dev.amanah.donations.pdf;

import com.ibm.icu.lang.UScript;
import java.util.BitSet;
import java.util.List;

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

    /**
     * The scripts of each letter of {@code text} that is of some script ({@link #of} not empty), in
     * order: what {@link BundledFace#isFor} judges a word by, worked out once for all the faces.
     */
    static List<BitSet> ofLetters(String text) {
        return text.codePoints().mapToObj(Scripts::of).filter(scripts -> !scripts.isEmpty()).toList();
    }
}
