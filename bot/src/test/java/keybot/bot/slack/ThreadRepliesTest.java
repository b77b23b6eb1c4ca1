package keybot.bot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import keybot.approvals.Draft;
import keybot.approvals.KeyRequest;
import keybot.approvals.Project;
import keybot.approvals.Submission;
import keybot.approvals.Transition;
import org.junit.jupiter.api.Test;

/** What keybot replies under the approval message, for a request that takes two approvals of three approvers. */
class ThreadRepliesTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final Project TWO_OF_THREE = new Project(
            "production",
            TestRequests.REF,
            Set.of("UA", "UB", "UC"),
            Set.of(),
            2,
            false,
            Set.of(),
            Set.of(),
            null,
            Duration.ofHours(24),
            Duration.ofHours(4),
            null);

    private static KeyRequest pending() {
        return Submission.of(new Draft("USTEVE", TestRequests.REF, "two_approvals", "why", null), TWO_OF_THREE, T0)
                .asRequest(9);
    }

    @Test
    void theFirstApprovalShowsTheProgressSoFar() {
        // given
        KeyRequest once = Transition.approval(pending(), "UA", T0).after();
        // when
        String reply = ApprovalMessage.review(once, "UA");
        // then
        assertEquals(":ballot_box_with_check: <@UA> approved (1 of 2 approvals: <@UA>).", reply);
    }

    @Test
    void theApprovalThatCompletesTheNumberSaysTheKeyIsOnItsWay() {
        // given
        KeyRequest approved = Transition.approval(
                        Transition.approval(pending(), "UA", T0).after(), "UB", T0)
                .after();
        // when
        String first = ApprovalMessage.review(approved, "UA");
        String second = ApprovalMessage.review(approved, "UB");
        // then the first still reads as it did when it was counted
        assertEquals(":ballot_box_with_check: <@UA> approved (1 of 2 approvals: <@UA>).", first);
        assertEquals(":white_check_mark: <@UB> approved; that makes 2 approvals, so the key is on its way.", second);
    }

    @Test
    void aDenialAfterAnApprovalNamesTheDenierAndTheirReasonEscaped() {
        // given
        KeyRequest once = Transition.approval(pending(), "UA", T0).after();
        KeyRequest denied =
                Transition.denial(once, "UC", "not for <!channel> prod", T0).after();
        // when
        String reply = ApprovalMessage.review(denied, "UC");
        // then
        assertEquals(":no_entry: <@UC> denied: not for &lt;!channel&gt; prod", reply);
        assertEquals(
                ":ballot_box_with_check: <@UA> approved (1 of 2 approvals: <@UA>).",
                ApprovalMessage.review(denied, "UA"),
                "an earlier approval still reads as counted");
    }

    @Test
    void theMessageShowsTheProgressWhileTheRequestWaits() {
        // given
        KeyRequest once = Transition.approval(pending(), "UA", T0).after();
        // when
        String blocks = ApprovalMessage.blocks(once).toString();
        // then
        assertTrue(blocks.contains("1 of 2 approvals: <@UA>"), blocks);
    }

    @Test
    void aReminderMentionsTheApproversButNotTheRequesterInOrder() {
        // when
        String reminder = ApprovalMessage.reminder(pending(), Set.of("UC", "USTEVE", "UA"));
        // then
        assertEquals(":bell: Request #9 from <@USTEVE> is still waiting for a decision. <@UA> <@UC>", reminder);
    }
}
