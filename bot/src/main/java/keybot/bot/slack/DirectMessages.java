package keybot.bot.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.request.chat.ChatPostMessageRequest.ChatPostMessageRequestBuilder;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * keybot's direct messages to a person: every one goes through here. The channel of the conversation is cached,
 * as Slack gives the same one each time (every message would otherwise cost a {@code conversations.open} first);
 * a channel Slack refuses for good is forgotten, so the next message opens the conversation again.
 */
public final class DirectMessages {

    private final MethodsClient slack;
    private final Cache<String, String> channels = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(12))
            .maximumSize(10_000)
            .build();

    public DirectMessages(MethodsClient slack) {
        this.slack = slack;
    }

    /** The channel of the conversation with {@code user}, or Slack's reason for not opening one. */
    SlackCall.Outcome<String> channelWith(String user) {
        String cached = channels.getIfPresent(user);
        if (cached != null) {
            return SlackCall.Outcome.of(cached);
        }
        var opened = SlackCall.send(() -> slack.conversationsOpen(c -> c.users(List.of(user))))
                .map(r -> r.getChannel().getId());
        opened.response().ifPresent(id -> channels.put(user, id));
        return opened;
    }

    /** Posts {@code message} in the conversation {@link #channelWith} opened. */
    SlackCall.Outcome<ChatPostMessageResponse> post(
            String user, String channel, UnaryOperator<ChatPostMessageRequestBuilder> message) {
        var sent = SlackCall.send(() -> slack.chatPostMessage(m -> message.apply(m.channel(channel))));
        if (!sent.ok() && !sent.isTransient()) {
            channels.invalidate(user);
        }
        return sent;
    }

    /** A plain sentence to {@code user}: the conversation opened, then the message posted. */
    SlackCall.Outcome<?> tell(String user, String text) {
        var channel = channelWith(user);
        return channel.ok() ? post(user, channel.response().get(), m -> m.text(text)) : channel;
    }
}
