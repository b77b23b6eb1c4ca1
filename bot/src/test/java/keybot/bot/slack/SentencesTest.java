package keybot.bot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import keybot.approvals.KeyRequest;
import keybot.approvals.KeyRequest.Decision;
import keybot.approvals.Refusal;
import keybot.approvals.Refusal.Reason;
import keybot.approvals.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SentencesTest {

    private static final Instant AT = Instant.parse("2024-05-01T09:05:00Z");

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyRefusalIsOnePlainSentence(Reason reason) {
        // given
        Refusal refusal = new Refusal(reason, request("production", State.DENIED));

        // when
        String sentence = Sentences.refusal(refusal);

        // then
        assertFalse(sentence.isBlank());
        assertTrue(Character.isUpperCase(sentence.charAt(0)), sentence);
        assertTrue(sentence.endsWith("."), sentence);
        assertFalse(sentence.contains(reason.name()), sentence);
        assertFalse(sentence.contains("Exception") || sentence.contains("null"), sentence);
        assertFalse(sentence.contains("\n"), sentence);
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyRefusalIsWordedEvenWithoutTheRequest(Reason reason) {
        // given
        Refusal refusal = new Refusal(reason, null);

        // when
        String sentence = Sentences.refusal(refusal);

        // then
        assertTrue(sentence.endsWith("."), sentence);
        assertFalse(sentence.contains("null"), sentence);
    }

    @Test
    void notFoundSaysItCannotBeFound() {
        assertTrue(Sentences.refusal(Refusal.notFound()).contains("cannot find"));
    }

    @ParameterizedTest
    @CsvSource({"DENIED, denied", "DELIVERED, approved", "APPROVED, approved", "FAILED, 'approved, then failed'"})
    void alreadyDecidedNamesWhoDecidedAndHow(State state, String verb) {
        // given
        Refusal refusal = new Refusal(Reason.ALREADY_DECIDED, request("production", state));

        // when
        String sentence = Sentences.refusal(refusal);

        // then
        assertEquals(
                "No need: request #42 was already decided by <@UADMIN1> (" + verb + "). Nothing was changed.",
                sentence);
    }

    @Test
    void ownRequestSaysItIsTheirOwn() {
        // when
        String sentence = Sentences.refusal(new Refusal(Reason.OWN_REQUEST, request("production", State.PENDING)));

        // then
        assertTrue(sentence.contains("your own request #42"), sentence);
    }

    @Test
    void notAnApproverNamesTheProject() {
        // when
        String sentence = Sentences.refusal(new Refusal(Reason.NOT_AN_APPROVER, request("production", State.PENDING)));

        // then
        assertTrue(sentence.contains("not an approver of production"), sentence);
        assertTrue(sentence.contains("request #42"), sentence);
    }

    @Test
    void notAnApproverEscapesAHostileProjectName() {
        // when
        String sentence =
                Sentences.refusal(new Refusal(Reason.NOT_AN_APPROVER, request("prod <!channel>", State.PENDING)));

        // then
        assertTrue(sentence.contains("prod &lt;!channel&gt;"), sentence);
        assertFalse(sentence.contains("<!channel>"), sentence);
    }

    @Test
    void unexpectedErrorIsAPlainApology() {
        // when
        String sentence = Sentences.unexpected();

        // then
        assertTrue(sentence.startsWith("Sorry"), sentence);
        assertTrue(sentence.contains("nothing was changed"), sentence);
    }

    private static KeyRequest request(String projectName, State state) {
        Decision decision = state == State.PENDING ? null : new Decision("UADMIN1", AT, null);
        return TestRequests.in(
                42,
                TestRequests.ask(projectName, "billing_worker", "Nightly billing job", null, AT),
                state,
                decision,
                null);
    }
}
