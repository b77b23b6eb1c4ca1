package keybot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import keybot.approvals.KeyRequest;
import keybot.approvals.RetryPolicy;
import keybot.bot.Config;
import keybot.bot.Keybot;
import keybot.bot.PolicyFile;
import keybot.bot.Timing;
import keybot.db.Database;
import keybot.db.PostgresRequestStore;
import keybot.db.TestPostgres;
import keybot.supabase.SupabaseKeyIssuer;
import keybot.testkit.FormBody;
import keybot.testkit.HttpCalls;
import keybot.testkit.SlackCaller;
import keybot.testkit.SlackPayloads;

/**
 * The real keybot (Jetty, Bolt, PostgreSQL with the production migrations) with WireMock standing in for
 * Slack's Web API and for Supabase, driven by requests signed the way Slack signs them.
 */
final class KeybotFixture implements AutoCloseable {

    static final String COMMAND = "/request-key";
    static final String REF = "abcdefghijklmnopqrst";
    static final String STAGING_REF = "stagingprojectrefabc";
    static final String REQUESTER = "USTEVE";
    static final String APPROVER = "UADMIN1";
    static final String OTHER_APPROVER = "UADMIN2";
    static final String OUTSIDER = "UEVE";
    static final String CHANNEL = "C0APPROVALS";
    static final String SIGNING_SECRET = "e2e-signing-secret-0123456789";
    static final String BOT_TOKEN = "xoxb-e2e-bot-token-0123456789";
    static final String SUPABASE_TOKEN = "sbp_e2e_access_token_0123456789";
    static final Duration SUPABASE_TIMEOUT = Duration.ofMillis(1500);
    static final String POLICY = """
            approvals_channel: C0APPROVALS
            projects:
              - name: production
                ref: abcdefghijklmnopqrst
                approvers: [UADMIN1, UADMIN2, USELFAPPROVER]
              - name: staging
                ref: stagingprojectrefabc
                approvers: [UADMIN1]
            """;

