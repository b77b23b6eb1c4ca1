package keybot.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/** One embedded PostgreSQL per test JVM; every caller gets a fresh, empty database of its own. */
public final class TestPostgres {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {}

    /** A new database with the production migrations applied. */
    public static Database freshDatabase() {
        Database db = Database.external(new DatabaseUrl(freshJdbcUrl(), "postgres", null));
        db.migrate();
        return db;
    }

    /** A new, empty database (no migrations). */
    public static synchronized String freshJdbcUrl() {
        String name = "keybot_test_" + NEXT.incrementAndGet();
        Jdbi.create(server().getPostgresDatabase()).useHandle(h -> h.execute("CREATE DATABASE " + name));
        return server().getJdbcUrl("postgres", name);
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temporary directory goes with it
                }
            }));
        }
        return server;
    }
}
