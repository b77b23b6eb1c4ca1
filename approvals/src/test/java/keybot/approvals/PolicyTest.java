package keybot.approvals;

import static keybot.approvals.Fixtures.ALICE;
import static keybot.approvals.Fixtures.BOB;
import static keybot.approvals.Fixtures.CLOCK;
import static keybot.approvals.Fixtures.NOW;
import static keybot.approvals.Fixtures.REF;
import static keybot.approvals.Fixtures.REQUESTER;
import static keybot.approvals.Fixtures.STRANGER;
import static keybot.approvals.Fixtures.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyTest {

    private static final String DAVE = "U0DAVE";
    private static final String ERIN = "U0ERIN";
    private static final String LEADS = "S0LEADS";

    /** One user group, the leads: Dave and Erin. Any other group cannot be looked up. */
    private static final Groups GROUPS =
            group -> Optional.ofNullable(Map.of(LEADS, Set.of(DAVE, ERIN)).get(group))
                    .orElseThrow(() -> new Groups.GroupLookupFailure(group, "no such group"));

    private final InMemoryRequestStore store = new InMemoryRequestStore();

    /** Billing as the policy has it at some moment: its approvers and groups, approvals required, self-approval. */
    private static Project billing(Set<String> approvers, Set<String> groups, int required, boolean self) {
        return new Project(
                "billing",
                REF,
                approvers,
                groups,
                required,
                self,
                Set.of(),
                Set.of(),
                null,
                Project.DEFAULT_PENDING_TTL,
                Project.DEFAULT_REMIND_AFTER,
                null);
    }

    private static Project billing(String... approvers) {
        return billing(Set.of(approvers), Set.of(), 1, false);
    }

    private static Policy policyOf(Project... projects) {
        return new Policy(List.of(projects), GROUPS);
    }

    /** Carol's request, submitted while billing was as given. */
    private static KeyRequest submittedUnder(Project project) {
        return submittedUnder(project, REQUESTER);
    }

    private static KeyRequest submittedUnder(Project project, String requester) {
        return Submission.of(draft(requester, "billing_worker"), project, NOW).asRequest(1);
    }

    private static Refusal.Reason refusal(Policy policy, KeyRequest request, String user) {
        return assertThrows(Refusal.class, () -> policy.checkMayDecide(request, user))
                .reason();
    }

    // --- who may decide ---

    @Test
    void anApproverTheRulesNameAndThePolicyStillListsMayDecide() {
        // given
        var request = submittedUnder(billing(ALICE, BOB));
        var policy = policyOf(billing(ALICE, BOB));

        // when
        policy.checkMayDecide(request, ALICE);

        // then no refusal, and the same for the yes-or-no question
        assertTrue(policy.mayDecide(request, ALICE));
        assertTrue(policy.mayDecide(request, BOB));
    }

    @Test
    void someoneAddedToThePolicyAfterTheSubmissionMayNotDecideTheRequest() {
        // given
        var request = submittedUnder(billing(ALICE, BOB));
        var later = policyOf(billing(ALICE, BOB, STRANGER));

        // when
        var reason = refusal(later, request, STRANGER);

        // then
        assertEquals(Refusal.Reason.NOT_AN_APPROVER, reason);
        assertFalse(later.mayDecide(request, STRANGER));
    }

    @Test
    void someoneTakenOffThePolicysApproversMayNoLongerDecideARequestSubmittedBefore() {
        // given
        var request = submittedUnder(billing(ALICE, BOB));
        var later = policyOf(billing(BOB));

        // when
        var reason = refusal(later, request, ALICE);

        // then
        assertEquals(Refusal.Reason.NOT_AN_APPROVER, reason);
        assertFalse(later.mayDecide(request, ALICE));
        later.checkMayDecide(request, BOB);
    }

    @Test
    void aRequestWhoseProjectLeftThePolicyMayBeDecidedByNobody() {
        // given
        var request = submittedUnder(billing(ALICE, BOB));
        var later = policyOf();

        // when / then
        assertEquals(Refusal.Reason.NOT_AN_APPROVER, refusal(later, request, ALICE));
        assertEquals(Refusal.Reason.NOT_AN_APPROVER, refusal(later, request, BOB));
        assertEquals(Set.of(), later.approversOf(request));
    }

    @Test
    void aMemberOfAGroupTheRulesNameMayDecideWhileThePolicyStillNamesTheGroup() {
        // given
        var byGroup = billing(Set.of(ALICE), Set.of(LEADS), 1, false);
        var request = submittedUnder(byGroup);

        // when
        var stillListed = policyOf(byGroup);
        var groupDropped = policyOf(billing(ALICE));

        // then
        stillListed.checkMayDecide(request, DAVE);
        assertEquals(Refusal.Reason.NOT_AN_APPROVER, refusal(groupDropped, request, DAVE));
        assertEquals(Refusal.Reason.NOT_AN_APPROVER, refusal(stillListed, request, STRANGER));
    }

    @Test
    void aGroupThatCannotBeLookedUpGrantsNothing() {
        // given
        var byUnknownGroup = billing(Set.of(ALICE), Set.of("S0GONE"), 1, false);
        var request = submittedUnder(byUnknownGroup);
        var policy = policyOf(byUnknownGroup);

        // when / then
        assertEquals(Refusal.Reason.NOT_AN_APPROVER, refusal(policy, request, DAVE));
        policy.checkMayDecide(request, ALICE);
    }

    // --- self-approval ---

    @Test
    void nobodyDecidesTheirOwnRequestUnlessTheRulesAllowIt() {
        // given Alice, an approver, asks; and Carol, who approves nothing
        var project = billing(ALICE, BOB);
        var policy = policyOf(project);

        // when / then
        assertEquals(Refusal.Reason.OWN_REQUEST, refusal(policy, submittedUnder(project, ALICE), ALICE));
        assertEquals(Refusal.Reason.OWN_REQUEST, refusal(policy, submittedUnder(project), REQUESTER));
    }

    @Test
    void selfApprovalTheRulesAllowedStaysAllowedAfterThePolicyForbidsIt() {
        // given
        var request = submittedUnder(billing(Set.of(ALICE, BOB), Set.of(), 1, true), ALICE);
        var later = policyOf(billing(Set.of(ALICE, BOB), Set.of(), 1, false));

        // when
        later.checkMayDecide(request, ALICE);

        // then no refusal
        assertTrue(request.rules().allowSelfApproval());
    }

    @Test
    void selfApprovalTheRulesForbadeStaysForbiddenAfterThePolicyAllowsIt() {
        // given
        var request = submittedUnder(billing(Set.of(ALICE, BOB), Set.of(), 1, false), ALICE);
        var later = policyOf(billing(Set.of(ALICE, BOB), Set.of(), 1, true));

        // when
        var reason = refusal(later, request, ALICE);

        // then
        assertEquals(Refusal.Reason.OWN_REQUEST, reason);
    }

    @Test
    void selfApprovalStillTakesAnApproverThePolicyLists() {
        // given Alice may approve her own request, but was taken off billing since
        var request = submittedUnder(billing(Set.of(ALICE, BOB), Set.of(), 1, true), ALICE);
        var later = policyOf(billing(Set.of(BOB), Set.of(), 1, true));

        // when
        var reason = refusal(later, request, ALICE);

        // then
        assertEquals(Refusal.Reason.NOT_AN_APPROVER, reason);
    }

    // --- how many approvals ---

    /** The requests of one store, under a policy where billing takes {@code required} approvals from Alice and Bob. */
    private KeyRequests requestsWhereBillingTakes(int required) {
        return new KeyRequests(store, policyOf(billing(Set.of(ALICE, BOB), Set.of(), required, false)), CLOCK);
    }

    @Test
    void theNumberOfApprovalsIsTheRulesEvenAfterThePolicyLowersIt() {
        // given a request submitted when billing took two approvals; billing now takes one
        long id = requestsWhereBillingTakes(2).submit(draft()).id();
        var later = requestsWhereBillingTakes(1);

        // when
        var afterOne = later.approve(id, ALICE);
        var afterTwo = later.approve(id, BOB);

        // then
        assertEquals(State.PENDING, afterOne.state());
        assertEquals("1 of 2 approvals", afterOne.progress());
        assertEquals(State.APPROVED, afterTwo.state());
    }

    @Test
    void theNumberOfApprovalsIsTheRulesEvenAfterThePolicyRaisesIt() {
        // given a request submitted when billing took one approval; billing now takes two
        long id = requestsWhereBillingTakes(1).submit(draft()).id();
        var later = requestsWhereBillingTakes(2);

        // when
        var approved = later.approve(id, ALICE);

        // then
        assertEquals(State.APPROVED, approved.state());
    }

    // --- who is reached ---

    @Test
    void theApproversOfARequestAreThoseItsRulesNameThatThePolicyStillLists() {
        // given rules naming Alice, Bob and the leads; the policy now drops Bob and adds Mallory
        var request = submittedUnder(billing(Set.of(ALICE, BOB), Set.of(LEADS), 1, false));
        var later = policyOf(billing(Set.of(ALICE, STRANGER), Set.of(LEADS), 1, false));

        // when
        var approvers = later.approversOf(request);

        // then
        assertEquals(Set.of(ALICE, DAVE, ERIN), approvers);
    }

    @Test
    void theListedApproversAreReachedWhenTheirGroupCannotBeLookedUp() {
        // given
        var project = billing(Set.of(ALICE, BOB), Set.of("S0GONE"), 1, false);
        var request = submittedUnder(project);

        // when
        var approvers = policyOf(project).approversOf(request);

        // then
        assertEquals(Set.of(ALICE, BOB), approvers);
    }
}
