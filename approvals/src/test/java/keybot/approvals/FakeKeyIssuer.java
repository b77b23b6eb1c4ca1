package keybot.approvals;

import java.util.ArrayList;
import java.util.List;

/** A {@link KeyIssuer} that counts creates and answers "key-1", "key-2"…, or throws a given failure. */
final class FakeKeyIssuer implements KeyIssuer {

    static final String SECRET = "sb_secret_AbCdEfGhIjKlMnOpQrStUvWxYz012345";

    final List<String> descriptions = new ArrayList<>();
    private int creates;
    private RuntimeException failure;

    /** Makes every later {@link #create} throw this (an {@link IssueFailure}, or anything unexpected). */
    void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    int creates() {
        return creates;
    }

    @Override
    public Created create(String projectRef, String name, String description) {
        creates++;
        descriptions.add(description);
        if (failure != null) {
            throw failure;
        }
        return new Created("key-" + creates, new Secret(SECRET));
    }
}
