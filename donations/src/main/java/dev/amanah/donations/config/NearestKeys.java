package dev.amanah.donations.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The keys a misspelled one may have meant: those within a few edits of it ({@link EditDistance}),
 * nearest first, by the rule the command line's options follow.
 */
final class NearestKeys {
    private static final int MOST_EDITS = 2;

    private NearestKeys() {
    }

    /** The names among {@code known} near {@code typed}, nearest first; empty when none is. */
    static List<String> to(String typed, Collection<String> known) {
        // a one-letter slip on a short word is as near to every short key as to the one meant
        var allowed = Math.min(MOST_EDITS, typed.length() / 3);
        return known.stream()
                .map(name -> new Candidate(name, EditDistance.between(typed, name)))
                .filter(candidate -> candidate.edits() <= allowed)
                .sorted(Comparator.comparingInt(Candidate::edits))
                .map(Candidate::name)
                .toList();
    }

    /** A key's name and how many edits away from the word typed it is, counted once. */
    private record Candidate(String name, int edits) {
    }
}
