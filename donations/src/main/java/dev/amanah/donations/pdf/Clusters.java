package dev.amanah.donations.pdf;

import java.text.BreakIterator;

/**
 * Where printed text may be cut: between grapheme clusters, the units a reader sees as one letter.
 * A cut between code points can leave a Bengali or Devanagari vowel sign or virama at the start of
 * a piece, drawn on a dotted circle, part a Latin or Arabic letter from its combining mark, or an
 * emoji from its modifier. Uses {@link BreakIterator#getCharacterInstance()}, which since JDK 20
 * follows Unicode's extended grapheme clusters, including (JDK 25) an Indic conjunct, virama and
 * following consonant, as one cluster. Stateless and thread-safe.
 */
public final class Clusters {
    private Clusters() {
    }

    /** {@code text} without its last cluster; {@code ""} if it has one or none. */
    public static String withoutLast(String text) {
        var clusters = breaks(text);
        int last = clusters.last();
        return text.substring(0, last == 0 ? 0 : clusters.previous());
    }

    /**
     * The index just past the cluster that starts at {@code from}, or {@code text.length()} if
     * {@code from} is at or past the end. {@code from} should itself be a cluster boundary.
     */
    public static int next(String text, int from) {
        if (from >= text.length()) {
            return text.length();
        }
        return breaks(text).following(from);
    }

    private static BreakIterator breaks(String text) {
        var clusters = BreakIterator.getCharacterInstance();
        clusters.setText(text);
        return clusters;
    }
}
