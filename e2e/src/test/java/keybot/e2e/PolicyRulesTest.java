package keybot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static keybot.e2e.KeybotFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import keybot.approvals.KeyRequest;
import keybot.approvals.State;
import keybot.bot.slack.Ids;
import keybot.testkit.SlackPayloads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each rule of the policy file, as people in Slack meet it, and the timers of a pending request. */
class PolicyRulesTest {

    static final String PROD = "abcdefghijklmnopqrst";
    static final String TEAM = "teamprojectrefabcdef";
    static final String OPEN = "openprojectrefabcdef";
    static final String POLICY = """
            approvals_channel: C0APPROVALS
            projects:
              - name: production
                ref: abcdefghijklmnopqrst
                approvers: [UADMIN1, UADMIN2, UADMIN3]
                approvals_required: 2
                requesters: [USTEVE, S0BACKEND]
                reason_prompt: Which service, and where will the key live?
                approvals_channel: C0PRODKEYS
                pending_ttl: 2h
                remind_after: 30m
              - name: team
                ref: teamprojectrefabcdef
                approvers: [UTEAMLEAD]
                approver_groups: [S0SECOPS]
                allow_self_approval: true
              - name: open
                ref: openprojectrefabcdef
                approvers: [UADMIN1]
            """;

    static MovableClock clock = new MovableClock();
    static KeybotFixture keybot;

    @BeforeAll
    static void start() throws Exception {
        keybot = new KeybotFixture(true, POLICY, clock);
        keybot.slack.stubFor(post(urlEqualTo("/api/usergroups.users.list"))
                .withRequestBody(containing("S0SECOPS"))
                .willReturn(okJson("{\"ok\":true,\"users\":[\"UGROUPIE\"]}")));
        keybot.slack.stubFor(post(urlEqualTo("/api/usergroups.users.list"))
                .withRequestBody(containing("S0BACKEND"))
                .willReturn(okJson("{\"ok\":true,\"users\":[\"UBACKENDDEV\"]}")));
    }

    @AfterAll
    static void stop() throws Exception {
        keybot.closeCheckingLeaks();
    }

    @Test
    void formOffersOnlyTheProjectsThePersonMayRequestAndAForgedOneIsRefused() {
        // when someone outside production's requesters opens the form
        keybot.caller.post(SlackPayloads.command("/request-key", "UOUTSIDE", "", keybot.responseUrl()));
        String view = lastView();
        // then
        assertFalse(view.contains(PROD), "production is not offered");
        assertTrue(view.contains(TEAM) && view.contains(OPEN));
        // when they submit production anyway
        var ack = keybot.caller.post(SlackPayloads.requestSubmission("UOUTSIDE", PROD, "forged_key", "why", null));
        // then
        var errors = JsonParser.parseString(ack.body()).getAsJsonObject().getAsJsonObject("errors");
        assertTrue(errors.get(Ids.PROJECT).getAsString().startsWith("You may not request keys for production"));
        assertTrue(keybot.store.history(Optional.of("UOUTSIDE"), 10).isEmpty(), "nothing stored");
    }

    @Test
    void aRequesterGroupMemberGetsTheProjectAndItsOwnPrompt() {
        keybot.caller.post(SlackPayloads.command("/request-key", "UBACKENDDEV", "", keybot.responseUrl()));
        String view = lastView();
        assertTrue(view.contains(PROD), view);
        keybot.caller.post(SlackPayloads.command("/request-key", "USTEVE", "", keybot.responseUrl()));
        assertTrue(lastView().contains(PROD));
    }

