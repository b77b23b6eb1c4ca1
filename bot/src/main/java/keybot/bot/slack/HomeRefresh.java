package keybot.bot.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import keybot.approvals.HomeViewers;
import keybot.approvals.KeyRequest;
import keybot.approvals.Policy;
import keybot.bot.work.Background;

/**
 * Republishes App Home after a change, for the requester and the project's approvers, but only for those who opened
 * it lately (the others get a fresh view when they open it) and at most once per {@link #GATHER} per person:
 * a burst of changes costs one publish, which spares both the CPU and Slack's rate limit on views.publish.
 */
public final class HomeRefresh implements AutoCloseable {

    static final Duration GATHER = Duration.ofSeconds(1);
    /** Slack keeps showing an opened App Home; a day covers a tab left open through the working day. */
    static final Duration LOOKING = Duration.ofDays(1);
    /**
     * How long whether a person looks at App Home is taken as known. Opening it on this replica counts at once;
     * on another, within this time. Most requesters never open it, and are not asked about on every change.
     */
    static final Duration RECHECK = Duration.ofSeconds(30);

    private final HomeTab home;
    private final HomeViewers viewers;
    private final Policy policy;
    private final Background background;
    private final Clock clock;
    private final Set<String> due = ConcurrentHashMap.newKeySet();
    private final Cache<String, Boolean> looking =
            Caffeine.newBuilder().expireAfterWrite(RECHECK).maximumSize(10_000).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "keybot-home");
        t.setDaemon(true);
        return t;
    });

    public HomeRefresh(HomeTab home, HomeViewers viewers, Policy policy, Background background, Clock clock) {
        this.home = home;
        this.viewers = viewers;
        this.policy = policy;
        this.background = background;
        this.clock = clock;
    }

    /** The person opened App Home: remembered for later changes, and shown the current view now. */
    public void opened(String user) {
        background.run(0, "publishing App Home", () -> {
            viewers.opened(user, clock.instant());
            looking.put(user, true);
            home.publish(user);
        });
    }

    /** The request changed: its requester and the people who may decide it see it soon, if they look. */
    public void changed(KeyRequest request) {
        Stream.concat(Stream.of(request.ask().requester()), policy.approversOf(request).stream())
                .distinct()
                .forEach(this::gather);
    }

    private void gather(String user) {
        if (Boolean.FALSE.equals(looking.getIfPresent(user)) || !due.add(user)) {
            return;
        }
        try {
            timer.schedule(
                    () -> background.run(0, "refreshing App Home", () -> {
                        due.remove(user); // a change from here on schedules the next publish
                        if (looking.get(
                                user,
                                u -> viewers.openedSince(u, clock.instant().minus(LOOKING)))) {
                            home.publish(user);
                        }
                    }),
                    GATHER.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // keybot is stopping: App Home is drawn afresh when next opened, and the change itself must go on
            due.remove(user);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
