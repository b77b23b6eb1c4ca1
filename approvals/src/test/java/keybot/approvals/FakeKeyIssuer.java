package keybot.approvals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link KeyIssuer} that keeps the keys it creates ("key-1", "key-2"…) so they can be found by description and
 * revealed again, records the calls, and can be told to fail.
 */
final class FakeKeyIssuer implements KeyIssuer {

    /** The secret of the first key created. */
    static final String SECRET = "sb_secret_AbCdEfGhIjKlMnOpQrStUvWxYz012345";

    /** A key as Supabase holds it. */
    record Key(String projectRef, String name, String description, String secret) {}

    final List<String> descriptions = new ArrayList<>();
    final List<String> revealed = new ArrayList<>();
    /** The marker of every {@link #findByDescription} call: each lists all the project's keys. */
    final List<String> lookedUp = new ArrayList<>();

    private final Map<String, Key> keys = new LinkedHashMap<>();
    private final Deque<RuntimeException> nextCreateFailures = new ArrayDeque<>();
    private final Deque<RuntimeException> nextRevealFailures = new ArrayDeque<>();
    private final Deque<RuntimeException> nextLostAnswers = new ArrayDeque<>();
    private int creates;
    private RuntimeException failure;

    /** The secret of the {@code n}th key created: {@link #SECRET} first, then others unlike it. */
    static String secretOf(int n) {
        return n == 1 ? SECRET : "sb_secret_Key" + n + "zYxWvUtSrQpOnMlKjIhGfEdCbA9876";
    }

    /** Makes every later {@link #create} throw this (an {@link IssueFailure}, or anything unexpected). */
    void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** Makes the next creates throw these, one each, in order; later creates succeed again. */
    void failNextCreates(IssueFailure... failures) {
        nextCreateFailures.addAll(Arrays.asList(failures));
    }

    /**
     * Makes the next creates make their key and then throw these, one each, in order: Supabase made the key but
     * its answer was lost (a timeout) or not understood.
     */
    void loseNextCreateAnswers(IssueFailure... failures) {
        nextLostAnswers.addAll(Arrays.asList(failures));
    }

    /** Makes the next reveals throw these, one each, in order; later reveals succeed again. */
    void failNextReveals(IssueFailure... failures) {
        nextRevealFailures.addAll(Arrays.asList(failures));
    }

    /** Create calls, failed ones included. */
    int creates() {
        return creates;
    }

    /** The keys that exist, by id, oldest first. */
    Map<String, Key> keys() {
        return Map.copyOf(keys);
    }

    @Override
    public Created create(String projectRef, String name, String description) {
        creates++;
        descriptions.add(description);
        if (!nextCreateFailures.isEmpty()) {
            throw nextCreateFailures.poll();
        }
        if (failure != null) {
            throw failure;
        }
        String id = "key-" + (keys.size() + 1);
        String secret = secretOf(keys.size() + 1);
        keys.put(id, new Key(projectRef, name, description, secret));
        if (!nextLostAnswers.isEmpty()) {
            throw nextLostAnswers.poll();
        }
        return new Created(id, new Secret(secret));
    }

    @Override
    public Optional<String> findByDescription(String projectRef, String marker) {
        lookedUp.add(marker);
        return keys.entrySet().stream()
                .filter(e -> e.getValue().projectRef().equals(projectRef))
                .filter(e -> e.getValue().description() != null
                        && e.getValue().description().startsWith(marker))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    @Override
    public Secret reveal(String projectRef, String keyId) {
        revealed.add(keyId);
        if (!nextRevealFailures.isEmpty()) {
            throw nextRevealFailures.poll();
        }
        Key key = keys.get(keyId);
        if (key == null || !key.projectRef().equals(projectRef)) {
            throw new IssueFailure(IssueFailure.Kind.NOT_FOUND, "no key " + keyId);
        }
        return new Secret(key.secret());
    }
}
