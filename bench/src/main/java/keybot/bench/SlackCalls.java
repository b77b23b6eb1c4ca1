package keybot.bench;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import keybot.bench.Fixture.ProjectSpec;
import keybot.bench.PendingRequests.Pending;
import keybot.bot.slack.Ids;
import keybot.testkit.SlackPayloads;
import keybot.testkit.StandInSlack;

/**
 * What the benchmark sends the apps, as Slack would, signed: the {@link Load.Call}s of every run, each timing its
 * ack, and the App Home openings before them.
 */
final class SlackCalls {

    private final Load load = new Load(Fixture.SIGNING_SECRET);
    private final StandInSlack slack;
    private final SlackWatch watch;
    private final AtomicLong names;
    private final FollowUpWork followUp;

    /** {@code names} numbers the submitted requests, shared with {@link PendingRequests} so no key name repeats. */
    SlackCalls(StandInSlack slack, SlackWatch watch, AtomicLong names, FollowUpWork followUp) {
        this.slack = slack;
        this.watch = watch;
        this.names = names;
        this.followUp = followUp;
    }

    /**
     * The approvers open keybot's App Home, as approvers do, so keybot keeps it current while the scenarios change
     * requests; the requesters never open it.
     */
    void openAppHomes(App keybot) throws Exception {
        for (String approver : Fixture.PROJECTS.stream()
                .flatMap(p -> p.approvers().stream())
                .distinct()
                .toList()) {
            HttpResponse<String> ack = load.postEvent(keybot.events(), SlackPayloads.homeOpened(approver));
            if (ack.statusCode() != 200) {
                throw new IllegalStateException("keybot answered app_home_opened with " + ack.statusCode());
            }
        }
    }

    Load.Call commandCall(App app) {
        return (n, rec) -> acked(
                app, SlackPayloads.command(Fixture.COMMAND, Fixture.requester(n), "", slack.responseUrl()), rec, true);
    }

    /** The request form submitted; every key name is new, so its approval post can be told apart. */
    Load.Call submitCall(App app, boolean timePost) {
        return (n, rec) -> {
            long k = names.incrementAndGet();
            String keyName = "bench_k" + Long.toString(k, 36);
            ProjectSpec project = Fixture.PROJECTS.get((int) (k % 4));
            String body = SlackPayloads.requestSubmission(
                    Fixture.requester(k), project.ref(), keyName, "Benchmark worker " + k + " writes invoices", null);
            if (timePost) {
                watch.expectPost(keyName, System.nanoTime());
            }
            return acked(app, body, rec, true);
        };
    }

    /** Approve on a pending request (keybot), or on any id (the bare app keeps no requests). */
    Load.Call approveCall(App app, ConcurrentLinkedQueue<Pending> pending) {
        return (n, rec) -> {
            Pending p = pending == null ? new Pending(n + 1, Fixture.APPROVER) : pending.poll();
            if (p == null) {
                throw new IllegalStateException("no pending request left to approve");
            }
            boolean ok = acked(
                    app,
                    SlackPayloads.buttonClick(p.approver(), Ids.APPROVE, String.valueOf(p.id()), slack.responseUrl()),
                    rec,
                    false);
            if (ok && pending != null) {
                followUp.owesDm();
            }
            return ok;
        };
    }

    /** Approve, then wait for the DM carrying the key: the ack and the DM's arrival are both timed. */
    Load.Call approveUntilDmCall(App keybot, ConcurrentLinkedQueue<Pending> pending) {
        return (n, rec) -> {
            Pending p = pending.poll();
            if (p == null) {
                throw new IllegalStateException("no pending request left to approve");
            }
            CompletableFuture<Long> dm = watch.awaitKeyDm(p.id());
            String body =
                    SlackPayloads.buttonClick(p.approver(), Ids.APPROVE, String.valueOf(p.id()), slack.responseUrl());
            long t0 = System.nanoTime();
            HttpResponse<String> resp = load.post(keybot.events(), body);
            long ack = System.nanoTime() - t0;
            if (resp.statusCode() != 200) {
                return false;
            }
            followUp.owesDm();
            long at = dm.get(60, TimeUnit.SECONDS);
            rec.ack.add(ack);
            rec.done.add(at - t0);
            return true;
        };
    }

    Load.Call historyCall(App app) {
        return (n, rec) -> acked(
                app,
                SlackPayloads.command(Fixture.COMMAND, Fixture.APPROVER, "history", slack.responseUrl()),
                rec,
                resp -> resp.body().contains("\"blocks\""));
    }

    /** keybot as its own process: requests submitted, all for the first project. */
    Load.Call processSubmitCall(App app) {
        return (n, rec) -> acked(
                app,
                SlackPayloads.requestSubmission(
                        Fixture.requester(n),
                        Fixture.PROJECTS.get(0).ref(),
                        "bench_process_" + n,
                        "Process load " + n,
                        null),
                rec,
                true);
    }

    /** keybot as its own process: its requests approved in turn, from id 1 (its database starts empty). */
    Load.Call processApproveCall(App app) {
        AtomicLong nextId = new AtomicLong(1);
        return (n, rec) -> acked(
                app,
                SlackPayloads.buttonClick(
                        Fixture.APPROVER, Ids.APPROVE, String.valueOf(nextId.getAndIncrement()), slack.responseUrl()),
                rec,
                false);
    }

    /** Posts, times the ack; a 200 (with an empty body when {@code empty}: nothing went wrong) counts. */
    private boolean acked(App app, String body, Load.Recorder rec, boolean empty) throws Exception {
        return acked(app, body, rec, resp -> !empty || resp.body().isEmpty());
    }

    /** Posts, times the ack; a 200 whose answer also passes {@code answered} counts. */
    private boolean acked(App app, String body, Load.Recorder rec, Predicate<HttpResponse<String>> answered)
            throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> resp = load.post(app.events(), body);
        long ack = System.nanoTime() - t0;
        boolean ok = resp.statusCode() == 200 && answered.test(resp);
        if (ok) {
            rec.ack.add(ack);
        }
        return ok;
    }
}