    @Test
    void twoDistinctApprovalsAreNeededAndEachIsRepliedInTheThread() {
        // given a production request, posted in production's own channel
        KeyRequest request = submit("USTEVE", PROD, "two_approvals");
        assertTrue(
                keybot.slackCalls("chat.postMessage").stream()
                        .map(KeybotFixture::form)
                        .anyMatch(f -> "C0PRODKEYS".equals(f.get("channel"))
                                && f.getOrDefault("text", "").startsWith("Key request #" + request.id() + ":")),
                "posted in production's own channel");
        keybot.supabaseCreates("12121212-1212-4121-8121-121212121212", "sb_secret_TwOoFtHrEeKlMnOpQrStUvWxYz0123");
        String answers = keybot.responseUrl("two");
        // when the first approver approves, twice
        click("UADMIN1", Ids.APPROVE, request, answers);
        click("UADMIN1", Ids.APPROVE, request, answers);
        // then one approval counts and the message shows the progress
        keybot.awaitMessageShowing(request.id(), "1 of 2 approvals: <@UADMIN1>", "progress on the message");
        await(() -> !keybot.answersTo(answers).isEmpty(), "the second click answered");
        assertTrue(keybot.answersTo(answers).get(0).startsWith("You already approved"));
        assertEquals(State.PENDING, keybot.reload(request.id()).state());
        // when a second approver approves
        click("UADMIN2", Ids.APPROVE, request, answers);
        // then
        await(() -> keybot.reload(request.id()).state() == State.DELIVERED, "the delivery");
        await(() -> threadReplies(request).size() == 2, "a thread reply per review");
        assertTrue(threadReplies(request).get(0).contains("<@UADMIN1> approved (1 of 2 approvals"));
        assertTrue(threadReplies(request).get(1).contains("<@UADMIN2> approved"));
    }

    @Test
    void oneDenyDeniesEvenAfterAnApproval() {
        KeyRequest request = submit("USTEVE", PROD, "one_deny");
        click("UADMIN1", Ids.APPROVE, request, keybot.responseUrl());
        await(() -> keybot.reload(request.id()).approvals().size() == 1, "the first approval");
        keybot.caller.post(SlackPayloads.denySubmission("UADMIN3", String.valueOf(request.id()), "not for prod"));
        assertEquals(State.DENIED, keybot.reload(request.id()).state());
        await(
                () -> threadReplies(request).stream().anyMatch(t -> t.contains("<@UADMIN3> denied: not for prod")),
                "the denial in the thread");
    }

    @Test
    void selfApprovalWhereAllowedAndGroupMembersApprove() {
        // given team allows self-approval; UTEAMLEAD requests and approves their own request
        keybot.supabaseCreates("34343434-3434-4343-8343-343434343434", "sb_secret_SeLfApPrOvEdOpQrStUvWxYz01234");
        KeyRequest own = submitTo("UTEAMLEAD", TEAM, "self_approved");
        click("UTEAMLEAD", Ids.APPROVE, own, keybot.responseUrl());
        await(() -> keybot.reload(own.id()).state() != State.PENDING, "the self-approval");
        assertEquals(
                "UTEAMLEAD", keybot.reload(own.id()).decided().orElseThrow().by());
        // and a member of the approver group approves someone else's
        KeyRequest other = submitTo("UDEV", TEAM, "group_approved");
        click("UGROUPIE", Ids.APPROVE, other, keybot.responseUrl());
        await(() -> keybot.reload(other.id()).state() != State.PENDING, "the group member's approval");
    }

    @Test
    void anApproverByGroupWhoLooksAtAppHomeSeesANewRequestThere() {
        // given a member of team's approver group who has App Home open
        assertEquals(
                200,
                keybot.caller
                        .postEvent(SlackPayloads.homeOpened("UGROUPIE"), Map.of())
                        .statusCode());
        // when a request for team comes in
        submitTo("UDEV", TEAM, "group_home");
        // then their App Home is republished with it
        await(
                () -> keybot.slackCalls("views.publish").stream()
                        .map(KeybotFixture::form)
                        .anyMatch(f -> "UGROUPIE".equals(f.get("user_id"))
                                && f.getOrDefault("view", "").contains("group_home")),
                "the group approver's App Home to show the request");
    }

