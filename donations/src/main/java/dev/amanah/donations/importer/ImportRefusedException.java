package dev.amanah.donations.importer;

import java.util.List;

/**
 * The file has bad rows and {@code --skip-bad} was not given: nothing was imported. Lists every
 * problem, each with its line and column.
 */
public final class ImportRefusedException extends RuntimeException {
    private final List<RowProblem> problems;

    /**
     * @param file     the file as the user named it (its path, not its last name alone)
     * @param problems every bad row's problem, in line order
     */
    public ImportRefusedException(String file, List<RowProblem> problems) {
        super("IMPORT_REFUSED " + file + ": " + Counts.of(Counts.lines(problems), "bad row")
                + " (" + Counts.of(problems.size(), "problem") + "), nothing imported");
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in line order. */
    public List<RowProblem> problems() {
        return problems;
    }
}
