package keybot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static keybot.e2e.KeybotFixture.APPROVER;
import static keybot.e2e.KeybotFixture.COMMAND;
import static keybot.e2e.KeybotFixture.OUTSIDER;
import static keybot.e2e.KeybotFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keybot.approvals.AuditRecord;
import keybot.approvals.KeyRequest;
import keybot.approvals.State;
import keybot.bot.slack.Ids;
import keybot.db.PostgresAuditLog;
import keybot.testkit.SlackPayloads;
import org.junit.jupiter.api.Test;

/** History in Slack, App Home, and leak tracing, as requesters and approvers see them. */
class HistoryAndHomeTest extends EndToEnd {

    @Test
    void historyShowsOwnRequestsToRequestersAndEverythingToApprovers() {
        // given
        KeyRequest mine = keybot.submitted("UHISTORY", "history_worker");
        KeyRequest theirs = keybot.submitted("UOTHER", "other_worker");
        // when
        String own = historyText("UHISTORY", "");
        String all = historyText(APPROVER, "");
        String asked = historyText("UHISTORY", "<@UOTHER|other>");
        // then
        assertTrue(own.contains("#" + mine.id() + "*") && own.contains("history_worker") && own.contains("requested"));
        assertFalse(own.contains("other_worker"), "others' requests stay private");
        assertTrue(all.contains("#" + mine.id() + "*") && all.contains("#" + theirs.id() + "*"));
        assertEquals("Only approvers can see other people's requests.", asked);
    }

    @Test
    void historyFiltersByPersonProjectAndKeyName() {
        // given
        KeyRequest a = keybot.submitted("UFILTER1", "filtered_alpha");
        KeyRequest b = keybot.submitted("UFILTER2", "filtered_beta");
        // then
        String byPerson = historyText(APPROVER, "<@UFILTER1|filter>");
        assertTrue(byPerson.contains("filtered_alpha") && !byPerson.contains("filtered_beta"), byPerson);
        String byKey = historyText(APPROVER, "filtered_beta");
        assertTrue(byKey.contains("#" + b.id() + "*") && !byKey.contains("#" + a.id() + "*"), byKey);
        String byProject = historyText(APPROVER, "production");
        assertTrue(byProject.contains("production"), byProject);
        assertTrue(historyText(APPROVER, "staging").contains("No key requests"), "nothing requested in staging");
        assertTrue(historyText(APPROVER, "Not A Filter!").startsWith("I can show history for"));
    }

