package keybot.bot.slack;

import com.slack.api.methods.MethodsClient;
import keybot.approvals.KeyRequest;

/** The approval message in its channel: posted once, brought up to date in place, replied to in its thread. */
final class ApprovalChannel {

    private final MethodsClient slack;
    private final String defaultChannel;
    private final String workspaceUrl;

    ApprovalChannel(MethodsClient slack, String defaultChannel, String workspaceUrl) {
        this.slack = slack;
        this.defaultChannel = defaultChannel;
        this.workspaceUrl = workspaceUrl.endsWith("/") ? workspaceUrl : workspaceUrl + "/";
    }

    /** Where the request is, or goes: where it was posted, else its rules' channel, else the default one. */
    String of(KeyRequest r) {
        return r.message()
                .map(KeyRequest.MessageRef::channel)
                .or(() -> r.rules().ownChannel())
                .orElse(defaultChannel);
    }

    SlackCall.Outcome<KeyRequest.MessageRef> post(KeyRequest r) {
        String channel = of(r);
        return SlackCall.send(() -> slack.chatPostMessage(m ->
                        m.channel(channel).text(ApprovalMessage.fallback(r)).blocks(ApprovalMessage.blocks(r))))
                .map(p -> new KeyRequest.MessageRef(p.getChannel(), p.getTs(), permalink(p.getChannel(), p.getTs())));
    }

    SlackCall.Outcome<?> update(KeyRequest r, KeyRequest.MessageRef m) {
        return SlackCall.send(() -> slack.chatUpdate(u -> u.channel(m.channel())
                .ts(m.ts())
                .text(ApprovalMessage.fallback(r))
                .blocks(ApprovalMessage.blocks(r))));
    }

    SlackCall.Outcome<?> reply(KeyRequest.MessageRef m, String text) {
        return SlackCall.send(() -> slack.chatPostMessage(
                p -> p.channel(m.channel()).threadTs(m.ts()).text(text)));
    }

    /**
     * The message's link for the audit log, in the form {@code chat.getPermalink} answers with, built here from the
     * workspace's address rather than asked for: one Slack call less for every request.
     */
    private String permalink(String channel, String ts) {
        return workspaceUrl + "archives/" + channel + "/p" + ts.replace(".", "");
    }
}
