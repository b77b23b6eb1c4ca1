package keybot.bot.slack;

import java.time.Instant;
import java.util.List;
import keybot.approvals.KeyRequest;
import keybot.approvals.Rules;
import keybot.approvals.State;

/** Requests standing in any state, for rendering them; the parts a test does not care about are plain. */
public final class TestRequests {

    public static final String REF = "abcdefghijklmnopqrst";

    private TestRequests() {}

    /** What USTEVE asked for in the project, at {@code at}. */
    public static KeyRequest.Ask ask(
            String projectName, String keyName, String reason, String description, Instant at) {
        return new KeyRequest.Ask("USTEVE", projectName, REF, keyName, reason, description, at);
    }

    /** The request as it stands in {@code state}, last changed when decided (or asked, if undecided). */
    public static KeyRequest in(
            long id, KeyRequest.Ask ask, State state, KeyRequest.Decision decision, KeyRequest.IssuedKey key) {
        return in(id, ask, state, decision, key, null, List.of());
    }

    public static KeyRequest in(
            long id,
            KeyRequest.Ask ask,
            State state,
            KeyRequest.Decision decision,
            KeyRequest.IssuedKey key,
            String failure,
            List<String> approvals) {
        Instant updated = decision == null ? ask.at() : decision.at();
        return new KeyRequest(
                id, ask, Rules.NOBODY, state, updated, decision, approvals, key, failure, null, null, null, 0);
    }
}
