package keybot.bot.slack;

import com.slack.api.methods.MethodsClient;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import keybot.approvals.KeyRequest;
import keybot.approvals.Notifier;
import keybot.approvals.Policy;
import keybot.approvals.Project;
import keybot.approvals.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Notifier} in Slack: the approval message in the channel, and direct messages to the requester. */
public final class SlackNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger(SlackNotifier.class);

    private final MethodsClient slack;
    private final Policy policy;
    private final String defaultChannel;
    private final String workspaceUrl;
    private final DirectMessages dms;
    private volatile Consumer<KeyRequest> changed = request -> { };

    /** @param workspaceUrl the workspace's address as {@code auth.test} gives it, ending in a slash */
    public SlackNotifier(MethodsClient slack, Policy policy, String defaultChannel, String workspaceUrl) {
        this.slack = slack;
        this.policy = policy;
        this.defaultChannel = defaultChannel;
        this.workspaceUrl = workspaceUrl.endsWith("/") ? workspaceUrl : workspaceUrl + "/";
        this.dms = new DirectMessages(slack);
    }

    /** Where the request's project wants its approvals. */
    private String channelOf(KeyRequest r) {
        return policy.project(r.projectRef()).flatMap(Project::channel).orElse(defaultChannel);
    }

    private int requiredFor(KeyRequest r) {
        return policy.project(r.projectRef()).map(Project::approvalsRequired).orElse(1);
    }

    /** Told of every request whose approval message was posted or brought up to date (App Home listens). */
    public void onChange(Consumer<KeyRequest> listener) {
        this.changed = listener;
    }

    @Override
    public Optional<KeyRequest.MessageRef> postForApproval(KeyRequest r) {
        String channel = channelOf(r);
        var posted = logged(r, "posting to the approvals channel " + channel,
                SlackCall.send(() -> slack.chatPostMessage(m -> m.channel(channel)
                        .text(ApprovalMessage.fallback(r)).blocks(ApprovalMessage.blocks(r, requiredFor(r))))));
        var ref = posted.response().map(p -> new KeyRequest.MessageRef(p.getChannel(), p.getTs(),
                permalink(p.getChannel(), p.getTs())));
        changed.accept(r);
        return ref;
    }

    /**
     * The message's link for the audit log, in the form {@code chat.getPermalink} answers with, built here from the
     * workspace's address rather than asked for: one Slack call less for every request.
     */
    private String permalink(String channel, String ts) {
        return workspaceUrl + "archives/" + channel + "/p" + ts.replace(".", "");
    }

    @Override
    public boolean refreshApproval(KeyRequest r) {
        if (r.message().isEmpty()) {
            changed.accept(r);
            return true;
        }
        KeyRequest.MessageRef m = r.message().get();
        var updated = logged(r, "updating the approval message", SlackCall.send(() -> slack.chatUpdate(u -> u
                .channel(m.channel()).ts(m.ts()).text(ApprovalMessage.fallback(r))
                .blocks(ApprovalMessage.blocks(r, requiredFor(r))))));
        changed.accept(r);
        return updated.ok() || !updated.isTransient();
    }

    @Override
    public void tellRequester(KeyRequest r) {
        String text = RequesterMessages.status(r, channelOf(r));
        openDm(r).response().ifPresent(dm -> toRequester(r, logged(r, "messaging the requester", SlackCall.send(() ->
                slack.chatPostMessage(m -> m.channel(dm).text(text)
                        .blocks(RequesterMessages.blocks(r, text)))))));
    }

    @Override
    public void reviewed(KeyRequest r, String reviewer) {
        thread(r, "review", ApprovalMessage.review(r, reviewer, requiredFor(r)));
    }

    @Override
    public void remind(KeyRequest r, Set<String> approvers) {
        thread(r, "reminding the approvers", ApprovalMessage.reminder(r, approvers));
    }

    /** A reply under the approval message, so the channel stays readable. */
    private void thread(KeyRequest r, String what, String text) {
        r.message().ifPresent(m -> logged(r, what, SlackCall.send(() -> slack.chatPostMessage(p -> p
                .channel(m.channel()).threadTs(m.ts()).text(text)))));
    }

    @Override
    public void deliverSecret(KeyRequest r, Secret secret) {
        var dm = openDm(r);
        if (!dm.ok()) {
            throw failure(dm, "Slack could not open a direct message with " + r.requester());
        }
        var sent = toRequester(r, logged(r, "sending the key", SlackCall.send(() -> slack.chatPostMessage(m -> m
                .channel(dm.response().get()).text(RequesterMessages.secret(r, secret.reveal()))))));
        if (!sent.ok()) {
            throw failure(sent, "Slack did not take the direct message");
        }
    }

    private SlackCall.Outcome<String> openDm(KeyRequest r) {
        return logged(r, "opening a direct message with " + r.requester(), dms.with(r.requester()));
    }

    /** A channel Slack refuses for good is not kept: the next message opens the conversation again. */
    private <T> SlackCall.Outcome<T> toRequester(KeyRequest r, SlackCall.Outcome<T> sent) {
        if (!sent.ok() && !sent.isTransient()) {
            dms.forget(r.requester());
        }
        return sent;
    }

    private static DeliveryFailure failure(SlackCall.Outcome<?> outcome, String what) {
        return new DeliveryFailure(what + " (" + outcome.error() + ")", outcome.retryAfter(), !outcome.isTransient());
    }

    /** A failure is logged with the request id: a warning if it may pass, an error if someone must act. */
    private static <T> SlackCall.Outcome<T> logged(KeyRequest r, String what, SlackCall.Outcome<T> outcome) {
        if (!outcome.ok() && outcome.isTransient()) {
            log.warn("Request #{}: {} failed for now: {}", r.id(), what, outcome.error());
        } else if (!outcome.ok()) {
            log.error("Request #{}: {} failed: Slack answered {}", r.id(), what, outcome.error());
        }
        return outcome;
    }
}
