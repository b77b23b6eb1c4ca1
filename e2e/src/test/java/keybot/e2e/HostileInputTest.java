package keybot.e2e;

import static keybot.e2e.KeybotFixture.REF;
import static keybot.e2e.KeybotFixture.REQUESTER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import keybot.approvals.KeyRequest;
import keybot.testkit.SlackPayloads;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ten thousand hostile requests from a seeded generator, with a few legitimate request forms mixed in, sent at
 * the running keybot from a few threads: no answer is a 5xx, nothing is logged at ERROR, and afterwards the
 * database holds the legitimate requests of the test and nothing else.
 */
class HostileInputTest extends EndToEnd {

    private static final Logger log = LoggerFactory.getLogger(HostileInputTest.class);
    /** Fixed, so a failure replays; {@code -Dkeybot.hostile.seed=N} tries other draws. */
    private static final long SEED = Long.getLong("keybot.hostile.seed", 20_240_611L);

    private static final int HOSTILE = 10_000;
    private static final int LEGITIMATE = 5;
    private static final int THREADS = 4;
    private static final String LEGITIMATE_USER = "ULEGIT";

    @Test
    void hostileRequestsGetNo5xxLogNoErrorAndLeaveOnlyTheLegitimateRequests() throws Exception {
        // given a pending request for the forgeries to aim at, and the database and the log as they stand
        KeyRequest target = keybot.submitted(REQUESTER, "hostile_target");
        DatabaseRows.awaitQuiet(keybot);
        DatabaseRows before = DatabaseRows.of(keybot.db);
        long logMark = TestLog.mark();
        Random random = new Random(SEED);
        HostileRequests hostile = new HostileRequests(random, target.id(), keybot.responseUrl("hostile"));
        List<Object> requests = new ArrayList<>();
        for (int i = 0; i < HOSTILE; i++) {
            requests.add(hostile.next());
        }
        List<String> legitimateNames = new ArrayList<>();
        for (int i = 0; i < LEGITIMATE; i++) {
            legitimateNames.add("legitimate_" + i);
            requests.add(
                    random.nextInt(requests.size()),
                    SlackPayloads.requestSubmission(
                            LEGITIMATE_USER,
                            REF,
                            legitimateNames.get(i),
                            "A legitimate request among hostile ones",
                            null));
        }

        // when
        Instant start = Instant.now();
        Outcomes outcomes = sendAll(requests);
        Duration took = Duration.between(start, Instant.now());
        DatabaseRows.awaitQuiet(keybot);

        // then
        log.info(
                "Sent {} requests ({} hostile, seed {}) in {} ms: {}",
                requests.size(),
                HOSTILE,
                SEED,
                took.toMillis(),
                outcomes.byKindAndStatus);
        assertEquals(List.of(), outcomes.serverErrors, "answers of 500 or more");
        assertEquals(List.of(), outcomes.legitimateFailures, "legitimate request forms that were not accepted");
        assertEquals(List.of(), TestLog.errorsSince(logMark), "lines logged at ERROR");
        DatabaseRows after = DatabaseRows.of(keybot.db);
        assertEquals(before.existing(), after.rowsUpTo(before), "rows that existed before were changed");
        assertEquals(
                legitimateNames.stream().sorted().toList(),
                after.requestsAfter(before, LEGITIMATE_USER),
                "new requests");
        assertEquals(LEGITIMATE, after.requestCount() - before.requestCount(), "new key_request rows");
        assertEquals(LEGITIMATE, after.auditCount() - before.auditCount(), "new audit_event rows: one REQUESTED each");
        assertEquals(List.of("REQUESTED"), after.auditTypesAfter(before), "kinds of new audit events");
    }

    /** What came back: counts by kind and status, and what must not have happened. */
    private static final class Outcomes {
        final Map<String, AtomicInteger> byKindAndStatus = new ConcurrentHashMap<>();
        final List<String> serverErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> legitimateFailures = new java.util.concurrent.CopyOnWriteArrayList<>();

        void count(String kind, int status) {
            byKindAndStatus
                    .computeIfAbsent(kind + " " + status, k -> new AtomicInteger())
                    .incrementAndGet();
        }

        @Override
        public String toString() {
            return new TreeMap<>(byKindAndStatus).toString();
        }
    }

    private static Outcomes sendAll(List<Object> requests) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        RawHttp raw = new RawHttp(keybot.events(), http);
        Outcomes outcomes = new Outcomes();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> sent = new ArrayList<>();
        for (Object request : requests) {
            sent.add(pool.submit(() -> {
                if (request instanceof HostileRequest hostile) {
                    int status = raw.send(hostile).statusCode();
                    outcomes.count(hostile.kind(), status);
                    if (status >= 500) {
                        outcomes.serverErrors.add(hostile.kind() + " -> " + status);
                    }
                } else {
                    var response = keybot.caller.post((String) request);
                    outcomes.count("legitimate", response.statusCode());
                    if (response.statusCode() != 200 || !response.body().isEmpty()) {
                        outcomes.legitimateFailures.add(response.statusCode() + " " + response.body());
                    }
                }
            }));
        }
        for (Future<?> each : sent) {
            each.get();
        }
        pool.shutdown();
        return outcomes;
    }
}
