package dev.amanah.donations.config;

/**
 * The Damerau-Levenshtein distance between two words in its restricted form (optimal string
 * alignment): the fewest insertions, deletions, substitutions and swaps of two adjacent characters
 * that turn one word into the other, each counting 1, no part of the word edited twice.
 */
public final class EditDistance {
    private EditDistance() {
    }

    /** The distance between {@code a} and {@code b}: 0 exactly when they are equal, symmetric, never negative. */
    public static int between(String a, String b) {
        // rows i-2, i-1 and i of the usual table: a swap looks two rows back
        var beforePrevious = new int[b.length() + 1];
        var previous = new int[b.length() + 1];
        var current = new int[b.length() + 1];
        for (var j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (var i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (var j = 1; j <= b.length(); j++) {
                var substitution = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                var best = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + substitution);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, beforePrevious[j - 2] + 1);
                }
                current[j] = best;
            }
            var recycled = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = recycled;
        }
        return previous[b.length()];
    }
}
