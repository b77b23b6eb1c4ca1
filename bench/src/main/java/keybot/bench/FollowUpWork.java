package keybot.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import keybot.testkit.StandInSlack;

/**
 * keybot's work after the acks (approval posts, requester DMs and App Home refreshes): the key DMs it owes, and
 * waiting for all of it to finish between runs.
 */
final class FollowUpWork {

    private final StandInSlack slack;
    private final SlackWatch watch;
    private final Duration quiet;
    private final Progress progress;
    private final AtomicLong dmsOwed = new AtomicLong();

    FollowUpWork(StandInSlack slack, SlackWatch watch, Duration quiet, Progress progress) {
        this.slack = slack;
        this.watch = watch;
        this.quiet = quiet;
        this.progress = progress;
    }

    /** keybot acknowledged an approval, so it owes the requester a DM with the key. */
    void owesDm() {
        dmsOwed.incrementAndGet();
    }

    /**
     * Waits until keybot has finished what the last run started: every owed DM sent, and Slack quiet for a while
     * (approval posts, requester DMs and App Home refreshes follow the acks). The next run then starts
     * from rest, whichever app it measures.
     */
    void settle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        long last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long calls = slack.callCount();
            if (calls != last) {
                last = calls;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > quiet.toNanos() && watch.keyDms() >= dmsOwed.get()) {
                return;
            }
            Thread.sleep(50);
        }
        progress.println(
                "   (keybot was still busy after 3 minutes: " + watch.keyDms() + " of " + dmsOwed.get() + " DMs sent)");
    }
}
