package dev.amanah.donations.cli;

import dev.amanah.donations.config.EditDistance;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options of a command a misspelled flag may have meant: those within a few edits of it
 * ({@link EditDistance}), nearest first, then any picocli offered that are not among them.
 */
final class OptionSuggestions {
    private static final int MOST_EDITS = 2;

    private OptionSuggestions() {
    }

    /**
     * The suggestions for {@code typed} (an unknown option as typed, {@code --name} or
     * {@code --name=value}) on {@code command}, each once; empty when nothing is near.
     */
    static List<String> of(String typed, CommandSpec command, List<String> picocli) {
        var word = bare(typed.split("=", 2)[0]);
        // a one-letter slip on a short word is as near to every short option as to the one meant
        var allowed = Math.min(MOST_EDITS, word.length() / 3);
        var near = command.options().stream()
                .flatMap(option -> Stream.of(option.names()))
                .map(name -> new Candidate(name, EditDistance.between(word, bare(name))))
                .filter(candidate -> candidate.edits() <= allowed)
                .sorted(Comparator.comparingInt(Candidate::edits))
                .map(Candidate::name)
                .toList();
        var all = new LinkedHashSet<>(near);
        all.addAll(picocli);
        return List.copyOf(all);
    }

    /** An option's name and how many edits away from the word typed it is, counted once. */
    private record Candidate(String name, int edits) {
    }

    private static String bare(String option) {
        return option.replaceFirst("^-+", "");
    }
}
