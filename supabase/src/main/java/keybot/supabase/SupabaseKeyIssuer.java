package keybot.supabase;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import keybot.approvals.IssueFailure;
import keybot.approvals.IssueFailure.Kind;
import keybot.approvals.KeyIssuer;
import keybot.approvals.Secret;

/**
 * Creates secret keys through the Supabase Management API: create without {@code reveal} (needs only "API Keys:
 * Read-write"), then read the secret with {@code ?reveal=true} if the create answer masked it. The access token and
 * the secret never reach an exception message or {@link #toString()}. No retries here: the delivery queue
 * retries, guided by the wait a 429 asks for.
 */
public final class SupabaseKeyIssuer implements KeyIssuer {

    private static final String SECRET_PREFIX = "sb_secret_";
    private static final char MASK = '\u00B7';
    private static final String DELETE_REASON = "keybot+could+not+read+the+secret";
    private static final int DETAIL_MAX = 300;

    private final HttpClient http;
    private final String base;
    private final String authorization;
    private final Duration timeout;

    /** @param timeout both the connect timeout and the time allowed for each request */
    public SupabaseKeyIssuer(URI baseUrl, String accessToken, Duration timeout) {
        this(
                HttpClient.newBuilder()
                        .connectTimeout(Objects.requireNonNull(timeout, "timeout"))
                        .build(),
                baseUrl,
                accessToken,
                timeout);
    }

    /** @param timeout the time allowed for each request; the connect timeout is {@code http}'s own */
    public SupabaseKeyIssuer(HttpClient http, URI baseUrl, String accessToken, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.base = Objects.requireNonNull(baseUrl, "baseUrl").toString().replaceAll("/+$", "");
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("the Supabase access token is missing");
        }
        this.authorization = "Bearer " + accessToken.strip();
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the Supabase timeout must be positive");
        }
        this.timeout = timeout;
    }

    @Override
    public Created create(String projectRef, String name, String description) {
        String keys = base + "/v1/projects/" + segment(projectRef) + "/api-keys";
        HttpResponse<String> created = send(request(keys)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiKeyJson.createBody(name, description)))
                .build());
        ApiKeyJson.Key key = ApiKeyJson.key(successBody(created, Kind.NAME_REJECTED));
        if (isSecret(key.apiKey())) {
            return new Created(key.id(), new Secret(key.apiKey()));
        }
        String keyUrl = keys + "/" + segment(key.id());
        HttpResponse<String> revealed =
                send(request(keyUrl + "?reveal=true").GET().build());
        if (revealed.statusCode() == 403) {
            deleteQuietly(keyUrl);
            throw failure(revealed, Kind.NOT_PERMITTED);
        }
        // a 400 here can only be about the id Supabase gave us, not about the name
        String apiKey = ApiKeyJson.key(successBody(revealed, Kind.BAD_RESPONSE)).apiKey();
        if (!isSecret(apiKey)) {
            throw new IssueFailure(Kind.BAD_RESPONSE, "the revealed key is not a secret key");
        }
        return new Created(key.id(), new Secret(apiKey));
    }

    @Override
    public Optional<String> findByDescription(String projectRef, String marker) {
        String keys = base + "/v1/projects/" + segment(projectRef) + "/api-keys";
        HttpResponse<String> listed = send(request(keys).GET().build());
        return ApiKeyJson.idsAndDescriptions(successBody(listed, Kind.BAD_RESPONSE)).entrySet().stream()
                .filter(e -> e.getValue() != null && e.getValue().startsWith(marker))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    @Override
    public Secret reveal(String projectRef, String keyId) {
        String keyUrl = base + "/v1/projects/" + segment(projectRef) + "/api-keys/" + segment(keyId);
        HttpResponse<String> revealed =
                send(request(keyUrl + "?reveal=true").GET().build());
        String apiKey = ApiKeyJson.key(successBody(revealed, Kind.BAD_RESPONSE)).apiKey();
        if (!isSecret(apiKey)) {
            throw new IssueFailure(Kind.BAD_RESPONSE, "the revealed key is not a secret key");
        }
        return new Secret(apiKey);
    }

    @Override
    public String toString() {
        return "SupabaseKeyIssuer[" + base + "]";
    }

    /** A usable secret: not null, not masked with dots, and a secret key rather than some other kind. */
    static boolean isSecret(String apiKey) {
        return apiKey != null
                && apiKey.startsWith(SECRET_PREFIX)
                && apiKey.length() > SECRET_PREFIX.length()
                && apiKey.indexOf(MASK) < 0;
    }

    /** Leaves no key behind that nobody can read; whatever goes wrong here, the caller reports the 403. */
    private void deleteQuietly(String keyUrl) {
        try {
            send(request(keyUrl + "?reason=" + DELETE_REASON).DELETE().build());
        } catch (IssueFailure ignored) {
            // the key stays; its description names the request, so it can be found and deleted by hand
        }
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new IssueFailure(Kind.TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new IssueFailure(
                    Kind.UNAVAILABLE, "connection failed (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IssueFailure(Kind.UNAVAILABLE, "interrupted while waiting for Supabase");
        }
    }

    private static String successBody(HttpResponse<String> response, Kind onBadRequest) {
        if (response.statusCode() / 100 != 2) {
            throw failure(response, onBadRequest);
        }
        return response.body();
    }

    private static IssueFailure failure(HttpResponse<String> response, Kind onBadRequest) {
        int status = response.statusCode();
        Optional<Duration> retryAfter = status == 429 ? resetSeconds(response) : Optional.empty();
        Kind kind = switch (status) {
            case 400 -> onBadRequest;
            case 401, 403 -> Kind.NOT_PERMITTED;
            case 404 -> Kind.NOT_FOUND;
            case 429 -> Kind.RATE_LIMITED;
            default -> Kind.UNAVAILABLE;
        };
        String message = ApiKeyJson.errorMessage(response.body());
        String detail = message == null
                ? "HTTP " + status
                : message.length() <= DETAIL_MAX ? message : message.substring(0, DETAIL_MAX);
        detail += retryAfter
                .map(d -> " (the limit resets in " + d.toSeconds() + " s)")
                .orElse("");
        return new IssueFailure(kind, detail, retryAfter);
    }

    /** Supabase documents X-RateLimit-Reset (seconds); Retry-After is honoured too should it ever be sent. */
    private static Optional<Duration> resetSeconds(HttpResponse<String> response) {
        return response.headers()
                .firstValue("X-RateLimit-Reset")
                .or(() -> response.headers().firstValue("Retry-After"))
                .map(String::strip)
                .filter(seconds -> seconds.matches("\\d{1,6}"))
                .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)));
    }

    private static String segment(String value) {
        return URLEncoder.encode(Objects.requireNonNull(value), StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
