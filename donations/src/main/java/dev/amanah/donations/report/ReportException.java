package dev.amanah.donations.report;

/**
 * A report could not be generated because one of its sections failed or did not finish in time.
 * The message names the section; no partial report is ever returned.
 */
public final class ReportException extends RuntimeException {
    private final String section;

    /**
     * @param section the section that failed ({@code totals}, {@code donors}, ..., {@code reporting total})
     * @param why     what happened
     */
    public ReportException(String section, String why, Throwable cause) {
        super("REPORT_SECTION_FAILED section '" + section + "': " + why, cause);
        this.section = section;
    }

    /** The section that failed. */
    public String section() {
        return section;
    }
}
