package keybot.bot.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.slack.api.methods.MethodsClient;
import java.time.Duration;
import java.util.List;

/**
 * The channel of keybot's direct message with a person. Slack gives the same one each time, so it is cached:
 * every message to a requester would otherwise cost a {@code conversations.open} first.
 */
final class DirectMessages {

    private final MethodsClient slack;
    private final Cache<String, String> channels = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(12)).maximumSize(10_000).build();

    DirectMessages(MethodsClient slack) {
        this.slack = slack;
    }

    /** The channel id, or Slack's reason for not opening one. */
    SlackCall.Outcome<String> with(String user) {
        String cached = channels.getIfPresent(user);
        if (cached != null) {
            return SlackCall.Outcome.of(cached);
        }
        var opened = SlackCall.send(() -> slack.conversationsOpen(c -> c.users(List.of(user))))
                .map(r -> r.getChannel().getId());
        opened.response().ifPresent(id -> channels.put(user, id));
        return opened;
    }

    /** Slack refused a message to the remembered channel for good: ask for it again next time. */
    void forget(String user) {
        channels.invalidate(user);
    }
}