    final WireMockServer slack = new WireMockServer(options().dynamicPort());
    final WireMockServer supabase = new WireMockServer(options().dynamicPort());
    final Database db;
    final PostgresRequestStore store;
    Keybot keybot;
    SlackCaller caller;
    /** Every secret this fixture's Supabase handed out: none may reach a log or the database. */
    final List<String> secrets = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Fast retries, so tests of retries finish in moments; the lease outlasts the slowest Supabase call. */
    static final RetryPolicy RETRY =
            new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(5), Math::random);
    /** Effects get a few more tries than deliveries, as in production, as fast. */
    static final Timing TIMING = new Timing(
            RETRY,
            new RetryPolicy(5, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(5), Math::random),
            Duration.ofMillis(100));

    KeybotFixture() throws Exception {
        this(true);
    }

    /** @param running false to set the scene (as a stopped process left it) before keybot starts */
    KeybotFixture(boolean running) throws Exception {
        this(running, POLICY, Clock.systemUTC());
    }

    private final String policy;
    private final Clock clock;

    /** @param clock keybot's clock and the signing clock of the requests: tests move it to fire timers */
    KeybotFixture(boolean running, String policy, Clock clock) throws Exception {
        this.policy = policy;
        this.clock = clock;
        slack.start();
        supabase.start();
        stubSlack();
        supabase.stubFor(get(urlEqualTo("/v1/projects/" + REF + "/api-keys")).willReturn(okJson("[]")));
        db = TestPostgres.freshDatabase();
        store = new PostgresRequestStore(db.jdbi());
        if (running) {
            start();
        }
    }

    void start() throws Exception {
        keybot = startKeybot();
        caller = new SlackCaller(events(), SIGNING_SECRET, clock);
    }

    /** Another keybot on the same database, Slack and Supabase: a second replica. */
    Keybot startKeybot() throws Exception {
        Config config = new Config(
                BOT_TOKEN,
                SIGNING_SECRET,
                SUPABASE_TOKEN,
                URI.create(slack.baseUrl() + "/api/"),
                URI.create(supabase.baseUrl()),
                Optional.empty(),
                null,
                0,
                PolicyFile.parse(policy, "test policy"));
        return Keybot.start(config, db, issuer(), clock, TIMING);
    }

    SupabaseKeyIssuer issuer() {
        return new SupabaseKeyIssuer(URI.create(supabase.baseUrl()), SUPABASE_TOKEN, SUPABASE_TIMEOUT);
    }

    URI events() {
        return URI.create("http://127.0.0.1:" + keybot.port() + "/slack/events");
    }

    /** What keybot's health check answers now. */
    HttpResponse<String> health() {
        return HttpCalls.send(
                HttpClient.newHttpClient(),
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + keybot.port() + "/healthz"))
                        .build());
    }

    String responseUrl() {
        return slack.baseUrl() + "/respond/e2e";
    }

    private void stubSlack() {
        slack.stubFor(post(urlEqualTo("/api/auth.test"))
                .willReturn(
                        okJson("{\"ok\":true,\"team_id\":\"T0001\",\"user_id\":\"U0KEYBOT\",\"bot_id\":\"B0KEYBOT\","
                                + "\"team\":\"e2e\",\"user\":\"keybot\",\"url\":\"https://e2e.slack.com/\"}")));
        slack.stubFor(post(urlEqualTo("/api/views.open")).willReturn(okJson("{\"ok\":true,\"view\":{\"id\":\"V1\"}}")));
        slack.stubFor(post(urlEqualTo("/api/chat.postMessage"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0APPROVALS\",\"ts\":\"1700000000.000100\"}")));
        slack.stubFor(post(urlEqualTo("/api/chat.update"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0APPROVALS\",\"ts\":\"1700000000.000100\"}")));
        slack.stubFor(post(urlEqualTo("/api/conversations.open"))
                .willReturn(okJson("{\"ok\":true,\"channel\":{\"id\":\"D0REQUESTER\"}}")));
        slack.stubFor(
                post(urlPathMatching("/respond/.*")).willReturn(aResponse().withStatus(200)));
        slack.stubFor(post(urlEqualTo("/api/users.info"))
                .willReturn(okJson(
                        "{\"ok\":true,\"user\":{\"id\":\"U1\",\"name\":\"someone\",\"profile\":{\"display_name\":"
                                + "\"Someone Slack Knows\"}}}")));
        slack.stubFor(
                post(urlEqualTo("/api/views.publish")).willReturn(okJson("{\"ok\":true,\"view\":{\"id\":\"VH\"}}")));
    }

    /** Supabase creates the key and shows the secret only on reveal, as it does for real. */
    void supabaseCreates(String id, String secret) {
        secrets.add(secret);
        supabase.stubFor(post(urlEqualTo("/v1/projects/" + REF + "/api-keys"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"" + id + "\",\"name\":\"billing_worker\",\"type\":\"secret\","
                                + "\"api_key\":\"" + secret.substring(0, 15) + "··························\"}")));
        supabase.stubFor(get(urlPathEqualTo("/v1/projects/" + REF + "/api-keys/" + id))
                .willReturn(okJson("{\"id\":\"" + id
                        + "\",\"name\":\"billing_worker\",\"type\":\"secret\",\"api_key\":\"" + secret + "\"}")));
    }

    /** Submits a valid request as {@code requester} and waits until it is posted and the requester told. */
    KeyRequest submitted(String requester, String keyName) {
        var response =
                caller.post(SlackPayloads.requestSubmission(requester, REF, keyName, "Nightly billing job", null));
        if (response.statusCode() != 200 || !response.body().isEmpty()) {
            throw new AssertionError("submission answered " + response.statusCode() + ": " + response.body());
        }
        long id = store.history(Optional.of(requester), 1).get(0).request().id();
        await(
                () -> reload(id).message().isPresent()
                        && !dmsMentioning(id, "waiting for approval").isEmpty(),
                "request #" + id + " to be posted and its requester told");
        return reload(id);
    }

    /** Direct messages (to the requester's DM channel) that mention request #id and contain {@code text}. */
    List<Map<String, String>> dmsMentioning(long id, String text) {
        return slackCalls("chat.postMessage").stream()
                .map(KeybotFixture::form)
                .filter(f -> "D0REQUESTER".equals(f.get("channel")))
                .filter(f -> f.getOrDefault("text", "").contains("request #" + id + " "))
                .filter(f -> f.getOrDefault("text", "").contains(text))
                .toList();
    }

    /** Direct messages about request #id containing {@code text} that Slack accepted (answered ok). */
    List<String> acceptedDms(long id, String text) {
        return slack.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals("/api/chat.postMessage"))
                .filter(e -> e.getResponse().getBodyAsString().contains("\"ok\":true"))
                .map(e -> form(e.getRequest().getBodyAsString()))
                .filter(f -> "D0REQUESTER".equals(f.get("channel")))
                .map(f -> f.getOrDefault("text", ""))
                .filter(t -> t.contains("request #" + id + " ") && t.contains(text))
                .toList();
    }

    /** Waits until a direct message about request #id says {@code text}. */
    void awaitDm(long id, String text, String what) {
        await(() -> !dmsMentioning(id, text).isEmpty(), what);
    }

    /** Waits until the approval message of request #id, as last updated, shows {@code shown} in its blocks. */
    void awaitMessageShowing(long id, String shown, String what) {
        await(() -> lastUpdateOf(id).map(u -> blocks(u).contains(shown)).orElse(false), what);
    }

    /** Waits until the approval message of request #id, as last updated, has {@code text} as its fallback text. */
    void awaitMessageText(long id, String text, String what) {
        await(() -> lastUpdateOf(id).map(u -> u.get("text").contains(text)).orElse(false), what);
    }

    /** The latest chat.update of the approval message of request #id. */
    Optional<Map<String, String>> lastUpdateOf(long id) {
        return slackCalls("chat.update").stream()
                .map(KeybotFixture::form)
                .filter(f -> f.getOrDefault("text", "").startsWith("Key request #" + id + ":"))
                .reduce((first, second) -> second);
    }

    KeyRequest reload(long id) {
        return store.find(id).orElseThrow();
    }

    List<LoggedRequest> slackCalls(String method) {
        return slack.findAll(postRequestedFor(urlEqualTo("/api/" + method)));
    }

    /** A response URL of its own, so a test can read what only its clicker was told. */
    String responseUrl(String name) {
        return slack.baseUrl() + "/respond/" + name;
    }

    /** The texts keybot posted to a response URL (ephemeral answers to the clicker), oldest first. */
    List<String> answersTo(String responseUrl) {
        String path = URI.create(responseUrl).getPath();
        return slack.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .map(r -> com.google.gson.JsonParser.parseString(r.getBodyAsString())
                        .getAsJsonObject())
                .map(j -> j.get("text").getAsString())
                .toList();
    }

    List<LoggedRequest> supabaseCalls(RequestPatternBuilder pattern) {
        return supabase.findAll(pattern);
    }

    /** The form fields of a Slack Web API call. */
    static Map<String, String> form(LoggedRequest call) {
        return form(call.getBodyAsString());
    }

    static Map<String, String> form(String body) {
        return FormBody.fields(body);
    }

    /** The blocks of a Web API call as plain JSON text ({@code <} rather than its unicode escape). */
    static String blocks(Map<String, String> form) {
        return com.google.gson.JsonParser.parseString(form.getOrDefault("blocks", "[]"))
                .toString();
    }

    /** Sends the posts all at once, each on a thread of its own released together; their statuses, in order. */
    static List<Integer> statusesAllAtOnce(List<Supplier<HttpResponse<String>>> posts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(posts.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> acks = new ArrayList<>();
            for (Supplier<HttpResponse<String>> post : posts) {
                acks.add(pool.submit(() -> {
                    go.await();
                    return post.get().statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> ack : acks) {
                statuses.add(ack.get());
            }
            return statuses;
        } finally {
            pool.shutdown();
        }
    }

    /** Waits for a condition that background work makes true; fails with {@code what} if it never does. */
    static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    /** Deliveries still owed. */
    int jobsOwed() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM delivery_job")
                        .mapTo(Integer.class)
                        .one());
    }

    /** Whether a replica holds the request's delivery job now. */
    boolean jobClaimed(long id) {
        return db.jdbi()
                        .withHandle(h -> h.createQuery(
                                        "SELECT count(*) FROM delivery_job WHERE request_id = :id AND locked_until IS NOT NULL")
                                .bind("id", id)
                                .mapTo(Integer.class)
                                .one())
                > 0;
    }

    /** Effects still owed. */
    int effectsOwed() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM effect")
                        .mapTo(Integer.class)
                        .one());
    }

    /** Every row of every table, as text: what a database dump would show. */
    String databaseDump() {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT string_agg(t::text, E'\\n') FROM (
                  SELECT r::text AS t FROM key_request r
                  UNION ALL SELECT a::text FROM audit_event a
                  UNION ALL SELECT f::text FROM flyway_schema_history f) rows
                """).mapTo(String.class).one());
    }

    /** The secrets and tokens appear nowhere in the test log or in a dump of every table. */
    void assertNothingLeaked() throws java.io.IOException {
        String log = java.nio.file.Files.readString(java.nio.file.Path.of("target/test.log"));
        String dump = databaseDump();
        for (String secret : secrets) {
            String random = secret.substring("sb_secret_".length());
            if (log.contains(random) || dump.contains(random.substring(0, 7))) {
                throw new AssertionError("a secret leaked into the " + (log.contains(random) ? "log" : "database"));
            }
        }
        for (String token : List.of(BOT_TOKEN, SIGNING_SECRET, SUPABASE_TOKEN)) {
            if (log.contains(token) || dump.contains(token)) {
                throw new AssertionError("a token leaked");
            }
        }
    }

    /** Checks that nothing leaked, then stops everything whatever the check found. */
    void closeCheckingLeaks() throws Exception {
        try {
            assertNothingLeaked();
        } finally {
            close();
        }
    }

    @Override
    public void close() throws Exception {
        if (keybot != null) {
            keybot.close();
        }
        db.close();
        slack.stop();
        supabase.stop();
    }
}
