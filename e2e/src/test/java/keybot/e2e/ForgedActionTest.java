package keybot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static keybot.e2e.KeybotFixture.APPROVER;
import static keybot.e2e.KeybotFixture.OTHER_APPROVER;
import static keybot.e2e.KeybotFixture.OUTSIDER;
import static keybot.e2e.KeybotFixture.REF;
import static keybot.e2e.KeybotFixture.REQUESTER;
import static keybot.e2e.KeybotFixture.STAGING_REF;
import static keybot.e2e.KeybotFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import keybot.approvals.KeyRequest;
import keybot.approvals.State;
import keybot.bot.slack.Ids;
import keybot.testkit.SlackPayloads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Clicks and forms forged by someone who may not act: Slack signed them, so they are well formed, but the user id
 * in the payload is the only authority, and it is not enough. Each is refused with a sentence and the database is
 * exactly as it was.
 */
class ForgedActionTest extends EndToEnd {

    /** The requests the forgeries aim at. */
    record Targets(KeyRequest pending, KeyRequest ownedByAnApprover, KeyRequest staging, KeyRequest failed) {}

    /** A forged body, given the targets and a response URL of the case's own. */
    interface Forgery extends java.util.function.BiFunction<Targets, String, String> {}

    static Targets targets;

    @BeforeAll
    static void requestsInEveryStateAForgeryCouldAimAt() {
        KeyRequest pending = keybot.submitted(REQUESTER, "forged_pending");
        KeyRequest own = keybot.submitted("USELFAPPROVER", "forged_own");
        KeyRequest staging = submittedFor("USTAGING", STAGING_REF, "forged_staging");
        // Supabase refuses the key once, so one request is FAILED and offers Retry
        var refuse = keybot.supabase.stubFor(post(urlEqualTo("/v1/projects/" + REF + "/api-keys"))
                .willReturn(aResponse().withStatus(403).withBody("{\"message\":\"forbidden\"}")));
        KeyRequest failing = keybot.submitted("UFAILED", "forged_failed");
        keybot.caller.post(
                SlackPayloads.buttonClick(APPROVER, Ids.APPROVE, String.valueOf(failing.id()), keybot.responseUrl()));
        await(() -> keybot.reload(failing.id()).state() == State.FAILED, "the request to fail");
        keybot.supabase.removeStub(refuse);
        targets = new Targets(pending, own, staging, keybot.reload(failing.id()));
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(
                of(
                        "approve by someone who is no approver",
                        click(OUTSIDER, Ids.APPROVE, Targets::pending),
                        "not an approver of production"),
                of(
                        "deny by someone who is no approver",
                        click(OUTSIDER, Ids.DENY, Targets::pending),
                        "not an approver of production"),
                of(
                        "deny form by someone who is no approver",
                        denyForm(OUTSIDER, Targets::pending),
                        "not an approver of production"),
                of("approve by the requester", click(REQUESTER, Ids.APPROVE, Targets::pending), "your own request"),
                of(
                        "approve by an approver of their own request",
                        click("USELFAPPROVER", Ids.APPROVE, Targets::ownedByAnApprover),
                        "your own request"),
                of(
                        "deny form by an approver on their own request",
                        denyForm("USELFAPPROVER", Targets::ownedByAnApprover),
                        "your own request"),
                of(
                        "approve by an approver of another project",
                        click(OTHER_APPROVER, Ids.APPROVE, Targets::staging),
                        "not an approver of staging"),
                of(
                        "deny form by an approver of another project",
                        denyForm(OTHER_APPROVER, Targets::staging),
                        "not an approver of staging"),
                of(
                        "retry by someone who is no approver",
                        click(OUTSIDER, Ids.RETRY, Targets::failed),
                        "not an approver of production"),
                of("retry by the requester", click("UFAILED", Ids.RETRY, Targets::failed), "your own request"),
                of(
                        "retry of a request that did not fail",
                        click(APPROVER, Ids.RETRY, Targets::pending),
                        "nothing to retry"),
                of(
                        "cancel by someone else",
                        click(OUTSIDER, Ids.CANCEL, Targets::pending),
                        "Only the person who asked can cancel"),
                of(
                        "cancel by an approver",
                        click(APPROVER, Ids.CANCEL, Targets::pending),
                        "Only the person who asked can cancel"),
                of("cancel of a request that failed", click("UFAILED", Ids.CANCEL, Targets::failed), "already"),
                of("approve of a request that failed", click(OTHER_APPROVER, Ids.APPROVE, Targets::failed), "already"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void forgedActionIsRefusedWithASentenceAndChangesNothing(String name, Forgery forgery, String says) {
        // given
        String before = keybot.databaseDump();
        long log = TestLog.mark();
        String url = keybot.responseUrl("forged-" + Math.abs(name.hashCode()));
        // when
        HttpResponse<String> response = keybot.caller.post(forgery.apply(targets, url));
        // then
        assertEquals(200, response.statusCode(), response.body());
        String told = response.body().isEmpty() ? answerTo(url) : response.body();
        assertTrue(told.contains(says), told);
        assertEquals(before, keybot.databaseDump());
        assertEquals(List.of(), TestLog.errorsSince(log));
    }

    static Stream<Arguments> forgedProjects() {
        return Stream.of(
                Arguments.of("a ref keybot does not serve", "zzzzzzzzzzzzzzzzzzzz"),
                Arguments.of("a project's name instead of its ref", "production"),
                Arguments.of("a ref with a trailing space", REF + " "),
                Arguments.of("a ref in capitals", REF.toUpperCase()),
                Arguments.of("an empty ref", ""),
                Arguments.of("a ref with an injection", REF + "' OR '1'='1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedProjects")
    void requestForAProjectKeybotDoesNotServeIsRefusedAndNothingIsStored(String name, String ref) {
        // given
        String before = keybot.databaseDump();
        // when
        var response =
                keybot.caller.post(SlackPayloads.requestSubmission(REQUESTER, ref, "forged_project", "why", null));
        // then
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"project\":\"Choose one of the listed projects.\""), response.body());
        assertEquals(before, keybot.databaseDump());
    }

    private static Arguments of(String name, Forgery forgery, String says) {
        return Arguments.of(name, forgery, says);
    }

    private static Forgery click(String user, String action, Function<Targets, KeyRequest> target) {
        return (t, url) -> SlackPayloads.buttonClick(
                user, action, String.valueOf(target.apply(t).id()), url);
    }

    private static Forgery denyForm(String user, Function<Targets, KeyRequest> target) {
        return (t, url) -> SlackPayloads.denySubmission(
                user, String.valueOf(target.apply(t).id()), "forged");
    }

    private static String answerTo(String url) {
        await(() -> !keybot.answersTo(url).isEmpty(), "an answer to the clicker");
        List<String> answers = keybot.answersTo(url);
        return answers.get(0);
    }

    private static KeyRequest submittedFor(String requester, String ref, String keyName) {
        var response = keybot.caller.post(SlackPayloads.requestSubmission(requester, ref, keyName, "why", null));
        assertEquals("", response.body());
        long id =
                keybot.store.history(Optional.of(requester), 1).get(0).request().id();
        await(() -> keybot.reload(id).message().isPresent(), "request #" + id + " to be posted");
        return keybot.reload(id);
    }
}
