package keybot.bot.slack;

import com.slack.api.methods.MethodsClient;
import keybot.approvals.HistoryQuery;
import keybot.approvals.KeyRequest;
import keybot.approvals.KeyRequests;
import keybot.approvals.Policy;
import keybot.approvals.Project;

/** Publishes App Home for a person, and again for everyone a changed request concerns. */
public final class HomeTab {

    static final int SHOWN = 10;

    private final MethodsClient slack;
    private final KeyRequests requests;
    private final Policy policy;

    public HomeTab(MethodsClient slack, KeyRequests requests, Policy policy) {
        this.slack = slack;
        this.requests = requests;
        this.policy = policy;
    }

    public void publish(String user) {
        boolean approver = policy.isAnyApprover(user);
        var view = HomeView.view(
                requests.history(user, HistoryQuery.newest(SHOWN).ofRequester(user)),
                approver ? requests.waitingFor(user, 20) : java.util.List.of(),
                approver ? requests.history(user, HistoryQuery.newest(SHOWN)) : java.util.List.of(),
                approver);
        SlackCall.send(() -> slack.viewsPublish(p -> p.userId(user).view(view)));
    }

    /** The requester and the project's approvers see the change on their next look at App Home. */
    public void refreshFor(KeyRequest request) {
        publish(request.requester());
        policy.project(request.projectRef()).map(Project::approvers).orElse(java.util.Set.of()).stream()
                .filter(a -> !a.equals(request.requester()))
                .forEach(this::publish);
    }
}
