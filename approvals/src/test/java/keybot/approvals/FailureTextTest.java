package keybot.approvals;

import static keybot.approvals.Fixtures.BILLING;
import static keybot.approvals.Fixtures.NOW;
import static keybot.approvals.Fixtures.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class FailureTextTest {

    private final KeyRequest request = new InMemoryRequestStore().create(Submission.of(draft(), BILLING, NOW));

    @ParameterizedTest
    @MethodSource("keybot.approvals.FailureMentions#all")
    void eachFailureIsSaidInPlainWords(IssueFailure.Kind kind, String said, List<String> mentions) {
        // when
        String text = FailureText.of(new IssueFailure(kind, said), request);

        // then
        mentions.forEach(m -> assertTrue(text.contains(m), () -> "\"" + text + "\" should mention " + m));
        assertFalse(text.contains(kind.name()), text);
    }

    @ParameterizedTest
    @EnumSource(names = {"RATE_LIMITED", "UNAVAILABLE", "TIMEOUT"})
    void onlyPassingTroubleIsTransient(IssueFailure.Kind kind) {
        // when / then
        assertTrue(new IssueFailure(kind, "").isTransient());
    }

    @ParameterizedTest
    @EnumSource(names = {"NAME_REJECTED", "NOT_PERMITTED", "NOT_FOUND", "BAD_RESPONSE"})
    void aRefusalIsNotTransient(IssueFailure.Kind kind) {
        // when / then
        assertFalse(new IssueFailure(kind, "").isTransient());
    }

    @Test
    void givingUpSaysHowOftenKeybotTriedAndOffersRetry() {
        // when
        String text = FailureText.gaveUp(new IssueFailure(IssueFailure.Kind.TIMEOUT, ""), request, 4);

        // then
        assertTrue(text.contains("tried 4 times"), text);
        assertTrue(text.contains("Retry"), text);
    }

    @Test
    void waitingSaysKeybotTriesAgainByItself() {
        // when
        String text = FailureText.waiting(new IssueFailure(IssueFailure.Kind.UNAVAILABLE, "HTTP 502"), request);

        // then
        assertTrue(text.contains("HTTP 502"), text);
        assertTrue(text.contains("try again by itself"), text);
    }

    @Test
    void anUndeliveredKeySaysWhetherAnAdminMustAct() {
        // when
        String passing = FailureText.undelivered("ratelimited", false);
        String lasting = FailureText.undelivered("account_inactive", true);
        String unsaid = FailureText.undelivered(null, false);

        // then
        assertTrue(passing.contains("ratelimited") && passing.contains("try again by itself"), passing);
        assertFalse(passing.contains("admin"), passing);
        assertTrue(lasting.contains("account_inactive") && lasting.contains("admin"), lasting);
        assertTrue(unsaid.contains("no reason given"), unsaid);
    }

    @Test
    void whatTheOtherSideSaidIsClipped() {
        // when
        String text = FailureText.of(new IssueFailure(IssueFailure.Kind.BAD_RESPONSE, "x".repeat(1000)), request);

        // then
        assertTrue(text.contains("x".repeat(300) + "…"), text);
        assertFalse(text.contains("x".repeat(301)), text);
    }

    @Test
    void anUnexpectedErrorNamesOnlyItsKind() {
        // when
        String text = FailureText.unexpected(new IllegalStateException("boom at /internal/path"));

        // then
        assertTrue(text.contains("IllegalStateException"), text);
        assertFalse(text.contains("/internal/path"), text);
    }

    @Test
    void aRefusedMessageSaysWhatCouldNotBeDoneAndWhatSlackAnswered() {
        // when
        String text = FailureText.messageRefused(Effect.POST_REQUEST, "not_in_channel");

        // then
        assertEquals("The request could not be posted for its approvers: Slack answered not_in_channel.", text);
    }

    @Test
    void aMessageGivenUpOnSaysSlackKeptFailingAndHowOftenKeybotTried() {
        // when
        String text = FailureText.messageGaveUp(Effect.UPDATE_MESSAGE, "ratelimited", 6);

        // then
        assertEquals(
                "The approval message could not be brought up to date: Slack kept failing (ratelimited);"
                        + " keybot tried 6 times.",
                text);
    }

    @Test
    void eachKindOfMessageIsNamedInItsOwnWordsAndAMissingReasonIsSaidSo() {
        // when
        Set<String> texts = Stream.of(Effect.Kind.values())
                .map(kind -> new Effect(kind, Fixtures.ALICE))
                .map(effect -> FailureText.messageRefused(effect, null))
                .collect(Collectors.toSet());

        // then
        assertEquals(Effect.Kind.values().length, texts.size(), texts.toString());
        texts.forEach(text -> assertTrue(text.endsWith("Slack answered no reason given."), text));
    }
}
