package keybot.approvals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
    static final Policy POLICY = new Policy(java.util.List.of(BILLING));

    private Fixtures() {
    }

    static Draft draft() {
        return draft(REQUESTER, "billing_worker");
    }

    static Draft draft(String requester, String keyName) {
        return new Draft(requester, REF, keyName, "The billing worker writes invoices.", "nightly job");
    }
}
