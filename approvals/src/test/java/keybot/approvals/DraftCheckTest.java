package keybot.approvals;

import static keybot.approvals.Fixtures.POLICY;
import static keybot.approvals.Fixtures.REF;
import static keybot.approvals.Fixtures.REQUESTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DraftCheckTest {

    private static final String REASON = "The billing worker writes invoices.";

    private static Map<Field, String> problemsOf(String projectRef, String keyName, String reason, String description) {
        return DraftCheck.problems(new Draft(REQUESTER, projectRef, keyName, reason, description), POLICY);
    }

    @Test
    void aGoodDraftHasNoProblems() {
        // when / then
        assertEquals(Map.of(), problemsOf(REF, "billing_worker", REASON, "nightly job"));
        assertEquals(Map.of(), problemsOf(REF, "billing_worker", REASON, null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "abcd",
                "_abc",
                "billing_worker",
                "ci_secret_key",
                "key2",
                "____",
                "abcdefghijklmnopqrstuvwxyz_0123456789_abcdefghijklmnopqrstuvwxyz" // 64
            })
    void keyNamesSupabaseAcceptsPass(String name) {
        // when / then
        assertEquals(Optional.empty(), DraftCheck.keyNameProblem(name), name);
        assertEquals(Map.of(), problemsOf(REF, name, REASON, null));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "abc", // too short
                "abcdefghijklmnopqrstuvwxyz_0123456789_abcdefghijklmnopqrstuvwxyz0", // 65: too long
                "Billing", // uppercase
                "billing-worker", // hyphen
                "billing worker", // space
                "1abc", // starts with a digit
                "anon", // taken
                "service_role", // taken
                "billing_worker\n", // trailing newline
                "bïlling" // not ASCII
            })
    void keyNamesSupabaseRejectsAreExplained(String name) {
        // when
        var problems = problemsOf(REF, name, REASON, null);

        // then
        assertEquals(Optional.of(DraftCheck.KEY_NAME_RULE), DraftCheck.keyNameProblem(name));
        assertEquals(Map.of(Field.KEY_NAME, DraftCheck.KEY_NAME_RULE), problems);
    }

    @Test
    void theLengthLimitsAreTheOnesSupabaseDocuments() {
        // when / then
        assertEquals(64, "abcdefghijklmnopqrstuvwxyz_0123456789_abcdefghijklmnopqrstuvwxyz".length());
        assertEquals(4, DraftCheck.KEY_NAME_MIN);
        assertEquals(64, DraftCheck.KEY_NAME_MAX);
        assertEquals(Optional.empty(), DraftCheck.keyNameProblem("a".repeat(64)));
        assertTrue(DraftCheck.keyNameProblem("a".repeat(65)).isPresent());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"zyxwvutsrqponmlkjihg", "ABCDEFGHIJKLMNOPQRST"})
    void aProjectNotInThePolicyIsRefused(String projectRef) {
        // when
        var problems = problemsOf(projectRef, "billing_worker", REASON, null);

        // then
        assertEquals(Map.of(Field.PROJECT, "Choose one of the listed projects."), problems);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void aBlankReasonIsRefused(String reason) {
        // when
        var problems = problemsOf(REF, "billing_worker", reason, null);

        // then
        assertEquals(Set.of(Field.REASON), problems.keySet());
        assertTrue(problems.get(Field.REASON).contains("why"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 999, 1000})
    void aReasonUpToTheLimitIsAccepted(int length) {
        // when / then
        assertEquals(Map.of(), problemsOf(REF, "billing_worker", "r".repeat(length), null));
    }

    @Test
    void aReasonOverTheLimitIsRefused() {
        // when
        var problems = problemsOf(REF, "billing_worker", "r".repeat(1001), null);

        // then
        assertEquals(Map.of(Field.REASON, "Keep the reason to 1000 characters."), problems);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 200})
    void aDescriptionUpToTheLimitIsAccepted(int length) {
        // when / then
        assertEquals(Map.of(), problemsOf(REF, "billing_worker", REASON, "d".repeat(length)));
    }

    @Test
    void aDescriptionOverTheLimitIsRefused() {
        // when
        var problems = problemsOf(REF, "billing_worker", REASON, "d".repeat(201));

        // then
        assertEquals(Map.of(Field.DESCRIPTION, "Keep the description to 200 characters."), problems);
    }

    @Test
    void everyProblemIsReportedTogether() {
        // given a draft wrong in every field
        var draft = new Draft(REQUESTER, "nope", "Billing-Worker", " ", "d".repeat(201));

        // when
        var problems = DraftCheck.problems(draft, POLICY);

        // then
        assertEquals(Set.of(Field.PROJECT, Field.KEY_NAME, Field.REASON, Field.DESCRIPTION), problems.keySet());
        problems.values().forEach(text -> assertTrue(!text.isBlank()));
    }
}
