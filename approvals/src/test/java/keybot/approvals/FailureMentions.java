package keybot.approvals;

import static keybot.approvals.Fixtures.REF;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * What the text of each kind of {@link IssueFailure} must mention, for billing's request of "billing_worker": the
 * kind, what Supabase said, and the words. {@link FailureTextTest} checks the texts themselves;
 * {@link DeliveryWorkerTest} that a refusal fails the request with its text.
 */
final class FailureMentions {

    private FailureMentions() {}

    /** The failures Supabase means for good: a request fails on them at once. */
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(
                        IssueFailure.Kind.NAME_REJECTED,
                        "name: Name must start with a lowercase letter",
                        List.of("\"billing_worker\"", "another name", "Name must start with a lowercase letter")),
                Arguments.of(IssueFailure.Kind.NOT_PERMITTED, "", List.of("permission", REF)),
                Arguments.of(IssueFailure.Kind.NOT_FOUND, "", List.of(REF, "config")),
                Arguments.of(IssueFailure.Kind.BAD_RESPONSE, "", List.of("does not understand")));
    }

    /** The trouble that may pass: a delivery tries again. */
    static Stream<Arguments> passing() {
        return Stream.of(
                Arguments.of(IssueFailure.Kind.RATE_LIMITED, "", List.of("rate-limiting")),
                Arguments.of(IssueFailure.Kind.UNAVAILABLE, "HTTP 503", List.of("could not be reached", "HTTP 503")),
                Arguments.of(IssueFailure.Kind.TIMEOUT, "", List.of("in time")));
    }

    static Stream<Arguments> all() {
        return Stream.concat(refusals(), passing());
    }
}
