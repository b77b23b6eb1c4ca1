package keybot.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import keybot.bench.Fixture.ProjectSpec;

/**
 * The shape of every request in {@link BigData}'s history, drawn before a row is written: its state, project,
 * approver, requester, key name and retry rounds, and when it was made. Drawn from a fixed seed, so the same sizes
 * give the same plan; kept in arrays indexed by request id.
 */
final class HistoryPlan {

    static final long SEED = 20251126L;
    static final byte DELIVERED = 0;
    static final byte DENIED = 1;
    static final byte FAILED = 2;
    static final byte PENDING = 3;
    static final int HEAVY_REQUESTERS = 2000;
    static final int RARE_REQUESTERS = 3000;
    static final int KEY_NAMES = 3000;
    private static final Duration SPAN = Duration.ofDays(730);

    private final int requests;
    private final long events;
    private final Instant start;
    private final long spacingMillis;
    private final byte[] state;
    private final byte[] project;
    private final byte[] approver;
    private final int[] requester;
    private final int[] keyName;
    private final int[] rounds;

    private HistoryPlan(int requests, long events, Instant now) {
        this.requests = requests;
        this.events = events;
        this.start = now.minus(SPAN);
        this.spacingMillis = SPAN.toMillis() / requests;
        state = new byte[requests + 1];
        project = new byte[requests + 1];
        approver = new byte[requests + 1];
        requester = new int[requests + 1];
        keyName = new int[requests + 1];
        rounds = new int[requests + 1];
    }

    /** {@code requests} requests with exactly {@code events} audit lines between them, the newest made {@code now}. */
    static HistoryPlan draw(int requests, long events, Instant now) {
        HistoryPlan plan = new HistoryPlan(requests, events, now);
        plan.plan();
        return plan;
    }

    /** Draws every request's shape; the rows themselves are written from these arrays and per-request seeds. */
    private void plan() {
        SplittableRandom random = new SplittableRandom(SEED);
        int quietEnd = Math.max(1, requests / 5);
        long base = 0;
        List<Integer> retryable = new ArrayList<>();
        for (int id = 1; id <= requests; id++) {
            drawRequest(random, id, quietEnd);
            base += baseEvents(state[id]);
            if (state[id] == DELIVERED || state[id] == FAILED) {
                retryable.add(id);
            }
        }
        long extra = events - base;
        if (extra < 0) {
            throw new IllegalArgumentException(events + " events are too few for " + requests + " requests");
        }
        if (extra % 2 == 1) {
            // the rest comes in pairs: one pending request becomes denied (or, in tiny runs, the reverse)
            int id = newest(PENDING);
            if (id > 0) {
                state[id] = DENIED;
                extra--;
            } else if (newest(DENIED) > 0) {
                state[newest(DENIED)] = PENDING;
                extra++;
            } else {
                throw new IllegalArgumentException("load more requests: none is pending or denied");
            }
        }
        for (long pair = 0; pair < extra / 2; pair++) {
            rounds[retryable.get(random.nextInt(retryable.size()))]++;
        }
    }

    /** One request's shape; the draws come in a fixed order, which keeps the plan the same run after run. */
    private void drawRequest(SplittableRandom random, int id, int quietEnd) {
        double s = random.nextDouble();
        // pending only among the newest: the last day's, and at least the last ten
        boolean recent =
                (long) (requests - id) * spacingMillis < Duration.ofHours(20).toMillis() || requests - id < 10;
        state[id] = recent && random.nextBoolean() ? PENDING : s < 0.85 ? DELIVERED : s < 0.95 ? DENIED : FAILED;
        project[id] = (byte) pickProject(random, id <= quietEnd, Math.max(0.01, 10.0 / quietEnd));
        approver[id] = (byte) random.nextInt(2);
        double u = random.nextDouble();
        requester[id] = random.nextDouble() < 0.95
                ? (int) (HEAVY_REQUESTERS * u * u)
                : HEAVY_REQUESTERS + random.nextInt(RARE_REQUESTERS);
        double k = random.nextDouble();
        keyName[id] = (int) (KEY_NAMES * k * k);
    }

    private int newest(byte wanted) {
        for (int id = requests; id > 0; id--) {
            if (state[id] == wanted) {
                return id;
            }
        }
        return 0;
    }

    private static int pickProject(SplittableRandom random, boolean quietTimes, double quietShare) {
        if (quietTimes && random.nextDouble() < quietShare) {
            return Fixture.PROJECTS.size() - 1;
        }
        double p = random.nextDouble();
        double sum = 0;
        for (int i = 0; i < Fixture.PROJECTS.size(); i++) {
            sum += Fixture.PROJECTS.get(i).share();
            if (p < sum) {
                return i;
            }
        }
        return 0;
    }

    private static int baseEvents(byte state) {
        return switch (state) {
            case PENDING -> 1;
            case DENIED -> 2;
            case FAILED -> 3;
            default -> 4;
        };
    }

    long spacingMillis() {
        return spacingMillis;
    }

    byte state(int id) {
        return state[id];
    }

    ProjectSpec project(int id) {
        return Fixture.PROJECTS.get(project[id]);
    }

    /** Which of the project's approvers decides the request. */
    String approver(int id) {
        return project(id).approvers().get(approver[id]);
    }

    /** The requester's number: below {@link #HEAVY_REQUESTERS} one who asks often, above it one who rarely does. */
    int requester(int id) {
        return requester[id];
    }

    /** The key name's number, below {@link #KEY_NAMES}; low numbers are asked for most. */
    int keyName(int id) {
        return keyName[id];
    }

    /** How many times delivery failed and an approver retried it. */
    int rounds(int id) {
        return rounds[id];
    }

    /** When the request was made: evenly spread over the span, a little jittered. */
    Instant created(int id) {
        return start.plusMillis((id - 1) * spacingMillis + (id * 7919L) % 60_000);
    }

    /** The timestamp of the request's approval message, in Slack's form. */
    String messageTs(int id) {
        return (start.getEpochSecond() + (id - 1) * spacingMillis / 1000) + ".000100";
    }
}
