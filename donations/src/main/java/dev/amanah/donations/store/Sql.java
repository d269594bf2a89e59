package dev.amanah.donations.store;

import dev.amanah.finance.money.Currencies;
import dev.amanah.finance.money.Money;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The thin JDBC layer the repositories share: binds parameters, maps rows, and stores the two
 * types whose column type differs by database (instants and dates) the same way for both.
 */
final class Sql {
    /** Fixed width, so SQLite's text instants sort in time order. */
    private static final DateTimeFormatter SQLITE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** Maps the current row. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Rows per JDBC batch: bounds the driver's buffered parameters on very long batches. */
    private static final int BATCH = 1_000;

    private final Database database;
    private final Dialect dialect;

    /** The layer over {@code database}'s connections (whose writer's statements it reuses). */
    Sql(Database database) {
        this.database = database;
        this.dialect = database.dialect();
    }

    Dialect dialect() {
        return dialect;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the rows changed. */
    int update(Connection c, String sql, Object... args) throws SQLException {
        try (var prepared = database.prepare(c, sql)) {
            var ps = prepared.statement();
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    /**
     * Runs one statement once per row of arguments, as JDBC batches of at most {@code BATCH} rows
     * (one round trip each instead of one per row); returns each row's count of rows changed, in
     * order (a driver may answer {@link java.sql.Statement#SUCCESS_NO_INFO} for a row).
     */
    int[] batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        var counts = new int[rows.size()];
        try (var prepared = database.prepare(c, sql)) {
            var ps = prepared.statement();
            for (int from = 0; from < rows.size(); from += BATCH) {
                int to = Math.min(rows.size(), from + BATCH);
                for (var args : rows.subList(from, to)) {
                    bind(ps, args);
                    ps.addBatch();
                }
                System.arraycopy(ps.executeBatch(), 0, counts, from, to - from);
            }
        }
        return counts;
    }

    /** Runs an INSERT ending in {@code RETURNING id}; returns the id. */
    long insertReturningId(Connection c, String sql, Object... args) throws SQLException {
        try (var prepared = database.prepare(c, sql)) {
            var ps = prepared.statement();
            bind(ps, args);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("INSERT ... RETURNING gave no row: " + sql);
                }
                return rs.getLong(1);
            }
        }
    }

    <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (var prepared = database.prepare(c, sql)) {
            var ps = prepared.statement();
            bind(ps, args);
            try (var rs = ps.executeQuery()) {
                var out = new ArrayList<T>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        }
    }

    <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        var rows = list(c, sql, row, args);
        if (rows.size() > 1) {
            throw new SQLException("expected at most one row, got " + rows.size() + ": " + sql);
        }
        return rows.stream().findFirst();
    }

    Instant instant(ResultSet rs, String column) throws SQLException {
        return instant(rs, rs.findColumn(column));
    }

    LocalDate date(ResultSet rs, String column) throws SQLException {
        return date(rs, rs.findColumn(column));
    }

    /**
     * {@link #instant(ResultSet, String)} by the column's position: mappers of hot rows read by
     * position, since a read by name makes SQLite's driver build a map of the column names for
     * every result.
     */
    Instant instant(ResultSet rs, int column) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            var text = rs.getString(column);
            return text == null ? null : sqliteInstant(text);
        }
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** {@link #date(ResultSet, String)} by the column's position. */
    LocalDate date(ResultSet rs, int column) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            var text = rs.getString(column);
            return text == null ? null : sqliteDate(text);
        }
        return rs.getObject(column, LocalDate.class);
    }

    /** {@link #money(ResultSet, String, String)} by the columns' positions. */
    static Money money(ResultSet rs, int minorColumn, int currencyColumn) throws SQLException {
        return Money.ofMinor(rs.getLong(minorColumn),
                Currencies.paymentCurrency(rs.getString(currencyColumn).trim(), "currency"));
    }

    /** {@link #optionalString(ResultSet, String)} by the column's position. */
    static Optional<String> optionalString(ResultSet rs, int column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    /**
     * An instant as SQLite stores it ({@link #SQLITE_INSTANT}, fixed width), read by hand: the
     * general {@link Instant#parse} cost more than the rest of a row's mapping. Any other text
     * goes to {@link Instant#parse}, which reads it or says what is wrong with it.
     */
    static Instant sqliteInstant(String text) {
        if (text.length() == 27 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == '.' && text.charAt(26) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int micros = digits(text, 20, 26);
            if ((year | month | day | hour | minute | second | micros) >= 0) {
                // LocalDateTime.of checks every field's range, as parsing would.
                return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1_000).toInstant(ZoneOffset.UTC);
            }
        }
        return Instant.parse(text);
    }

    /** A date as SQLite stores it ({@code yyyy-MM-dd}), read by hand; any other text goes to {@link LocalDate#parse}. */
    static LocalDate sqliteDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if ((year | month | day) >= 0) {
                return LocalDate.of(year, month, day);
            }
        }
        return LocalDate.parse(text);
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character there is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    static Money money(ResultSet rs, String minorColumn, String currencyColumn) throws SQLException {
        return Money.ofMinor(rs.getLong(minorColumn),
                Currencies.paymentCurrency(rs.getString(currencyColumn).trim(), currencyColumn));
    }

    static Optional<String> optionalString(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    /** Instants are kept to the microsecond, the precision both databases store. */
    static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            int index = i + 1;
            switch (args[i]) {
                case null -> ps.setNull(index, Types.NULL);
                case String s -> ps.setString(index, s);
                case Long l -> ps.setLong(index, l);
                case Integer n -> ps.setInt(index, n);
                case Enum<?> e -> ps.setString(index, e.name());
                case Instant t -> {
                    if (dialect == Dialect.SQLITE) {
                        ps.setString(index, SQLITE_INSTANT.format(t));
                    } else {
                        ps.setObject(index, OffsetDateTime.ofInstant(truncate(t), ZoneOffset.UTC));
                    }
                }
                case LocalDate d -> {
                    if (dialect == Dialect.SQLITE) {
                        ps.setString(index, d.toString());
                    } else {
                        ps.setObject(index, d);
                    }
                }
                default -> throw new IllegalArgumentException("cannot bind " + args[i].getClass().getName());
            }
        }
    }
}
