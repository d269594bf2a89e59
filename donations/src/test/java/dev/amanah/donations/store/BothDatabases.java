package dev.amanah.donations.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test twice, once on a fresh SQLite file and once on a fresh PostgreSQL database, each
 * migrated and handed to the test as a {@link TestDatabase} parameter. One embedded PostgreSQL
 * server serves the whole test run and stops when it ends; each test gets its own database on it
 * (created before, dropped after), and every pool the test opened is closed after it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(BothDatabasesExtension.class)
public @interface BothDatabases {
}
