package keybot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static keybot.e2e.KeybotFixture.APPROVER;
import static keybot.e2e.KeybotFixture.REF;
import static keybot.e2e.KeybotFixture.REQUESTER;
import static keybot.e2e.KeybotFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.Optional;
import keybot.approvals.KeyRequest;
import keybot.approvals.State;
import keybot.bot.slack.Ids;
import keybot.testkit.SlackPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * keybot stopped (as on SIGTERM) while it creates a key: it takes no new requests, finishes the delivery in hand,
 * sends what that owes people, and leaves nothing owed behind.
 */
class ShutdownTest {

    static final String KEY_ID = "66666666-6666-4666-8666-666666666666";
    static final String SECRET = "sb_secret_ShUtDoWnIjKlMnOpQrStUvWxYz01234";

    KeybotFixture keybot;

    @BeforeEach
    void start() throws Exception {
        keybot = new KeybotFixture();
        keybot.supabaseCreates(KEY_ID, SECRET);
        // Supabase takes a while to create the key: long enough to stop keybot in the middle of it
        keybot.supabase.stubFor(post(urlEqualTo("/v1/projects/" + REF + "/api-keys"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withFixedDelay(800)
                        .withBody("{\"id\":\"" + KEY_ID + "\",\"name\":\"shutdown_key\",\"type\":\"secret\","
                                + "\"api_key\":\"sb_secret_ShUtD··························\"}")));
    }

    @AfterEach
    void stop() throws Exception {
        keybot.assertNothingLeaked();
        keybot.close();
    }

    @Test
    void stoppingWhileAKeyIsCreatedFinishesTheDeliveryAndRefusesNewRequests() throws Exception {
        // given a request approved, its key being created at Supabase
        KeyRequest request = keybot.submitted(REQUESTER, "shutdown_key");
        keybot.caller.post(
                SlackPayloads.buttonClick(APPROVER, Ids.APPROVE, Ids.valueOf(request.id()), keybot.responseUrl()));
        await(
                () -> !keybot.supabaseCalls(postRequestedFor(urlEqualTo("/v1/projects/" + REF + "/api-keys")))
                                .isEmpty()
                        || keybot.jobClaimed(request.id()),
                "the delivery to be under way");
        assertTrue(keybot.reload(request.id()).state().isDelivering(), "the delivery is still in hand");

        // when keybot is stopped
        keybot.keybot.close();

        // then the delivery was finished, shown and told, once
        KeyRequest delivered = keybot.reload(request.id());
        assertEquals(State.DELIVERED, delivered.state());
        assertEquals(1, keybot.dmsMentioning(request.id(), SECRET).size(), "one message carries the key");
        assertEquals(request.message(), delivered.message(), "the approval message is still where it was");
        assertTrue(keybot.lastUpdateOf(request.id()).orElseThrow().get("text").contains("DELIVERED"));
        assertEquals(0, keybot.jobsOwed());
        assertEquals(0, keybot.effectsOwed(), "nothing left for another replica");
        // and it takes no new request
        assertThrows(
                UncheckedIOException.class,
                () -> keybot.caller.post(
                        SlackPayloads.requestSubmission("ULATE", REF, "too_late", "after the stop", null)));
        assertEquals(
                Optional.empty(),
                keybot.store.history(Optional.of("ULATE"), 1).stream().findFirst());
    }
}
