package keybot.e2e;

import static keybot.e2e.KeybotFixture.COMMAND;
import static keybot.e2e.KeybotFixture.OUTSIDER;
import static keybot.e2e.KeybotFixture.REF;
import static keybot.e2e.KeybotFixture.REQUESTER;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Random;
import keybot.bot.slack.Ids;
import keybot.testkit.SlackPayloads;

/**
 * Draws hostile requests: well-signed bodies that are broken or forged, bad signatures, bad methods and types,
 * oversized and junk bodies. None of them may change anything: no signed body here is a valid request form, and
 * no clicker is someone allowed to act (never an approver, never the requester on a cancel).
 */
final class HostileRequests {

    static final String FORM = "application/x-www-form-urlencoded";
    private static final String FORGED_REF = "forgedprojectrefzzzz";
    /** Every action keybot registers, and one it does not. */
    private static final List<String> ACTIONS =
            List.of(Ids.APPROVE, Ids.DENY, Ids.RETRY, Ids.CANCEL, Ids.HISTORY_OLDER, "self_destruct");

    private final Random random;
    private final Junk junk;
    private final JsonMutator mutator;
    private final HostileBodies bodies;
    private final long target;
    private final String responseUrl;

    /** @param target the id of a pending request the forgeries aim at */
    HostileRequests(Random random, long target, String responseUrl) {
        this.random = random;
        this.junk = new Junk(random);
        this.mutator = new JsonMutator(random, junk);
        this.bodies = new HostileBodies(random, junk, mutator);
        this.target = target;
        this.responseUrl = responseUrl;
    }

    HostileRequest next() {
        int dice = random.nextInt(100);
        if (dice < 30) {
            return HostileRequest.signed("mutated interaction", FORM, mutatedInteraction());
        } else if (dice < 42) {
            return HostileRequest.signed("forged action", FORM, forgedAction());
        } else if (dice < 52) {
            return HostileRequest.signed("invalid request form", FORM, invalidSubmission());
        } else if (dice < 58) {
            return HostileRequest.signed("mutated command", FORM, bodies.mutatedCommand(responseUrl));
        } else if (dice < 62) {
            return HostileRequest.signed("mutated event", "application/json", bodies.mutatedEvent());
        } else if (dice < 70) {
            return HostileRequest.signedBytes(
                    "junk body",
                    random.nextBoolean() ? FORM : "application/json",
                    bodies.junk(SlackPayloads.buttonClick(OUTSIDER, Ids.APPROVE, id(), responseUrl)));
        } else if (dice < 82) {
            return HostileRequest.badlySigned(random, legitLooking());
        } else if (dice < 94) {
            return HostileRequest.badMethodOrType(random, legitLooking());
        }
        return HostileRequest.oversized(random, 64 * 1024 + 1 + random.nextInt(1024 * 1024 - 64 * 1024));
    }

    private String mutatedInteraction() {
        String user = random.nextBoolean() ? OUTSIDER : junk.stranger();
        String base = switch (random.nextInt(5)) {
            case 0 -> SlackPayloads.buttonClick(user, pick(ACTIONS), id(), responseUrl);
            case 1 -> SlackPayloads.homeButtonClick(user, pick(ACTIONS), id());
            case 2 -> SlackPayloads.denySubmission(user, id(), junk.text());
            default -> submission(user);
        };
        JsonObject payload = PayloadJson.of(base);
        mutator.mutate(payload);
        forceForgedProject(payload);
        return PayloadJson.form(payload);
    }

    /** Well formed, signed, and by someone who may not do it. */
    private String forgedAction() {
        String action = pick(List.of(Ids.APPROVE, Ids.DENY, Ids.RETRY, Ids.CANCEL));
        // the requester may cancel their own request, so only strangers forge a cancel
        String user = action.equals(Ids.CANCEL) || random.nextBoolean() ? junk.stranger() : REQUESTER;
        return random.nextInt(4) == 0
                ? SlackPayloads.denySubmission(user, id(), junk.text())
                : SlackPayloads.buttonClick(user, action, id(), responseUrl);
    }

    /** A request form that can never be valid: its key name always breaks Supabase's rule. */
    private String invalidSubmission() {
        String keyName = "-" + (random.nextBoolean() ? junk.text() : junk.huge(random.nextInt(300)));
        String ref = random.nextBoolean() ? REF : random.nextBoolean() ? FORGED_REF : junk.text();
        String reason = random.nextBoolean() ? junk.text() : junk.huge(random.nextInt(30_000));
        String description = random.nextBoolean() ? null : junk.huge(random.nextInt(2_000));
        return SlackPayloads.requestSubmission(
                random.nextBoolean() ? OUTSIDER : junk.stranger(), ref, keyName, reason, description);
    }

    private String submission(String user) {
        return SlackPayloads.requestSubmission(user, FORGED_REF, junk.text(), junk.text(), junk.text());
    }

    /** Mutations may leave a request form whole, so its project is always one keybot does not serve. */
    private static void forceForgedProject(JsonObject payload) {
        try {
            payload.getAsJsonObject("view")
                    .getAsJsonObject("state")
                    .getAsJsonObject("values")
                    .getAsJsonObject(Ids.PROJECT)
                    .getAsJsonObject(Ids.PROJECT)
                    .getAsJsonObject("selected_option")
                    .addProperty("value", FORGED_REF);
        } catch (RuntimeException e) {
            // the path is broken or missing, so no project can be read from it
        }
    }

    private String legitLooking() {
        return random.nextBoolean()
                ? SlackPayloads.buttonClick(junk.stranger(), Ids.APPROVE, id(), responseUrl)
                : SlackPayloads.command(COMMAND, junk.stranger(), "history", responseUrl);
    }

    /** The target, a request that may or may not exist, or no number at all. */
    private String id() {
        return switch (random.nextInt(4)) {
            case 0, 1 -> String.valueOf(target);
            case 2 -> String.valueOf(random.nextInt(1000) - 10);
            default -> junk.text();
        };
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
