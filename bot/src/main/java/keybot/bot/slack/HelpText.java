package keybot.bot.slack;

/** What the command can do. */
public final class HelpText {

    private HelpText() {}

    public static String of(String command, String approvalsChannel) {
        return "*keybot* hands out Supabase secret API keys after an approver says yes.\n"
                + "• `" + command + "` opens a form: choose the project, name the key and say why you need it."
                + " The request is posted in " + SlackText.channel(approvalsChannel) + " for the project's"
                + " approvers; once one approves, I create the key and send it to you by direct message, once.\n"
                + "• `" + command + " history [@person | project | key_name]` shows recent requests and what"
                + " happened to them, newest first (approvers see everyone's, others their own).\n"
                + "• `" + command + " whose sb_secret_…` (approvers) tells which request a key found in the wild"
                + " came from. The key is never shown back or stored.\n"
                + "• `" + command + " help` shows this.";
    }

    /** Never echoes what looks like a key: someone may paste one by mistake. */
    public static String unknown(String command, String text, String approvalsChannel) {
        String shown = text.contains("sb_") ? "that" : "`" + SlackText.user(text, 50) + "`";
        return "I don't know " + shown + ".\n" + of(command, approvalsChannel);
    }
}
