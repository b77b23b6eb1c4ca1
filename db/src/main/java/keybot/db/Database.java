package keybot.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.IsolationLevel;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keybot's PostgreSQL: the external one named by {@code DATABASE_URL}, or an embedded one whose files live in
 * the data directory and survive restarts. Migrations run on open; a failing migration fails the open.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** PostgreSQL's default, set on every pooled connection; the conditional updates rely on nothing stronger. */
    private static final IsolationLevel ISOLATION = IsolationLevel.TRANSACTION_READ_COMMITTED;

    private final HikariDataSource pool;
    private final EmbeddedPostgres embedded;
    private final Jdbi jdbi;
    private final String description;

    private Database(HikariDataSource pool, EmbeddedPostgres embedded, String description) {
        this.pool = pool;
        this.embedded = embedded;
        this.description = description;
        this.jdbi = Jdbi.create(() -> KnownIsolation.wrap(pool.getConnection(), ISOLATION.getLevelId()))
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin());
    }

    /** Opens the external database when a URL is given, else the embedded one under {@code dataDir}. */
    public static Database open(Optional<String> databaseUrl, Path dataDir) {
        Database db =
                databaseUrl.map(DatabaseUrl::parse).map(Database::external).orElseGet(() -> embedded(dataDir));
        log.info("Database: {}", db.description);
        db.migrate();
        return db;
    }

    public static Database external(DatabaseUrl url) {
        return new Database(pool(url), null, "external PostgreSQL at " + url.where());
    }

    public static Database embedded(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.toAbsolutePath())
                    .setCleanDataDirectory(false)
                    // the library's default (off) can lose the last commits when PostgreSQL stops abruptly
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            DatabaseUrl url = new DatabaseUrl(pg.getJdbcUrl("postgres", "postgres"), null, null);
            return new Database(
                    pool(url),
                    pg,
                    "embedded PostgreSQL in " + dataDir.toAbsolutePath() + " (port " + pg.getPort() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    private static HikariDataSource pool(DatabaseUrl url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setMaximumPoolSize(10);
        config.setTransactionIsolation(ISOLATION.name());
        config.setPoolName("keybot");
        config.setInitializationFailTimeout(10_000);
        return new HikariDataSource(config);
    }

    /** Brings the schema up to date with the migrations shipped in this jar. */
    public void migrate() {
        migrate("classpath:db/migration");
    }

    void migrate(String... locations) {
        Flyway.configure().dataSource(pool).locations(locations).load().migrate();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public String description() {
        return description;
    }

    /** True when a trivial query answers: what the health check reports. */
    public boolean isReachable() {
        try {
            return jdbi.withHandle(
                            h -> h.createQuery("SELECT 1").mapTo(Integer.class).one())
                    == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }
}
