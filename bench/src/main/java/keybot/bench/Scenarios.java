package keybot.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import keybot.bench.PendingRequests.Pending;

/**
 * Scenarios 1–3 at each concurrency: the bare app first, then keybot, each after its own warm-up. Before them,
 * one warm-up of every scenario on both apps, so the JIT has compiled what they run before anything counts.
 */
final class Scenarios {

    static final String S1 = "1 slash command → modal";
    static final String S2 = "2 submission → stored";
    static final String S2_POST = "2 submission → channel post";
    static final String S3 = "3 approve click → ack";
    static final String S3_DM = "3 approve → key DM'd";

    private final Options o;
    private final Options.Size size;
    private final SlackCalls calls;
    private final MeasuredRuns runs;
    private final PendingRequests pending;
    private final FollowUpWork followUp;
    private final Progress progress;

    Scenarios(
            Options o,
            SlackCalls calls,
            MeasuredRuns runs,
            PendingRequests pending,
            FollowUpWork followUp,
            Progress progress) {
        this.o = o;
        this.size = o.size();
        this.calls = calls;
        this.runs = runs;
        this.pending = pending;
        this.followUp = followUp;
        this.progress = progress;
    }

    void run(App keybot, App bare) throws Exception {
        if (!o.runs("1") && !o.runs("2") && !o.runs("3")) {
            return;
        }
        warmUp(keybot, bare);
        for (int c : levels("1")) {
            progress.step("scenario 1: slash command, form opened; concurrency " + c);
            runs.ackRun(S1, bare, c, calls.commandCall(bare));
            runs.ackRun(S1, keybot, c, calls.commandCall(keybot));
        }
        for (int c : levels("2")) {
            progress.step("scenario 2: form submitted, request stored and posted; concurrency " + c);
            runs.ackRun(S2, bare, c, calls.submitCall(bare, false));
            runs.submissionRun(keybot, c);
            pending.withdraw();
        }
        for (int c : levels("3")) {
            progress.step("scenario 3: Approve clicked, until the ack; concurrency " + c);
            runs.ackRun(S3, bare, c, calls.approveCall(bare, null));
            runs.ackRun(
                    S3,
                    keybot,
                    c,
                    calls.approveCall(keybot, pending.forApproval(size.warmupCount() + size.measureCount())));
            pending.withdraw();
        }
        for (int c : levels("3")) {
            progress.step("scenario 3: Approve clicked, until the key arrives by DM; concurrency " + c);
            runs.completionRun(keybot, c, pending.forApproval(size.warmupCount() / 4 + size.completionCount()));
            pending.withdraw();
        }
    }

    private void warmUp(App keybot, App bare) throws Exception {
        Duration warm = size.warmupTime().multipliedBy(2);
        int warmCount = size.warmupCount() * 3;
        progress.step("warming up: every scenario on both apps, " + warmCount + " requests each");
        for (App app : List.of(bare, keybot)) {
            Load.run(4, warmCount, warm, calls.commandCall(app));
            Load.run(4, warmCount, warm, calls.submitCall(app, false));
        }
        followUp.settle();
        ConcurrentLinkedQueue<Pending> warmPending = pending.forApproval(0);
        Load.run(4, warmPending.size(), warm, calls.approveCall(keybot, warmPending));
        Load.run(4, warmCount, warm, calls.approveCall(bare, null));
        followUp.settle();
        pending.withdraw();
    }

    /** The concurrency levels to run a scenario at: none when it is not asked for. */
    private List<Integer> levels(String scenario) {
        return o.runs(scenario) ? size.concurrency() : List.of();
    }
}
