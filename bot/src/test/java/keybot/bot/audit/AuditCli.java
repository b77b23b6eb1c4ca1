package keybot.bot.audit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import keybot.approvals.Project;
import keybot.bot.Main;
import keybot.db.Database;
import keybot.db.TestAudit;
import keybot.db.TestPostgres;

/** Runs {@code java -jar keybot.jar audit …} in-process, through {@link Main}, and keeps what it printed. */
final class AuditCli {

    static final Project PRODUCTION = TestAudit.PRODUCTION;
    static final Project STAGING = new Project("staging", "stagingprojectrefabc", Set.of("UADMIN2"), 1);

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private AuditCli() {}

    /** A fresh, migrated database and the DATABASE_URL that names it. */
    record TestDatabase(String url, Database db) implements AutoCloseable {
        static TestDatabase fresh() {
            String url = TestPostgres.freshJdbcUrl();
            return new TestDatabase(url, Database.open(Optional.of(url), Path.of("unused-with-an-external-db")));
        }

        /** Only the database setting: no Slack or Supabase token, no policy file. */
        Map<String, String> env() {
            return Map.of("DATABASE_URL", url, "KEYBOT_CONFIG", "/nonexistent/keybot.yml");
        }

        @Override
        public void close() {
            db.close();
        }
    }

    static Result audit(Map<String, String> env, String... args) {
        return audit(env, new ByteArrayInputStream(new byte[0]), args);
    }

    static Result auditWithInput(Map<String, String> env, String stdin, String... args) {
        return audit(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    static Result audit(Map<String, String> env, InputStream in, String... args) {
        var outBytes = new ByteArrayOutputStream();
        var errBytes = new ByteArrayOutputStream();
        int exit = Main.run(
                Stream.concat(Stream.of("audit"), Stream.of(args)).toArray(String[]::new),
                env,
                in,
                new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        return new Result(exit, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
