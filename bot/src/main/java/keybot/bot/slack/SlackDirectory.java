package keybot.bot.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.User;
import java.time.Duration;
import keybot.approvals.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Display names from Slack ({@code users.info}), cached for an hour: the audit log records who acted by name as
 * well as by id. When Slack cannot say, the id stands in; a name is a convenience, the id is the record.
 */
public final class SlackDirectory implements Directory {

    private static final Logger log = LoggerFactory.getLogger(SlackDirectory.class);

    private final MethodsClient slack;
    private final Cache<String, String> names = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1))
            .maximumSize(10_000)
            .build();

    public SlackDirectory(MethodsClient slack) {
        this.slack = slack;
    }

    @Override
    public String displayName(String userId) {
        String cached = names.getIfPresent(userId);
        if (cached != null) {
            return cached;
        }
        try {
            var info = slack.usersInfo(r -> r.user(userId));
            if (info.isOk() && info.getUser() != null) {
                String name = nameOf(info.getUser());
                names.put(userId, name);
                return name;
            }
            log.warn("No display name for {}: Slack answered {}", userId, info.getError());
        } catch (Exception e) {
            log.warn("No display name for {}: {}", userId, e.getClass().getSimpleName());
        }
        return userId;
    }

    private static String nameOf(User user) {
        User.Profile profile = user.getProfile();
        if (profile != null
                && profile.getDisplayName() != null
                && !profile.getDisplayName().isBlank()) {
            return profile.getDisplayName();
        }
        if (profile != null
                && profile.getRealName() != null
                && !profile.getRealName().isBlank()) {
            return profile.getRealName();
        }
        return user.getName() == null ? user.getId() : user.getName();
    }
}
