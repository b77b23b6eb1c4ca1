package keybot.supabase;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import keybot.approvals.IssueFailure;
import keybot.approvals.IssueFailure.Kind;
import keybot.approvals.KeyIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SupabaseKeyIssuerTest {

    private static final String TOKEN = "sbp_0123456789abcdef0123456789abcdef01234567";
    private static final String REF = "abcdefghijklmnopqrst";
    private static final String KEY_ID = "22222222-2222-4222-8222-222222222222";
    private static final String SECRET = "sb_secret_AbCdEfGhIjKlMnOpQrStUvWxYz01234";
    private static final String KEYS = "/v1/projects/" + REF + "/api-keys";
    private static final String REVEAL = KEYS + "/" + KEY_ID + "?reveal=true";
    private static final String DELETE = KEYS + "/" + KEY_ID + "?reason=keybot+could+not+read+the+secret";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final WireMockServer supabase = new WireMockServer(options().dynamicPort());

    private SupabaseKeyIssuer issuer;

    @BeforeAll
    static void startSupabase() {
        supabase.start();
    }

    @AfterAll
    static void stopSupabase() {
        supabase.stop();
    }

    @BeforeEach
    void setUp() {
        supabase.resetAll();
        issuer = new SupabaseKeyIssuer(URI.create(supabase.baseUrl()), TOKEN, TIMEOUT);
    }

    @Test
    void createReturnsIdAndSecretWhenTheAnswerCarriesTheRevealedKey() {
        // given Supabase answers the create with the full key
        supabase.stubFor(post(KEYS).willReturn(json(201, "key-revealed.json")));

        // when
        KeyIssuer.Created created = issuer.create(REF, "billing_worker", "keybot request \"42\" <by> ü");

        // then
        assertEquals(KEY_ID, created.id());
        assertEquals(SECRET, created.secret().reveal());
        supabase.verify(postRequestedFor(urlEqualTo(KEYS))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Accept", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"type":"secret","name":"billing_worker","description":"keybot request \\"42\\" <by> ü",
                         "secret_jwt_template":{"role":"service_role"}}
                        """)));
        supabase.verify(0, getRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"key-masked.json", "key-null.json", "key-missing.json"})
    void maskedOrAbsentKeyIsReadWithReveal(String createAnswer) {
        // given the create answer hides the secret, and reveal shows it
        supabase.stubFor(post(KEYS).willReturn(json(201, createAnswer)));
        supabase.stubFor(get(REVEAL).willReturn(json(200, "key-revealed.json")));

        // when
        KeyIssuer.Created created = issuer.create(REF, "billing_worker", "keybot request 42");

        // then
        assertEquals(KEY_ID, created.id());
        assertEquals(SECRET, created.secret().reveal());
        supabase.verify(getRequestedFor(urlEqualTo(REVEAL)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void trailingSlashInTheBaseUrlIsIgnored() {
        // given
        issuer = new SupabaseKeyIssuer(URI.create(supabase.baseUrl() + "/"), TOKEN, TIMEOUT);
        supabase.stubFor(post(KEYS).willReturn(json(201, "key-revealed.json")));

        // when
        KeyIssuer.Created created = issuer.create(REF, "billing_worker", null);

        // then
        assertEquals(KEY_ID, created.id());
        supabase.verify(postRequestedFor(urlEqualTo(KEYS)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"key-masked.json", "key-null.json"})
    void revealThatStillHidesTheSecretIsABadResponse(String revealAnswer) {
        // given
        supabase.stubFor(post(KEYS).willReturn(json(201, "key-masked.json")));
        supabase.stubFor(get(REVEAL).willReturn(json(200, revealAnswer)));

        // when
        IssueFailure failure = assertThrows(IssueFailure.class, this::create);

        // then
        assertEquals(Kind.BAD_RESPONSE, failure.kind());
    }

    static Stream<Arguments> failedCreates() {
        return Stream.of(
                        Stream.of(
                                failedCreate(
                                        "rejected name carries what Supabase said",
                                        json(400, "error-name.json"),
                                        Kind.NAME_REJECTED,
                                        "name: Name must start with a lowercase letter or an underscore, followed only"
                                                + " by lowercase alphanumeric characters or underscore"),
                                failedCreate(
                                        "long message is cut to 300 characters",
                                        aResponse()
                                                .withStatus(400)
                                                .withBody("{\"message\":\"" + "x".repeat(1000) + "\"}"),
                                        Kind.NAME_REJECTED,
                                        "x".repeat(300)),
                                failedCreate(
                                        "unknown project is not found",
                                        aResponse().withStatus(404),
                                        Kind.NOT_FOUND,
                                        "HTTP 404"),
                                failedCreate(
                                        "too many requests is rate limited and says when the limit resets",
                                        aResponse()
                                                .withStatus(429)
                                                .withHeader("X-RateLimit-Limit", "120")
                                                .withHeader("X-RateLimit-Remaining", "0")
                                                .withHeader("X-RateLimit-Reset", "52"),
                                        Kind.RATE_LIMITED,
                                        "HTTP 429 (the limit resets in 52 s)")),
                        IntStream.of(401, 403)
                                .mapToObj(
                                        status -> failedCreate(
                                                "refused token (" + status + ") is not permitted",
                                                json(status, "error-forbidden.json"),
                                                Kind.NOT_PERMITTED,
                                                "Your account does not have the necessary privileges to access this endpoint.")),
                        IntStream.of(500, 502, 503, 302, 406)
                                .mapToObj(status -> failedCreate(
                                        "server error or unexpected status (" + status + ") is unavailable",
                                        json(status, "error-with-event-id.json"),
                                        Kind.UNAVAILABLE,
                                        "Failed to retrieve SQL snippet")),
                        Stream.of(
                                        "",
                                        "   ",
                                        "<html><body>Bad Gateway</body></html>",
                                        "Bad Gateway",
                                        "[1,2]",
                                        "{\"message\":42}",
                                        "{\"error\":\"x\"}",
                                        "{\"message\":\"  \"}",
                                        "{\"message\":")
                                .map(body -> failedCreate(
                                        "error body without a message is reported by status: [" + body + "]",
                                        aResponse().withStatus(503).withBody(body),
                                        Kind.UNAVAILABLE,
                                        "HTTP 503")))
                .flatMap(rows -> rows);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failedCreates")
    void failedCreateIsOfItsKindWithWhatSupabaseSaid(
            String what, ResponseDefinitionBuilder answer, Kind kind, String detail) {
        // given
        supabase.stubFor(post(KEYS).willReturn(answer));

        // when
        IssueFailure failure = assertThrows(IssueFailure.class, this::create);

        // then
        assertEquals(kind, failure.kind());
        assertEquals(detail, failure.detail());
    }

    @Test
    void forbiddenRevealDeletesTheNewKeyAndIsNotPermitted() {
        // given a token without "API Key Secrets: Read"
        supabase.stubFor(post(KEYS).willReturn(json(201, "key-masked.json")));
        supabase.stubFor(get(REVEAL).willReturn(json(403, "error-forbidden.json")));
        supabase.stubFor(delete(DELETE).willReturn(json(200, "key-masked.json")));

        // when
        IssueFailure failure = assertThrows(IssueFailure.class, this::create);

        // then
        assertEquals(Kind.NOT_PERMITTED, failure.kind());
        supabase.verify(
                1, deleteRequestedFor(urlEqualTo(DELETE)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void forbiddenRevealIsNotPermittedEvenWhenTheDeleteFails() {
        // given
        supabase.stubFor(post(KEYS).willReturn(json(201, "key-null.json")));
        supabase.stubFor(get(REVEAL).willReturn(json(403, "error-forbidden.json")));
        supabase.stubFor(delete(DELETE).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        // when
        IssueFailure failure = assertThrows(IssueFailure.class, this::create);

        // then
        assertEquals(Kind.NOT_PERMITTED, failure.kind());
        supabase.verify(1, deleteRequestedFor(urlEqualTo(DELETE)));
    }

    @Test
    void resetConnectionIsUnavailable() {
        // given
        supabase.stubFor(post(KEYS).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        // when
        IssueFailure failure = assertThrows(IssueFailure.class, this::create);

        // then
        assertEquals(Kind.UNAVAILABLE, failure.kind());
        assertTrue(failure.detail().startsWith("connection failed"), failure.detail());
    }

    @Test
    void refusedConnectionIsUnavailable() throws IOException {
        // given a port nobody listens on
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        issuer = new SupabaseKeyIssuer(URI.create("http://127.0.0.1:" + port), TOKEN, TIMEOUT);

        // when
        IssueFailure failure = assertThrows(IssueFailure.class, this::create);

        // then
        assertEquals(Kind.UNAVAILABLE, failure.kind());
    }

    @Test
    void slowAnswerIsATimeout() {
        // given
        issuer = new SupabaseKeyIssuer(URI.create(supabase.baseUrl()), TOKEN, Duration.ofMillis(200));
        supabase.stubFor(post(KEYS).willReturn(json(201, "key-revealed.json").withFixedDelay(2000)));

        // when
        IssueFailure failure = assertThrows(IssueFailure.class, this::create);

        // then
        assertEquals(Kind.TIMEOUT, failure.kind());
    }

    @Test
    void interruptedCallerIsUnavailableAndKeepsItsInterrupt() {
        // given
        supabase.stubFor(post(KEYS).willReturn(json(201, "key-revealed.json")));
        Thread.currentThread().interrupt();

        // when
        IssueFailure failure;
        try {
            failure = assertThrows(IssueFailure.class, this::create);
        } finally {
            // then (Thread.interrupted() also clears the flag for the next test)
            assertTrue(Thread.interrupted());
        }
        assertEquals(Kind.UNAVAILABLE, failure.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{\"name\":\"billing_worker\"}", "{\"id\":\"\"}", "{\"id\":7}"})
    void successWithoutAKeyIdIsABadResponse(String body) {
        // given
        supabase.stubFor(post(KEYS).willReturn(aResponse().withStatus(201).withBody(body)));

        // when
        IssueFailure failure = assertThrows(IssueFailure.class, this::create);

        // then
        assertEquals(Kind.BAD_RESPONSE, failure.kind());
    }

    @Test
    void secretAndTokenNeverShowInTextsMeantForPeopleOrLogs() {
        // given a created key and a range of failures
        supabase.stubFor(post(KEYS).willReturn(json(201, "key-revealed.json")));
        KeyIssuer.Created created = issuer.create(REF, "billing_worker", "d");
        supabase.stubFor(get(REVEAL).willReturn(json(200, "key-masked.json")));
        supabase.stubFor(post(KEYS).willReturn(json(201, "key-masked.json")));
        IssueFailure masked = assertThrows(IssueFailure.class, this::create);
        supabase.stubFor(post(KEYS).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        IssueFailure reset = assertThrows(IssueFailure.class, this::create);
        supabase.stubFor(post(KEYS).willReturn(json(401, "error-forbidden.json")));
        IssueFailure refused = assertThrows(IssueFailure.class, this::create);

        // when
        String texts = String.join(
                "\n",
                created.toString(),
                created.secret().toString(),
                issuer.toString(),
                masked.getMessage(),
                reset.getMessage(),
                refused.getMessage(),
                String.valueOf(reset.getCause()));

        // then
        assertFalse(texts.contains(SECRET), texts);
        assertFalse(texts.contains(SECRET.substring("sb_secret_".length())), texts);
        assertFalse(texts.contains(TOKEN), texts);
        assertFalse(texts.contains(TOKEN.substring(8)), texts);
        supabase.verify(5, anyRequestedFor(anyUrl()));
    }

    @Test
    void missingTokenIsRefusedWithoutEchoingAnything() {
        // when
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new SupabaseKeyIssuer(URI.create(supabase.baseUrl()), " ", TIMEOUT));

        // then
        assertEquals("the Supabase access token is missing", e.getMessage());
    }

    private KeyIssuer.Created create() {
        return issuer.create(REF, "billing_worker", "keybot request 42");
    }

    private static Arguments failedCreate(String what, ResponseDefinitionBuilder answer, Kind kind, String detail) {
        return Arguments.of(what, answer, kind, detail);
    }

    private static ResponseDefinitionBuilder json(int status, String fixture) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-RateLimit-Remaining", "118")
                .withBody(fixture(fixture));
    }

    private static String fixture(String name) {
        try (InputStream in = SupabaseKeyIssuerTest.class.getResourceAsStream("/supabase/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