    @Test
    void historyIsPagedNewestFirst() {
        // given seven requests of one key name
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(keybot.submitted("UPAGER", "paged_key").id());
        }
        // when
        JsonObject first = history("UPAGER", "paged_key");
        // then the first page holds the newest five and an Older button
        String firstText = text(first);
        assertTrue(firstText.indexOf("#" + ids.get(6) + "*") < firstText.indexOf("#" + ids.get(2) + "*"));
        assertFalse(firstText.contains("#" + ids.get(1) + "*"));
        String older = first.getAsJsonArray("blocks")
                .get(1)
                .getAsJsonObject()
                .getAsJsonArray("elements")
                .get(0)
                .getAsJsonObject()
                .get("value")
                .getAsString();
        // when the Older button is clicked
        String answers = keybot.responseUrl("older");
        keybot.caller.post(SlackPayloads.buttonClick("UPAGER", Ids.HISTORY_OLDER, older, answers));
        // then the next page replaces it
        await(() -> !keybot.answersTo(answers).isEmpty(), "the older page");
        var page = keybot.slack
                .findAll(postRequestedFor(urlEqualTo("/respond/older")))
                .get(0)
                .getBodyAsString();
        assertTrue(page.contains("#" + ids.get(1) + "*") && page.contains("#" + ids.get(0) + "*"), page);
        assertFalse(page.contains("#" + ids.get(6) + "*"), page);
    }

    @Test
    void appHomeShowsRequestersTheirRequestsAndApproversWhatWaitsForThem() {
        // given
        KeyRequest waiting = keybot.submitted("UHOME", "home_key");
        // when both open App Home
        openHome("UHOME");
        openHome(APPROVER);
        // then
        // App Home is also refreshed when requests change, so wait for views that show this request
        await(
                () -> homeOf("UHOME").contains("home_key")
                        && homeOf(APPROVER).contains("\"value\":\"" + waiting.id() + "\""),
                "both homes published");
        String requesterHome = homeOf("UHOME");
        assertTrue(requesterHome.contains("My requests") && requesterHome.contains("pending"), requesterHome);
        assertFalse(requesterHome.contains("Waiting for you"), "requesters have nothing to decide");
        String approverHome = homeOf(APPROVER);
        assertTrue(
                approverHome.contains("\"action_id\":\"approve\"")
                        && approverHome.contains("\"value\":\"" + waiting.id() + "\""),
                approverHome);
    }

    @Test
    void approvingFromAppHomeIsTheSameDecisionAndRefusalsArriveByDirectMessage() {
        // given
        keybot.supabaseCreates("88888888-8888-4888-8888-888888888888", "sb_secret_HoMeApPrOvEdStUvWxYz0123456789");
        openHome("UHOMEREQ");
        KeyRequest request = keybot.submitted("UHOMEREQ", "home_approved");
        // when an outsider, then an approver, click Approve in App Home
        keybot.caller.post(SlackPayloads.homeButtonClick(OUTSIDER, Ids.APPROVE, String.valueOf(request.id())));
        keybot.caller.post(SlackPayloads.homeButtonClick(APPROVER, Ids.APPROVE, String.valueOf(request.id())));
        // then
        await(() -> keybot.reload(request.id()).state() == State.DELIVERED, "the delivery");
        await(
                () -> keybot.slackCalls("chat.postMessage").stream()
                        .map(KeybotFixture::form)
                        .anyMatch(f -> f.getOrDefault("text", "").contains("not an approver of production")),
                "the outsider told by direct message");
        await(() -> homeOf("UHOMEREQ").contains("delivered"), "the requester's home refreshed");
    }

    @Test
    void appHomeIsRepublishedOnChangeOnlyForPeopleWhoOpenedIt() {
        // given the approver looks at App Home and the requester never opened it
        openHome(APPROVER);
        KeyRequest request = keybot.submitted("UNOHOME", "never_home");
        // when the request changes
        keybot.caller.post(SlackPayloads.denySubmission(APPROVER, String.valueOf(request.id()), "not needed"));
        // then the approver's App Home shows it (gathered with the requester's, which comes first) ...
        await(() -> homeOf(APPROVER).contains("<@UNOHOME>: *denied*"), "the approver's home refreshed");
        // ... and nothing was published for the requester
        assertEquals("", homeOf("UNOHOME"));
    }

    @Test
    void whoseFindsTheRequestByTheKeysHashWithoutEchoingTheKey() {
        // given a delivered key
        String secret = "sb_secret_WhOsEkEyIjKlMnOpQrStUvWxYz01234";
        keybot.supabaseCreates("99999999-9999-4999-8999-999999999999", secret);
        KeyRequest request = keybot.submitted("ULEAKER", "leaked_key");
        keybot.caller.post(
                SlackPayloads.buttonClick(APPROVER, Ids.APPROVE, String.valueOf(request.id()), keybot.responseUrl()));
        await(() -> keybot.reload(request.id()).state() == State.DELIVERED, "the delivery");
        // when
        String found = ackText(APPROVER, "whose " + secret);
        String unknown = ackText(APPROVER, "whose sb_secret_NoSuChKeYiJkLmNoPqRsTuVwXyZ0123");
        String notAllowed = ackText("ULEAKER", "whose " + secret);
        // then
        assertTrue(
                found.contains("request #" + request.id())
                        && found.contains("<@ULEAKER>")
                        && found.contains("<@" + APPROVER + ">")
                        && found.contains("99999999-9999-4999-8999-999999999999"),
                found);
        assertFalse(found.contains(secret.substring(10, 16)), "the key is never echoed");
        assertTrue(unknown.startsWith("No key request matches that key"), unknown);
        assertTrue(notAllowed.startsWith("Only approvers can trace a key"), notAllowed);
    }

    @Test
    void auditLinesNameTheActorAndLinkTheMessage() {
        // given
        KeyRequest request = keybot.submitted("UAUDITED", "audited_key");
        keybot.caller.post(
                SlackPayloads.buttonClick(OUTSIDER, Ids.APPROVE, String.valueOf(request.id()), keybot.responseUrl()));
        keybot.caller.post(SlackPayloads.denySubmission(APPROVER, String.valueOf(request.id()), "not now"));
        // when
        List<AuditRecord> lines = new ArrayList<>();
        new PostgresAuditLog(keybot.db.jdbi()).export(PostgresAuditLog.Filter.everything(), lines::add);
        // then
        AuditRecord denied = lines.stream()
                .filter(l -> l.requestId() == request.id())
                .reduce((x, y) -> y)
                .orElseThrow();
        assertEquals("Someone Slack Knows", denied.actorName());
        assertEquals("production", denied.project());
        assertEquals("audited_key", denied.keyName());
        assertEquals("not now", denied.detail());
        assertEquals(
                "https://e2e.slack.com/archives/C0APPROVALS/p1700000000000100",
                denied.messageLink(),
                "the permalink, built from auth.test's workspace address and the posted message");
        assertTrue(new PostgresAuditLog(keybot.db.jdbi()).verify().firstBreak().isEmpty());
    }

    private static void openHome(String user) {
        assertEquals(
                200,
                keybot.caller
                        .postEvent(SlackPayloads.homeOpened(user), Map.of())
                        .statusCode());
    }

    /** The latest App Home view published for the user, as JSON text. */
    private static String homeOf(String user) {
        return keybot.slackCalls("views.publish").stream()
                .map(KeybotFixture::form)
                .filter(f -> user.equals(f.get("user_id")))
                .map(f -> JsonParser.parseString(f.get("view")).toString())
                .reduce((x, y) -> y)
                .orElse("");
    }

    private static JsonObject history(String user, String filter) {
        String body = keybot.caller
                .post(SlackPayloads.command(COMMAND, user, ("history " + filter).strip(), keybot.responseUrl()))
                .body();
        return JsonParser.parseString(body).getAsJsonObject();
    }

    private static String historyText(String user, String filter) {
        return text(history(user, filter));
    }

    private static String ackText(String user, String text) {
        return JsonParser.parseString(keybot.caller
                        .post(SlackPayloads.command(COMMAND, user, text, keybot.responseUrl()))
                        .body())
                .getAsJsonObject()
                .get("text")
                .getAsString();
    }

    /** The page's text, or the plain answer when there is no page. */
    private static String text(JsonObject ack) {
        JsonArray blocks = ack.getAsJsonArray("blocks");
        return blocks == null
                ? ack.get("text").getAsString()
                : blocks.get(0)
                        .getAsJsonObject()
                        .getAsJsonObject("text")
                        .get("text")
                        .getAsString();
    }
}
