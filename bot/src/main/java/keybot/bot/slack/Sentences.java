package keybot.bot.slack;

import static keybot.bot.slack.SlackText.mention;

import keybot.approvals.KeyRequest;
import keybot.approvals.Refusal;

/** Every refusal, in one plain sentence for the person who was refused. */
public final class Sentences {

    private Sentences() {}

    public static String refusal(Refusal refusal) {
        String which = refusal.request().map(r -> "request #" + r.id()).orElse("that request");
        return switch (refusal.reason()) {
            case NOT_FOUND -> "I cannot find that request. It may have been removed, or the button is outdated.";
            case OWN_REQUEST -> "You cannot decide your own " + which + ". Another approver of the project has to.";
            case NOT_AN_APPROVER ->
                "You are not an approver of "
                        + refusal.request()
                                .map(r -> SlackText.user(r.ask().projectName(), 200))
                                .orElse("this project")
                        + ", so you cannot decide " + which + ". Nothing was changed.";
            case ALREADY_APPROVED_BY_YOU ->
                "You already approved " + which + "; it needs "
                        + "approvals from other approvers too. Nothing was changed.";
            case NOT_YOURS -> "Only the person who asked can cancel " + which + ". Nothing was changed.";
            case NOTHING_TO_RETRY ->
                "There is nothing to retry: " + which + " is "
                        + refusal.request().map(r -> Labels.state(r.state())).orElse("gone")
                        + ". Nothing was changed.";
            case ALREADY_DECIDED ->
                "No need: " + which + " was already "
                        + refusal.request()
                                .filter(r -> r.decided().isEmpty())
                                .map(Sentences::verb)
                                .orElse("decided"
                                        + refusal.request()
                                                .flatMap(KeyRequest::decided)
                                                .map(d -> " by " + mention(d.by()) + " ("
                                                        + verb(refusal.request().get()) + ")")
                                                .orElse(""))
                        + ". Nothing was changed.";
        };
    }

    private static String verb(KeyRequest r) {
        return switch (r.state()) {
            case FAILED -> "approved, then failed";
            case APPROVED, KEY_CREATED, DELIVERED -> "approved";
            case PENDING, DENIED, CANCELLED, EXPIRED -> Labels.state(r.state());
        };
    }

    public static String unexpected() {
        return "Sorry, something went wrong on keybot's side and nothing was changed. Please try again;"
                + " if it keeps happening, tell the keybot admins.";
    }
}
