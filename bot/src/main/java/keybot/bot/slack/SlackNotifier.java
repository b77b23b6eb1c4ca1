package keybot.bot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import keybot.approvals.KeyRequest;
import keybot.approvals.Notifier;
import keybot.approvals.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Notifier} in Slack: the approval message in the channel, and direct messages to the requester. */
public final class SlackNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger(SlackNotifier.class);

    private final MethodsClient slack;
    private final String approvalsChannel;

    public SlackNotifier(MethodsClient slack, String approvalsChannel) {
        this.slack = slack;
        this.approvalsChannel = approvalsChannel;
    }

    @Override
    public Optional<KeyRequest.MessageRef> postForApproval(KeyRequest r) {
        var posted = call(r, "posting to the approvals channel " + approvalsChannel,
                () -> slack.chatPostMessage(m -> m.channel(approvalsChannel)
                        .text(ApprovalMessage.fallback(r)).blocks(ApprovalMessage.blocks(r))));
        return posted.map(p -> new KeyRequest.MessageRef(p.getChannel(), p.getTs()));
    }

    @Override
    public void refreshApproval(KeyRequest r) {
        r.message().ifPresent(m -> call(r, "updating the approval message",
                () -> slack.chatUpdate(u -> u.channel(m.channel()).ts(m.ts())
                        .text(ApprovalMessage.fallback(r)).blocks(ApprovalMessage.blocks(r)))));
    }

    @Override
    public void tellRequester(KeyRequest r) {
        openDm(r).ifPresent(dm -> call(r, "messaging the requester",
                () -> slack.chatPostMessage(m -> m.channel(dm).text(RequesterMessages.status(r, approvalsChannel)))));
    }

    @Override
    public void deliverSecret(KeyRequest r, Secret secret) {
        String dm = openDm(r).orElseThrow(() -> new DeliveryFailure("Slack could not open a direct message", null));
        try {
            var sent = slack.chatPostMessage(m -> m.channel(dm).text(RequesterMessages.secret(r, secret.reveal())));
            if (!sent.isOk()) {
                throw new DeliveryFailure("Slack answered " + sent.getError(), null);
            }
        } catch (IOException | SlackApiException e) {
            // never pass the exception on: its message may echo the request, and the request holds the secret
            throw new DeliveryFailure("Slack could not be reached (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    private Optional<String> openDm(KeyRequest r) {
        return call(r, "opening a direct message with " + r.requester(),
                () -> slack.conversationsOpen(c -> c.users(List.of(r.requester()))))
                .map(opened -> opened.getChannel().getId());
    }

    private interface SlackCall<T extends SlackApiTextResponse> {
        T call() throws IOException, SlackApiException;
    }

    /** Makes a Slack call; a failure is logged with the request id and becomes an empty result. */
    private static <T extends SlackApiTextResponse> Optional<T> call(KeyRequest r, String what, SlackCall<T> call) {
        try {
            T response = call.call();
            if (response.isOk()) {
                return Optional.of(response);
            }
            log.warn("Request #{}: {} failed: Slack answered {}", r.id(), what, response.getError());
        } catch (IOException | SlackApiException e) {
            log.warn("Request #{}: {} failed: {}", r.id(), what, e.getClass().getSimpleName());
        }
        return Optional.empty();
    }
}
