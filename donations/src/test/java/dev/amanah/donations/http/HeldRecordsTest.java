package dev.amanah.donations.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a logger is given while held back is written on close, unless discarded: nothing else Helidon says is lost. */
class HeldRecordsTest {
    private static final String NAME = "dev.amanah.donations.http.HeldRecordsTest.helidon";
    private final Logger logger = Logger.getLogger(NAME);
    private final List<String> written = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
            written.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
    }

    @Test
    void heldRecordsAreWrittenOnCloseInTheirOrder() {
        try (var held = HeldRecords.of(NAME)) {
            logger.log(Level.SEVERE, "first");
            logger.log(Level.WARNING, "second");
            assertThat(written).isEmpty();
        }
        logger.log(Level.SEVERE, "after");

        assertThat(written).containsExactly("first", "second", "after");
    }

    @Test
    void discardedRecordsAreNotWrittenAndTheLoggerWritesAgainAfter() {
        try (var held = HeldRecords.of(NAME)) {
            logger.log(Level.SEVERE, "said better by the caller");
            held.discard();
        }
        logger.log(Level.SEVERE, "after");

        assertThat(written).containsExactly("after");
    }
}
