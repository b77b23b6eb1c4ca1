package keybot.bot.audit;

import java.io.BufferedWriter;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import keybot.approvals.AuditChain;
import keybot.approvals.AuditRecord;
import keybot.approvals.ChainCheck;
import keybot.approvals.RequestHistory;
import keybot.approvals.Secret;
import keybot.db.Database;
import keybot.db.DatabaseUrl;
import keybot.db.PostgresAuditLog;
import keybot.db.PostgresRequestStore;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code java -jar keybot.jar audit verify|export|whose}: the auditor's tools. They need only the database
 * settings ({@code DATABASE_URL}, else the embedded PostgreSQL in {@code KEYBOT_DATA_DIR}), never a Slack or
 * Supabase token or the policy file. Results go to standard output, everything else to standard error.
 */
public final class AuditCommand {

    /** Verified, exported, found. */
    public static final int OK = 0;
    /** The chain is broken ({@code verify}), or no request has that key ({@code whose}). */
    public static final int NOT_OK = 1;
    /** Bad arguments, bad settings, or no key given: nothing was opened. */
    public static final int USAGE = 2;
    /** The database could not be opened or read, or the output could not be written. */
    public static final int CANNOT_RUN = 3;

    static final String USAGE_TEXT = """
            usage: java -jar keybot.jar audit verify
                   java -jar keybot.jar audit export --format jsonl|csv [--since DATE] [--until DATE] [--project NAME]
                   java -jar keybot.jar audit whose < file-holding-one-key
              verify  walk the audit hash chain: "OK: …" and exit 0, or the first broken event and exit 1
              export  write the audit events to standard output, oldest first, as JSON lines or CSV;
                      DATE is a UTC day (2026-11-26: --since from its start, --until through its end)
                      or an instant (2026-11-26T10:00:00Z: --since inclusive, --until exclusive);
                      NAME is the project's name as in keybot.yml
              whose   read one key from standard input and show the request it was issued for (exit 1 if none)
            The database is DATABASE_URL's, else the embedded PostgreSQL in KEYBOT_DATA_DIR (./data); see README.
            """;

    /** Longer than any Supabase key; a bigger first line is not a key. */
    private static final int MAX_KEY_LENGTH = 1024;
    /** How often the export checks that standard output still takes what it writes. */
    private static final int CHECK_OUTPUT_EVERY = 1000;

    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    private AuditCommand(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code audit <args>} and returns the exit code. {@code in} is read by {@code whose} only. */
    public static int run(
            List<String> args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        return new AuditCommand(env, in, out, err).run(args);
    }

