package keybot.approvals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The people, project and clock the tests share. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final String REF = "abcdefghijklmnopqrst";
    static final String REQUESTER = "U0CAROL";
    static final String ALICE = "U0ALICE";
    static final String BOB = "U0BOB";
    static final String STRANGER = "U0MALLORY";

    static final Project BILLING = new Project("billing", REF, Set.of(ALICE, BOB), 1);
    static final Policy POLICY = new Policy(List.of(BILLING));

    private Fixtures() {}

    static Draft draft() {
        return draft(REQUESTER, "billing_worker");
    }

    static Draft draft(String requester, String keyName) {
        return new Draft(requester, REF, keyName, "The billing worker writes invoices.", "nightly job");
    }

    /**
     * Request #7 for billing under its rules, as it would stand in {@code state}: approved by Alice once past
     * PENDING (denied by her when DENIED), with key-1 once created, failed with a reason when FAILED.
     */
    static KeyRequest requestIn(State state) {
        boolean approved = EnumSet.of(State.APPROVED, State.KEY_CREATED, State.DELIVERED, State.FAILED)
                .contains(state);
        KeyRequest.Decision decision = approved
                ? new KeyRequest.Decision(ALICE, NOW, null)
                : state == State.DENIED ? new KeyRequest.Decision(ALICE, NOW, "no") : null;
        KeyRequest.IssuedKey key =
                EnumSet.of(State.KEY_CREATED, State.DELIVERED).contains(state)
                        ? new KeyRequest.IssuedKey("key-1", "f".repeat(64), "AbCdEf")
                        : null;
        String failure = state == State.FAILED ? "Supabase did not answer in time." : null;
        Rules rules = BILLING.rules();
        var ask = new KeyRequest.Ask(
                REQUESTER, "billing", REF, "billing_worker", "The billing worker writes invoices.", "nightly job", NOW);
        return new KeyRequest(
                7,
                ask,
                rules,
                state,
                NOW,
                decision,
                approved ? List.of(ALICE) : List.of(),
                key,
                failure,
                Timers.startingAt(NOW, rules),
                null,
                null,
                3);
    }
}
