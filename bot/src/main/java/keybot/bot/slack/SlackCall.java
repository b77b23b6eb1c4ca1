package keybot.bot.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * One Slack Web API call, tried again at once for a passing fault (429 after its Retry-After, 5xx, a dropped
 * connection), and its outcome in a form callers can act on. Never carries a message body: a body can hold the
 * secret.
 */
final class SlackCall {

    /** Slack error codes that pass by themselves; any other error needs a person to act. */
    private static final Set<String> TRANSIENT_ERRORS =
            Set.of("ratelimited", "fatal_error", "internal_error", "service_unavailable", "request_timeout");

    private static final int ATTEMPTS = 3;
    /** Longer waits are left to the delivery queue, rather than holding a thread. */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    interface Request<T extends SlackApiTextResponse> {
        T send() throws IOException, SlackApiException;
    }

    /** What happened: the response when Slack said ok, else the error and whether it may pass. */
    record Outcome<T>(Optional<T> response, String error, boolean isTransient, Optional<Duration> retryAfter) {
        boolean ok() {
            return response.isPresent();
        }

        static <T> Outcome<T> of(T response) {
            return new Outcome<>(Optional.of(response), null, false, Optional.empty());
        }

        <U> Outcome<U> map(java.util.function.Function<T, U> part) {
            return new Outcome<>(response.map(part), error, isTransient, retryAfter);
        }
    }

    private SlackCall() {}

    static <T extends SlackApiTextResponse> Outcome<T> send(Request<T> request) {
        Outcome<T> outcome = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            outcome = once(request);
            if (outcome.ok() || !outcome.isTransient() || attempt == ATTEMPTS) {
                break;
            }
            Duration wait = outcome.retryAfter().orElse(Duration.ofMillis(200L * attempt));
            if (wait.compareTo(LONGEST_WAIT) > 0 || !pause(wait)) {
                break;
            }
        }
        return outcome;
    }

    private static <T extends SlackApiTextResponse> Outcome<T> once(Request<T> request) {
        try {
            T response = request.send();
            if (response.isOk()) {
                return Outcome.of(response);
            }
            String error = response.getError();
            return new Outcome<>(Optional.empty(), error, TRANSIENT_ERRORS.contains(error), Optional.empty());
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            Optional<Duration> retryAfter = Optional.ofNullable(e.getResponse().header("Retry-After"))
                    .filter(s -> s.strip().matches("\\d{1,5}"))
                    .map(s -> Duration.ofSeconds(Long.parseLong(s.strip())));
            boolean passing = status == 429 || status >= 500;
            return new Outcome<>(Optional.empty(), "HTTP " + status, passing, retryAfter);
        } catch (IOException e) {
            return new Outcome<>(
                    Optional.empty(), "unreachable (" + e.getClass().getSimpleName() + ")", true, Optional.empty());
        }
    }

    private static boolean pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
