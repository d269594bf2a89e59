package dev.amanah.donations.importer;

/**
 * The import file is not UTF-8 text (a Latin-1 or Windows-1252 export, or UTF-16, Windows'
 * "Unicode text"): the whole file is refused, not a row of it, since no row of it can be read
 * as written. {@code --skip-bad} does not get past it. Nothing was imported.
 */
public final class NotUtf8Exception extends RuntimeException {
    /** @param what what is not UTF-8, and where if known ("not UTF-8: byte 0xE9 at offset 171 (line 2) ...") */
    NotUtf8Exception(String what) {
        super(what + "; save it as \"CSV UTF-8\" and import it again");
    }
}