    @Test
    void aGroupThatCannotBeLookedUpGrantsNothing() {
        // given Slack fails to list the group's members
        var failing = keybot.slack.stubFor(post(urlEqualTo("/api/usergroups.users.list"))
                .atPriority(1)
                .willReturn(okJson("{\"ok\":false,\"error\":\"missing_scope\"}")));
        try {
            KeyRequest request = submitTo("UDEV2", TEAM, "lookup_failed");
            String answers = keybot.responseUrl("lookup");
            // when a group member approves while the lookup fails (the cache is empty for a new group member)
            click("UNEWGROUPIE", Ids.APPROVE, request, answers);
            // then
            await(() -> !keybot.answersTo(answers).isEmpty(), "an answer");
            assertTrue(keybot.answersTo(answers).get(0).contains("not an approver"));
            assertEquals(State.PENDING, keybot.reload(request.id()).state());
        } finally {
            keybot.slack.removeStub(failing);
        }
    }

    @Test
    void theRequesterCanCancelAPendingRequestAndNobodyElseCan() {
        KeyRequest request = submitTo("UCANCELLER", OPEN, "cancelled_key");
        String answers = keybot.responseUrl("cancel");
        click("UADMIN1", Ids.CANCEL, request, answers);
        await(() -> !keybot.answersTo(answers).isEmpty(), "the refusal");
        assertTrue(keybot.answersTo(answers).get(0).startsWith("Only the person who asked can cancel"));
        click("UCANCELLER", Ids.CANCEL, request, keybot.responseUrl());
        assertEquals(State.CANCELLED, keybot.reload(request.id()).state());
        keybot.awaitMessageShowing(request.id(), "Cancelled", "the message updated");
        assertFalse(
                KeybotFixture.blocks(keybot.lastUpdateOf(request.id()).get()).contains("\"approve\""));
        keybot.awaitDm(request.id(), "was cancelled", "the requester told");
    }

    @Test
    void pendingRequestIsRemindedThenExpires() {
        // given a production request (remind after 30m, expire after 2h)
        KeyRequest request = submit("USTEVE", PROD, "forgotten_key");
        // when 31 minutes pass
        clock.forward(Duration.ofMinutes(31));
        // then the approvers are reminded in the thread
        await(() -> threadReplies(request).stream().anyMatch(t -> t.contains("still waiting")), "a reminder");
        String reminder = threadReplies(request).stream()
                .filter(t -> t.contains("still waiting"))
                .findFirst()
                .get();
        assertTrue(reminder.contains("<@UADMIN1>") && reminder.contains("<@UADMIN2>"), reminder);
        // when two hours have passed
        clock.forward(Duration.ofMinutes(90));
        // then it expires: message without buttons, requester told
        await(() -> keybot.reload(request.id()).state() == State.EXPIRED, "the expiry");
        keybot.awaitMessageShowing(request.id(), "Expired", "the message updated");
        keybot.awaitDm(request.id(), "expired", "the requester told");
    }

    private static KeyRequest submit(String requester, String ref, String keyName) {
        return submitTo(requester, ref, keyName);
    }

    private static KeyRequest submitTo(String requester, String ref, String keyName) {
        var ack = keybot.caller.post(SlackPayloads.requestSubmission(requester, ref, keyName, "needed", null));
        assertEquals("", ack.body(), ack.body());
        long id =
                keybot.store.history(Optional.of(requester), 1).get(0).request().id();
        await(() -> keybot.reload(id).message().isPresent(), "the request to be posted");
        return keybot.reload(id);
    }

    private static void click(String user, String action, KeyRequest request, String answers) {
        keybot.caller.post(SlackPayloads.buttonClick(user, action, String.valueOf(request.id()), answers));
    }

    private static String lastView() {
        var opened = keybot.slackCalls("views.open");
        return JsonParser.parseString(
                        KeybotFixture.form(opened.get(opened.size() - 1)).get("view"))
                .toString();
    }

    /** Replies under the request's approval message, oldest first. */
    private static List<String> threadReplies(KeyRequest request) {
        return keybot.slackCalls("chat.postMessage").stream()
                .map(KeybotFixture::form)
                .filter(f -> f.containsKey("thread_ts"))
                .map(f -> f.getOrDefault("text", ""))
                .filter(t -> t.contains("#" + request.id() + " ") || t.contains("approved") || t.contains("denied"))
                .filter(t -> !t.contains("still waiting") || t.contains("#" + request.id() + " "))
                .toList();
    }
}
