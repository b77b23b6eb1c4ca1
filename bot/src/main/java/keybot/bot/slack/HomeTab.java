package keybot.bot.slack;

import com.slack.api.methods.MethodsClient;
import keybot.approvals.HistoryQuery;
import keybot.approvals.KeyRequests;
import keybot.approvals.Policy;

/** Publishes a person's App Home: their requests and, for approvers, what waits for them and what happened. */
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
}
