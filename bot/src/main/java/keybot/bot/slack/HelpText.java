package keybot.bot.slack;

/** What the command can do. */
public final class HelpText {

    private HelpText() {
    }

    public static String of(String command, String approvalsChannel) {
        return "*keybot* hands out Supabase secret API keys after an approver says yes.\n"
                + "• `" + command + "` opens a form: choose the project, name the key and say why you need it."
                + " The request is posted in " + SlackText.channel(approvalsChannel) + " for the project's"
                + " approvers; once one approves, I create the key and send it to you by direct message, once.\n"
                + "• `" + command + " history` shows your recent requests and what happened to them"
                + " (approvers see everyone's).\n"
                + "• `" + command + " help` shows this.";
    }

    public static String unknown(String command, String text, String approvalsChannel) {
        return "I don't know `" + SlackText.user(text, 50) + "`.\n" + of(command, approvalsChannel);
    }
}
