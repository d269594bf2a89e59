package dev.amanah.donations.importer;

import java.util.List;

/** A count in words for the import's messages: {@code 1 row}, {@code 2 rows}, {@code 0 rows}. Stateless. */
final class Counts {
    private Counts() {
    }

    /** {@code count} and {@code noun}, with an s unless the count is 1; for nouns whose plural takes an s. */
    static String of(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** How many lines the problems are on: a row with several problems is one bad row. */
    static long lines(List<RowProblem> problems) {
        return problems.stream().mapToLong(RowProblem::line).distinct().count();
    }
}
