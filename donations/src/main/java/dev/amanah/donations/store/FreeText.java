package dev.amanah.donations.store;

import java.util.Optional;

/**
 * The rule for text a person types that is stored as written: a reason, a note, a name. Such text
 * is refused, never altered, when it is blank, longer than its column, holds a control character
 * (U+0000 to U+001F, U+007F to U+009F, and the line and paragraph separators U+2028 and U+2029,
 * which break a line as a line feed does; PostgreSQL cannot store U+0000 at all, and SQLite would
 * keep what the other database refuses), or holds half of a surrogate pair (not Unicode text: the
 * drivers would write it as {@code ?}, losing what was typed). Text shown to someone other than
 * its writer (every such field: names, review notes, reject and cancel reasons) is refused too when
 * it holds a direction override ({@link #shownProblem}). Every service that takes free text
 * asks here, so the API, the staff pages and both databases refuse the same input; each answers
 * with its own code. Stateless, thread-safe.
 */
public final class FreeText {
    private FreeText() {
    }

    /**
     * {@code text} without the spaces around it: the one trimming every door applies to text a
     * person typed (the API's names, notes and reasons, the staff pages' forms, an import file's
     * values). Only space separators are removed (U+0020, the no-break and other Unicode spaces,
     * category Zs), never a control character: a tab or a line break at either end stays, so
     * {@link #problem} refuses it there as anywhere else, rather than the text being stored as other
     * than written.
     */
    public static String trimmed(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && Character.getType(text.charAt(start)) == Character.SPACE_SEPARATOR) {
            start++;
        }
        while (end > start && Character.getType(text.charAt(end - 1)) == Character.SPACE_SEPARATOR) {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * What is wrong with {@code text} as free text of 1 to {@code maxLength} characters, in words
     * for the person who typed it ("must ..."), or empty if it may be stored. The text itself is
     * never quoted: it may be personal data.
     */
    public static Optional<String> problem(String text, int maxLength) {
        if (text == null || text.isBlank() || text.length() > maxLength) {
            return Optional.of("must be 1 to " + maxLength + " characters");
        }
        return characterProblem(text);
    }

    /**
     * What {@link #problem} says of a name (a donor's, a campaign's, a recipient's), whose column
     * holds 1 to 200 characters: printed on receipts and statements as stored, so never altered.
     * A name is refused too when it holds a bidirectional embedding, override or isolate
     * (U+202A–U+202E, U+2066–U+2069): those reorder the text after them, so a name with U+202E
     * before "live" reads "evil" on a statement. Names in right-to-left scripts need none of them;
     * the marks U+200E, U+200F and U+061C, which right-to-left keyboards type, are accepted: they
     * only set the direction of the neutral characters beside them and cannot reorder letters.
     */
    public static Optional<String> nameProblem(String name) {
        return shownProblem(name, Limits.NAME);
    }

    /**
     * What {@link #problem} says of text shown to someone other than the person who wrote it (a
     * review note or a reject or cancel reason, shown to other staff and on the audit trail; a
     * name, {@link #nameProblem}), and a bidirectional embedding, override or isolate too: there
     * it could make the text read as other text, as a name on a statement. The right-to-left marks
     * U+200E, U+200F and U+061C pass.
     */
    public static Optional<String> shownProblem(String text, int maxLength) {
        return problem(text, maxLength).or(() -> directionProblem(text));
    }

    private static Optional<String> directionProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                return Optional.of("must not contain a character that changes the text's direction (U+%04X), which could make it read as other text"
                        .formatted((int) c));
            }
        }
        return Optional.empty();
    }

    /** What {@link #problem} says of {@code text}'s characters alone, whatever its length. */
    public static Optional<String> characterProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // U+2028 and U+2029 are no control characters to Java, but break a line as U+000A does
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return Optional.of("must not contain control characters (such as a line break or the zero character U+0000)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must be Unicode text (it holds half of a surrogate pair)");
            }
        }
        return Optional.empty();
    }
}
