package dev.amanah.donations.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** The machinery of {@link BothDatabases}. */
final class BothDatabasesExtension implements TestTemplateInvocationContextProvider {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BothDatabasesExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Stream.of(Dialect.SQLITE, Dialect.POSTGRESQL).map(Invocation::new);
    }

    private record Invocation(Dialect dialect) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return dialect.name().toLowerCase();
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new Provider(dialect));
        }
    }

    /** Opens the test's database on demand and closes (drops) it after the test. */
    private record Provider(Dialect dialect) implements ParameterResolver, AfterEachCallback {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestDatabase.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            var database = switch (dialect) {
                case SQLITE -> sqlite();
                case POSTGRESQL -> EmbeddedPostgresServer.shared(context).newDatabase();
            };
            context.getStore(NAMESPACE).put(TestDatabase.class, database);
            return database;
        }

        @Override
        public void afterEach(ExtensionContext context) {
            var database = context.getStore(NAMESPACE).remove(TestDatabase.class, TestDatabase.class);
            if (database != null) {
                database.close();
            }
        }

        private static TestDatabase sqlite() {
            try {
                var directory = Files.createTempDirectory("amanah-store-test");
                return new TestDatabase(DatabaseConfig.sqlite(directory.resolve("data").resolve("amanah.db")),
                        () -> deleteTree(directory));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void deleteTree(Path directory) {
            try (var paths = Files.walk(directory)) {
                for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
