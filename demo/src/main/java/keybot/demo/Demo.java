package keybot.demo;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Predicate;
import keybot.bot.Config;
import keybot.bot.Keybot;
import keybot.bot.Main;
import keybot.bot.PolicyFile;
import keybot.bot.slack.Ids;
import keybot.db.Database;
import keybot.db.PostgresRequestStore;
import keybot.supabase.SupabaseKeyIssuer;
import keybot.testkit.SlackCaller;
import keybot.testkit.SlackPayloads;
import keybot.testkit.StandInSlack;
import keybot.testkit.StandInSupabase;

/**
 * {@code keybot demo}: one request through the whole flow on this machine, with no accounts. keybot runs for
 * real (Jetty, Bolt, an embedded PostgreSQL in a temporary directory); Slack and Supabase are in-process
 * stand-ins, and the "users" are signed requests like the ones Slack sends.
 */
public final class Demo {

    static final String COMMAND = "/request-key";
    static final String STEVE = "U0STEVE";
    static final String ALICE = "U0ALICE";
    static final String BOB = "U0BOB";
    private static final String SIGNING_SECRET = "demo-signing-secret";
    private static final String POLICY = """
            approvals_channel: C0APPROVALS
            projects:
              - name: production
                ref: abcdefghijklmnopqrst
                approvers: [U0ALICE, U0BOB]
            """;

    private final PrintStream out;
    private final StandInSlack slack;
    private final SlackCaller caller;
    private final PostgresRequestStore store;

    private Demo(PrintStream out, StandInSlack slack, SlackCaller caller, PostgresRequestStore store) {
        this.out = out;
        this.slack = slack;
        this.caller = caller;
        this.store = store;
    }

    public static void main(String[] args) {
        Main.configureLogging();
        System.exit(run(System.out));
    }

    public static int run(PrintStream out) {
        Path dir = temporaryDirectory();
        Narration narration = new Narration(out);
        try (StandInSlack slack = StandInSlack.builder()
                        .keepCalls()
                        .onCall(narration::slack)
                        .start();
                StandInSupabase supabase =
                        StandInSupabase.builder().onCall(narration::supabase).start();
                Database db = Database.open(Optional.empty(), dir.resolve("postgres"))) {
            Config config = new Config(
                    "xoxb-demo-bot-token-0000",
                    SIGNING_SECRET,
                    "sbp_demo_access_token_0000",
                    slack.apiUrl(),
                    supabase.url(),
                    Optional.empty(),
                    dir,
                    0,
                    PolicyFile.parse(POLICY, "demo policy"));
            try (Keybot keybot = Keybot.start(
                    config,
                    db,
                    new SupabaseKeyIssuer(supabase.url(), config.supabaseAccessToken(), Duration.ofSeconds(5)),
                    Clock.systemUTC())) {
                var caller = new SlackCaller(
                        URI.create("http://127.0.0.1:" + keybot.port() + "/slack/events"),
                        SIGNING_SECRET,
                        Clock.systemUTC());
                new Demo(out, slack, caller, new PostgresRequestStore(db.jdbi())).play();
                out.println("\nDemo finished: one key was requested, approved, created at Supabase ("
                        + supabase.keysCreated() + " key) and sent once by direct message.");
                return 0;
            }
        } catch (Exception e) {
            out.println("\nThe demo failed: " + e.getMessage());
            return 1;
        } finally {
            delete(dir);
        }
    }

    private void play() {
        step("1. Steve runs " + COMMAND + " in any channel");
        caller.post(SlackPayloads.command(COMMAND, STEVE, "", slack.responseUrl()));
        await(c -> c.method().equals("views.open"), "the request form to open");

        step("2. Steve asks for a key named billing_worker in production, for the nightly billing job");
        caller.post(SlackPayloads.requestSubmission(
                STEVE,
                "abcdefghijklmnopqrst",
                "billing_worker",
                "The nightly billing job writes invoices",
                "billing worker on fly.io"));
        await(
                c -> c.method().equals("chat.postMessage") && c.text().contains("waiting for approval"),
                "Steve to be told his request is pending");
        String id = String.valueOf(
                store.history(Optional.empty(), 1).get(0).request().id());

        step("3. Steve tries to approve his own request");
        caller.post(SlackPayloads.buttonClick(STEVE, Ids.APPROVE, id, slack.responseUrl()));
        await(c -> c.method().equals(StandInSlack.RESPONSE_URL), "Steve to be told why not");

        step("4. Alice, an approver of production, clicks Approve");
        caller.post(SlackPayloads.buttonClick(ALICE, Ids.APPROVE, id, slack.responseUrl()));
        await(
                c -> c.method().equals("chat.update") && c.text().contains("DELIVERED"),
                "the key to be delivered and the approval message updated");

        step("5. Bob clicks Approve too, a moment later");
        int before = slack.calls().size();
        caller.post(SlackPayloads.buttonClick(BOB, Ids.APPROVE, id, slack.responseUrl()));
        await(
                c -> slack.calls().indexOf(c) >= before && c.method().equals(StandInSlack.RESPONSE_URL),
                "Bob to be told");

        step("6. Alice runs " + COMMAND + " history");
        String ack = caller.post(SlackPayloads.command(COMMAND, ALICE, "history", slack.responseUrl()))
                .body();
        String history = JsonParser.parseString(ack)
                .getAsJsonObject()
                .getAsJsonArray("blocks")
                .get(0)
                .getAsJsonObject()
                .getAsJsonObject("text")
                .get("text")
                .getAsString();
        // Slack shows <!date^…|fallback> in the reader's time zone; a terminal shows the UTC fallback
        out.println(history.replaceAll("<!date\\^[^|]*\\|([^>]*)>", "$1").indent(3));
    }

    private void step(String what) {
        out.println("\n" + what);
    }

    private void await(Predicate<StandInSlack.Call> seen, String what) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (slack.calls().stream().noneMatch(seen)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("keybot-demo");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