    private int run(List<String> args) {
        AuditArgs parsed;
        try {
            parsed = AuditArgs.parse(args);
        } catch (UsageError e) {
            err.println("keybot audit: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        if (parsed.command() == AuditArgs.Command.HELP) {
            out.print(USAGE_TEXT);
            return OK;
        }
        List<String> problems = new ArrayList<>();
        DatabaseSettings settings = DatabaseSettings.from(env, problems);
        if (!problems.isEmpty()) {
            err.println("keybot audit cannot run; fix the configuration:");
            problems.forEach(p -> err.println("  - " + p));
            return USAGE;
        }
        Secret key = null;
        if (parsed.command() == AuditArgs.Command.WHOSE) {
            try {
                key = readKey();
            } catch (UsageError e) {
                err.println("keybot audit: " + e.getMessage());
                return USAGE;
            } catch (IOException e) {
                err.println("keybot audit: cannot read the key from standard input: " + describe(e));
                return CANNOT_RUN;
            }
        }
        return withDatabase(settings, parsed, key);
    }

    private int withDatabase(DatabaseSettings settings, AuditArgs parsed, Secret key) {
        Database db;
        try {
            db = Database.open(settings.url(), settings.dataDir());
        } catch (RuntimeException e) {
            err.println("keybot audit: cannot open the database: " + describe(e));
            return CANNOT_RUN;
        }
        try (db) {
            return switch (parsed.command()) {
                case VERIFY -> verify(db.jdbi());
                case EXPORT -> export(db.jdbi(), parsed.format(), parsed.filter());
                case WHOSE -> whose(db.jdbi(), key);
                case HELP -> throw new IllegalStateException("answered without a database");
            };
        } catch (RuntimeException e) {
            if (causedBy(e, OutputClosed.class) instanceof OutputClosed closed) {
                err.println("keybot audit: standard output stopped taking the export after " + closed.written
                        + " events; the export is incomplete");
            } else {
                err.println("keybot audit: reading the database failed: " + describe(e));
            }
            return CANNOT_RUN;
        }
    }

    private int verify(Jdbi jdbi) {
        ChainCheck check = new PostgresAuditLog(jdbi).verify();
        Optional<ChainCheck.Break> broken = check.firstBreak();
        if (broken.isPresent()) {
            out.println("BROKEN at event " + broken.get().seq() + ": "
                    + broken.get().how());
            err.println("keybot audit: " + check.count() + " audit events read");
            return NOT_OK;
        }
        out.println("OK: " + check.count() + " audit events, chain head " + hashOfEvent(jdbi, check.count()));
        return OK;
    }

    /**
     * The hash of event {@code seq}: after a clean verify of {@code seq} events, the head of the chain that was
     * verified. Read from the event rather than from {@code audit_head}, which may already have moved on if
     * keybot appended events since verify took its snapshot; events never change, so this one is what was checked.
     */
    private static String hashOfEvent(Jdbi jdbi, long seq) {
        if (seq == 0) {
            return AuditChain.GENESIS;
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT hash FROM audit_event WHERE seq = :seq")
                .bind("seq", seq)
                .mapTo(String.class)
                .one());
    }

    private int export(Jdbi jdbi, ExportFormat format, PostgresAuditLog.Filter filter) {
        ExportSink sink = new ExportSink(format, out);
        sink.header();
        new PostgresAuditLog(jdbi).export(filter, sink);
        sink.finish();
        err.println("keybot audit: exported " + sink.written + " audit event" + (sink.written == 1 ? "" : "s"));
        return OK;
    }

    private int whose(Jdbi jdbi, Secret key) {
        Optional<RequestHistory> found = new PostgresRequestStore(jdbi).byKeySha256(key.sha256());
        if (found.isEmpty()) {
            out.println("No key request matches that key.");
            if (!key.reveal().startsWith("sb_secret_")) {
                err.println("keybot audit: keybot only hands out secret keys, and those start with sb_secret_");
            }
            return NOT_OK;
        }
        out.print(WhoseReport.of(found.get()));
        return OK;
    }

    /**
     * The first non-blank line of standard input, stripped; at a terminal, typed or pasted without echo. Held only
     * to be hashed: never printed or logged.
     */
    private Secret readKey() throws IOException, UsageError {
        String key;
        Console console = System.console();
        if (console != null && in == System.in) {
            char[] typed = console.readPassword("Key (not shown as you type or paste; then Enter): ");
            key = typed == null ? "" : new String(typed).strip();
            if (typed != null) {
                Arrays.fill(typed, '\0');
            }
        } else {
            key = firstNonBlankLine(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        if (key.isEmpty()) {
            throw new UsageError("no key on standard input; give one, for example `pbpaste | java -jar keybot.jar"
                    + " audit whose` or `java -jar keybot.jar audit whose < key.txt`");
        }
        if (key.codePoints().anyMatch(Character::isWhitespace)) {
            throw new UsageError("the first line of standard input holds more than one word; give exactly one key");
        }
        return new Secret(key);
    }

    private static String firstNonBlankLine(Reader reader) throws IOException, UsageError {
        StringBuilder line = new StringBuilder();
        for (int c = reader.read(); c != -1; c = reader.read()) {
            if (c == '\n' || c == '\r') {
                if (!line.toString().isBlank()) {
                    break;
                }
                line.setLength(0);
            } else if (line.length() >= MAX_KEY_LENGTH) {
                throw new UsageError("the first line of standard input is longer than any key (" + MAX_KEY_LENGTH
                        + " characters or more); give exactly one key");
            } else {
                line.append((char) c);
            }
        }
        return line.toString().strip();
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static Throwable causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    /** The only settings the audit commands read, checked as {@code serve} checks them. */
    private record DatabaseSettings(Optional<String> url, Path dataDir) {

        static DatabaseSettings from(Map<String, String> env, List<String> problems) {
            Optional<String> url = setting(env, "DATABASE_URL");
            url.ifPresent(u -> {
                try {
                    DatabaseUrl.parse(u);
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            });
            Path dataDir = null;
            try {
                dataDir = Path.of(setting(env, "KEYBOT_DATA_DIR").orElse("./data"));
            } catch (InvalidPathException e) {
                problems.add("KEYBOT_DATA_DIR must be a directory path: " + e.getReason());
            }
            return new DatabaseSettings(url, dataDir);
        }

        /** A set, non-blank value; a blank one counts as unset, as for {@code serve}. */
        private static Optional<String> setting(Map<String, String> env, String key) {
            return Optional.ofNullable(env.get(key)).map(String::strip).filter(s -> !s.isEmpty());
        }
    }

    /**
     * Writes the export through one buffer, and checks now and then that standard output still takes it, so a
     * closed pipe stops the export instead of reading the rest of the log for nothing. Constant memory.
     */
    private static final class ExportSink implements Consumer<AuditRecord> {
        private final ExportFormat format;
        private final PrintStream out;
        private final Writer writer;
        private long written;

        ExportSink(ExportFormat format, PrintStream out) {
            this.format = format;
            this.out = out;
            this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        }

        void header() {
            try {
                format.writeHeader(writer);
            } catch (IOException e) {
                throw new OutputClosed(0);
            }
        }

        @Override
        public void accept(AuditRecord r) {
            try {
                format.write(r, writer);
            } catch (IOException e) {
                throw new OutputClosed(written);
            }
            if (++written % CHECK_OUTPUT_EVERY == 0) {
                finish();
            }
        }

        /** Pushes what is buffered out; PrintStream swallows write errors, so ask it whether there were any. */
        void finish() {
            try {
                writer.flush();
            } catch (IOException e) {
                throw new OutputClosed(written);
            }
            if (out.checkError()) {
                throw new OutputClosed(written);
            }
        }
    }

    /** Standard output was closed under the export (a pipe's reader went away, a disk filled up). */
    private static final class OutputClosed extends RuntimeException {
        private final long written;

        OutputClosed(long written) {
            super(null, null, false, false);
            this.written = written;
        }
    }
}
