package keybot.bot.slack;

import com.slack.api.methods.MethodsClient;
import keybot.approvals.Effect;
import keybot.approvals.KeyRequest;
import keybot.approvals.Notifier;
import keybot.approvals.Policy;
import keybot.approvals.Secret;
import keybot.approvals.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Notifier} in Slack, and the one place that turns a request into Slack calls: each effect a change owes
 * becomes the approval message posted or updated, a reply in its thread, a direct message to the requester, or App
 * Home redrawn; and the secret goes to the requester in one direct message.
 */
public final class SlackNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger(SlackNotifier.class);

    private final ApprovalChannel channel;
    private final DirectMessages dms;
    private final HomeRefresh home;
    private final Policy policy;

    /**
     * @param defaultChannel where requests go whose project has no approvals channel of its own
     * @param workspaceUrl   the workspace's address as {@code auth.test} gives it
     */
    public SlackNotifier(
            MethodsClient slack,
            Policy policy,
            String defaultChannel,
            String workspaceUrl,
            DirectMessages dms,
            HomeRefresh home) {
        this.channel = new ApprovalChannel(slack, defaultChannel, workspaceUrl);
        this.policy = policy;
        this.dms = dms;
        this.home = home;
    }

    @Override
    public Outcome perform(KeyRequest r, Effect effect) {
        return switch (effect.kind()) {
            case POST_REQUEST -> {
                home.changed(r);
                var posted = logged(r, "posting to the approvals channel " + channel.of(r), channel.post(r));
                yield posted.ok() ? Outcome.posted(posted.response().get()) : outcome(posted);
            }
            case UPDATE_MESSAGE -> {
                home.changed(r);
                yield r.message().isEmpty()
                        ? Outcome.DONE
                        : outcome(logged(
                                r,
                                "updating the approval message",
                                channel.update(r, r.message().get())));
            }
            case TELL_REQUESTER -> tellRequester(r);
            case THREAD_REVIEW -> reply(r, "replying a review", ApprovalMessage.review(r, effect.about()));
            case THREAD_REMINDER ->
                r.state() != State.PENDING
                        ? Outcome.DONE
                        : reply(r, "reminding the approvers", ApprovalMessage.reminder(r, policy.approversOf(r)));
        };
    }

    /** A reply under the approval message, so the channel stays readable; none while there is no message. */
    private Outcome reply(KeyRequest r, String what, String text) {
        return r.message().isEmpty()
                ? Outcome.DONE
                : outcome(logged(r, what, channel.reply(r.message().get(), text)));
    }

    private Outcome tellRequester(KeyRequest r) {
        String text = RequesterMessages.status(r, channel.of(r));
        var dm = logged(
                r,
                "opening a direct message with " + r.ask().requester(),
                dms.channelWith(r.ask().requester()));
        if (!dm.ok()) {
            return outcome(dm);
        }
        return outcome(logged(
                r,
                "messaging the requester",
                dms.post(
                        r.ask().requester(),
                        dm.response().get(),
                        m -> m.text(text).blocks(RequesterMessages.blocks(r, text)))));
    }

    @Override
    public void deliverSecret(KeyRequest r, Secret secret) {
        var dm = logged(
                r,
                "opening a direct message with " + r.ask().requester(),
                dms.channelWith(r.ask().requester()));
        if (!dm.ok()) {
            throw failure(
                    dm, "Slack could not open a direct message with " + r.ask().requester());
        }
        var sent = logged(
                r,
                "sending the key",
                dms.post(
                        r.ask().requester(),
                        dm.response().get(),
                        m -> m.text(RequesterMessages.secret(r, secret.reveal()))));
        if (!sent.ok()) {
            throw failure(sent, "Slack did not take the direct message");
        }
    }

    private static Outcome outcome(SlackCall.Outcome<?> call) {
        if (call.ok()) {
            return Outcome.DONE;
        }
        return call.isTransient() ? Outcome.passing(call.error(), call.retryAfter()) : Outcome.refused(call.error());
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
