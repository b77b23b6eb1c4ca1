package keybot.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import keybot.bot.http.SlackSignature;

/** Posts to keybot's {@code /slack/events} exactly as Slack does: form body, timestamp, signature. */
public final class SlackCaller {

    private final URI events;
    private final SlackSignature signature;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SlackCaller(URI events, String signingSecret, Clock clock) {
        this.events = events;
        this.signature = new SlackSignature(signingSecret);
        this.clock = clock;
    }

    /** Signs the body with the current time and posts it. */
    public HttpResponse<String> post(String body) {
        long now = clock.instant().getEpochSecond();
        return post(body, String.valueOf(now), signature.sign(now, body));
    }

    /** Posts with the given timestamp and signature headers; null leaves a header out. */
    public HttpResponse<String> post(String body, String timestamp, String sig) {
        return send(body, "application/x-www-form-urlencoded", timestamp, sig, Map.of());
    }

    /** Posts an Events API delivery (JSON), signed, with extra headers such as {@code X-Slack-Retry-Num}. */
    public HttpResponse<String> postEvent(String json, Map<String, String> headers) {
        long now = clock.instant().getEpochSecond();
        return send(json, "application/json", String.valueOf(now), signature.sign(now, json), headers);
    }

    private HttpResponse<String> send(
            String body, String contentType, String timestamp, String sig, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(events)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (timestamp != null) {
            request.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (sig != null) {
            request.header("X-Slack-Signature", sig);
        }
        return HttpCalls.send(http, request.build());
    }
}
