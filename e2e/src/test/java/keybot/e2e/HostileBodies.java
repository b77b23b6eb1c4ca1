package keybot.e2e;

import static keybot.e2e.KeybotFixture.COMMAND;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import keybot.testkit.SlackPayloads;

/** Signed bodies that are not interactions: broken commands, broken Events API deliveries, and plain junk. */
final class HostileBodies {

    private final Random random;
    private final Junk junk;
    private final JsonMutator mutator;

    HostileBodies(Random random, Junk junk, JsonMutator mutator) {
        this.random = random;
        this.junk = junk;
        this.mutator = mutator;
    }

    /** A command by a stranger (help, history, whose: nothing that writes), with its form bent. */
    String mutatedCommand(String responseUrl) {
        String text = pick(List.of(
                "",
                "help",
                "history",
                "history " + junk.text(),
                "whose " + junk.text(),
                junk.text(),
                junk.huge(random.nextInt(10_000))));
        String body =
                SlackPayloads.command(random.nextBoolean() ? COMMAND : junk.text(), junk.stranger(), text, responseUrl);
        return switch (random.nextInt(4)) {
            case 0 -> body + "&" + junk.text() + "=" + junk.text();
            case 1 -> body.replaceFirst("&[a-z_]+=[^&]*", "");
            case 2 -> body + "&user_id=" + junk.text();
            default -> body;
        };
    }

    String mutatedEvent() {
        JsonObject event = new JsonObject();
        event.addProperty("type", pick(List.of("app_home_opened", "message", "app_mention", junk.text())));
        event.addProperty("user", random.nextBoolean() ? junk.stranger() : junk.text());
        event.addProperty("tab", pick(List.of("home", "messages", junk.text())));
        JsonObject envelope = new JsonObject();
        envelope.addProperty("type", pick(List.of("event_callback", "url_verification", junk.text())));
        envelope.addProperty("team_id", "T0001");
        envelope.add("event", event);
        mutator.mutate(envelope);
        return envelope.toString();
    }

    /** Random bytes, junk text, brackets nested deep, or {@code whole} cut short. */
    byte[] junk(String whole) {
        return switch (random.nextInt(5)) {
            case 0 -> {
                byte[] bytes = new byte[1 + random.nextInt(4096)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 1 -> bytes(junk.text(1 + random.nextInt(200)));
            case 2 -> bytes("payload=" + junk.nested(100 + random.nextInt(20_000)));
            case 3 -> bytes(junk.nested(100 + random.nextInt(20_000)));
            default -> bytes(whole.substring(0, random.nextInt(whole.length())));
        };
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
