package dev.amanah.donations.pdf;

import com.ibm.icu.text.BreakIterator;

/**
 * Where a line of printed text may end: at Unicode's line break opportunities (UAX #14), which
 * besides spaces fall between the words of Thai, Khmer, Lao and Myanmar, scripts written without
 * spaces between words (found from ICU's dictionaries), and between Chinese or Japanese characters.
 *
 * <p>ICU's rather than the JDK's {@code java.text.BreakIterator.getLineInstance}: the JDK's finds
 * the words of a Thai text only under a Thai locale, and never those of a Khmer one, so a long
 * name in either would be broken where the line is full, inside a word. Stateless and thread-safe.
 */
public final class LineBreaks {
    private LineBreaks() {
    }

    /**
     * The last index at or before {@code fits}, where {@code text} may be broken into lines, the
     * spaces right after {@code fits} allowed to hang past the line's end (a line is printed
     * without its trailing spaces); 0 if there is none, and the line must be cut inside a word.
     * {@code fits} is at most {@code text.length()}.
     */
    public static int lastAtOrBefore(String text, int fits) {
        int end = fits;
        while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        var breaks = BreakIterator.getLineInstance();
        breaks.setText(text);
        return breaks.isBoundary(end) ? end : breaks.preceding(end);
    }
}
