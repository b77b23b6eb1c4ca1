package keybot.bot.audit;

import static keybot.bot.audit.AuditCli.PRODUCTION;
import static keybot.bot.audit.AuditCli.STAGING;
import static keybot.bot.audit.AuditCli.at;
import static keybot.bot.audit.AuditCli.audit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import keybot.approvals.Draft;
import keybot.approvals.KeyRequest;
import keybot.approvals.Secret;
import keybot.approvals.Submission;
import keybot.approvals.Transition;
import keybot.bot.Main;
import keybot.bot.audit.AuditCli.Result;
import keybot.bot.audit.AuditCli.TestDatabase;
import keybot.db.PostgresRequestStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One database for the class: six events around midnight UTC of 2026-11-26, in two projects. */
class AuditExportTest {

    static final String DENY_REASON = "no, \"never\"\nnot today";
    static TestDatabase t;

    @BeforeAll
    static void sixEvents() {
        // given, in seq order:
        // 1 production REQUESTED   2026-11-25T23:59:59.999999Z
        // 2 production APPROVED    2026-11-26T00:00:00Z
        // 3 production KEY_CREATED 2026-11-26T10:00:00Z
        // 4 staging    REQUESTED   2026-11-26T12:00:00Z
        // 5 production DELIVERED   2026-11-26T23:59:59.999999Z
        // 6 staging    DENIED      2026-11-27T00:00:00Z, with a reason holding a comma, quotes and a newline
        t = TestDatabase.fresh();
        var store = new PostgresRequestStore(t.db().jdbi());
        KeyRequest prod = store.create(Submission.of(
                new Draft("USTEVE", PRODUCTION.ref(), "billing_worker", "invoices", null),
                PRODUCTION,
                at("2026-11-25T23:59:59.999999Z")));
        store.move(Transition.approval(store.find(prod.id()).orElseThrow(), "UADMIN1", at("2026-11-26T00:00:00Z")));
        store.move(Transition.keyCreated(
                store.find(prod.id()).orElseThrow(),
                new Secret("sb_secret_qwxyzk0123456789").identify("key-1"),
                at("2026-11-26T10:00:00Z")));
        KeyRequest staging = store.create(Submission.of(
                new Draft("UMARY", STAGING.ref(), "reports", "dashboards", null), STAGING, at("2026-11-26T12:00:00Z")));
        store.move(Transition.delivered(store.find(prod.id()).orElseThrow(), at("2026-11-26T23:59:59.999999Z")));
        store.move(Transition.denial(
                store.find(staging.id()).orElseThrow(), "UADMIN2", DENY_REASON, at("2026-11-27T00:00:00Z")));
    }

    @AfterAll
    static void close() {
        t.close();
    }

    @Test
    void jsonlIsOneObjectPerEventOldestFirstWithTheDocumentedKeysInOrder() {
        // when
        Result r = audit(t.env(), "export", "--format", "jsonl");

        // then
        assertEquals(0, r.exit(), r::toString);
        List<JsonObject> lines = r.out()
                .lines()
                .map(l -> JsonParser.parseString(l).getAsJsonObject())
                .toList();
        assertEquals(6, lines.size(), r::toString);
        for (int i = 0; i < lines.size(); i++) {
            JsonObject line = lines.get(i);
            assertEquals(ExportFormat.COLUMNS, new ArrayList<>(line.keySet()));
            assertEquals(i + 1, line.get("seq").getAsLong());
            if (i > 0) {
                assertEquals(
                        lines.get(i - 1).get("hash").getAsString(),
                        line.get("prev_hash").getAsString());
            }
        }
        JsonObject keyCreated = lines.get(2);
        assertEquals("KEY_CREATED", keyCreated.get("type").getAsString());
        assertEquals("2026-11-26T10:00:00Z", keyCreated.get("at").getAsString());
        assertEquals("production", keyCreated.get("project").getAsString());
        assertEquals("billing_worker", keyCreated.get("key_name").getAsString());
        assertEquals("key-1", keyCreated.get("key_id").getAsString());
        assertEquals(
                new Secret("sb_secret_qwxyzk0123456789").sha256(),
                keyCreated.get("key_sha256").getAsString());
        assertEquals("keybot", keyCreated.get("actor").getAsString());
        assertTrue(lines.get(0).get("key_id").isJsonNull());
        assertEquals("2026-11-25T23:59:59.999999Z", lines.get(0).get("at").getAsString());
        assertEquals(DENY_REASON, lines.get(5).get("detail").getAsString());
        assertTrue(!r.out().contains("qwxyzk"), "no part of the key is exported");
    }

    @ParameterizedTest(name = "{0} -> events {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--since 2026-11-26                                   | 2,3,4,5,6",
                "--until 2026-11-26                                   | 1,2,3,4,5",
                "--since 2026-11-26 --until 2026-11-26                | 2,3,4,5",
                "--since=2026-11-26 --until=2026-11-26                | 2,3,4,5",
                "--since 2026-11-26T10:00:00Z                         | 3,4,5,6",
                "--until 2026-11-26T10:00:00Z                         | 1,2",
                "--since 2026-11-26T10:00:00Z --until 2026-11-27T00:00:00Z | 3,4,5",
                "--until 2026-11-25                                   | 1",
                "--until 2026-11-24                                   | ''",
                "--project staging                                    | 4,6",
                "--project production --since 2026-11-26T00:00:01Z    | 3,5",
                "--project nosuchproject                              | ''",
            })
    void filtersPickTheEventsByUtcDayInstantAndProject(String flags, String expectedSeqs) {
        // when
        List<String> args = new ArrayList<>(List.of("export", "--format", "jsonl"));
        args.addAll(List.of(flags.trim().split("\\s+")));
        Result r = audit(t.env(), args.toArray(String[]::new));

        // then
        assertEquals(0, r.exit(), r::toString);
        String seqs = String.join(
                ",",
                r.out()
                        .lines()
                        .map(l -> JsonParser.parseString(l)
                                .getAsJsonObject()
                                .get("seq")
                                .getAsString())
                        .toList());
        assertEquals(expectedSeqs, seqs, r::toString);
    }

    @Test
    void csvHasTheHeaderAndQuotesFieldsAsRfc4180Says() {
        // when
        Result r = audit(t.env(), "export", "--format", "csv");

        // then the header names the same columns as the JSON keys
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().startsWith(String.join(",", ExportFormat.COLUMNS) + "\r\n"), r::toString);
        // a detail with a comma, quotes and a newline is quoted, its quotes doubled
        assertTrue(r.out().contains(",\"no, \"\"never\"\"\nnot today\","), r::toString);
        // and every field reads back as the JSON export has it, a missing value as an empty field
        List<List<String>> rows = parseCsv(r.out());
        List<JsonObject> json = audit(t.env(), "export", "--format", "jsonl")
                .out()
                .lines()
                .map(l -> JsonParser.parseString(l).getAsJsonObject())
                .toList();
        assertEquals(ExportFormat.COLUMNS, rows.get(0));
        assertEquals(7, rows.size());
        for (int i = 0; i < json.size(); i++) {
            for (int c = 0; c < ExportFormat.COLUMNS.size(); c++) {
                JsonElement value = json.get(i).get(ExportFormat.COLUMNS.get(c));
                assertEquals(
                        value.isJsonNull() ? "" : value.getAsString(),
                        rows.get(i + 1).get(c),
                        "row " + (i + 1) + " column " + ExportFormat.COLUMNS.get(c));
            }
        }
    }

    @Test
    void exportPrintsNothingButTheDataOnStandardOutput() {
        Result r = audit(t.env(), "export", "--format", "jsonl", "--project", "staging");

        assertEquals(0, r.exit(), r::toString);
        r.out().lines().forEach(l -> assertTrue(l.startsWith("{\"seq\":"), l));
        assertTrue(r.err().contains("exported 2 audit events"), r::toString);
    }

    @Test
    void standardOutputThatStopsTakingTheExportIsReportedAndExitsWithThree() {
        // given a standard output whose reader has gone away
        OutputStream closed = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        var errBytes = new java.io.ByteArrayOutputStream();

        // when
        int exit = Main.run(
                new String[] {"audit", "export", "--format", "csv"},
                t.env(),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(closed, false, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));

        // then
        assertEquals(3, exit);
        assertTrue(
                errBytes.toString(StandardCharsets.UTF_8).contains("the export is incomplete"),
                errBytes.toString(StandardCharsets.UTF_8));
    }

    /** RFC 4180, as a spreadsheet or Python's csv module reads it. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return rows;
    }
}
