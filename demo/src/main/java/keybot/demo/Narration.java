package keybot.demo;

import java.io.PrintStream;
import keybot.testkit.StandInSlack;
import keybot.testkit.StandInSupabase;

/** What the demo prints as Slack and Supabase are called: the stand-ins' calls, told the way a person would see them. */
final class Narration {

    private final PrintStream out;

    Narration(PrintStream out) {
        this.out = out;
    }

    void slack(StandInSlack.Call call) {
        switch (call.method()) {
            case "views.open" -> out.println("   Slack opens a form for the user");
            case "chat.postMessage" ->
                out.println("   Slack posts in " + call.field("channel") + ": " + hideSecret(call.text()));
            case "chat.update" ->
                out.println(
                        "   Slack updates the message in " + call.field("channel") + ": " + hideSecret(call.text()));
            case StandInSlack.RESPONSE_URL ->
                out.println("   Slack shows only to the clicker: " + hideSecret(call.text()));
            default -> {}
        }
    }

    void supabase(StandInSupabase.Call call) {
        switch (call.action()) {
            case CREATE ->
                out.println("   Supabase creates secret key \"" + call.key().name() + "\" in project "
                        + call.projectRef() + " (" + call.key().description() + ")");
            case LIST ->
                out.println("   Supabase lists the project's keys (keybot checks none was made for this request yet)");
            case REVEAL -> out.println("   Supabase reveals the new key's secret to keybot");
            case READ -> {}
        }
    }

    /** The demo's key is a throwaway, but the narration follows the product's rule: a secret is never printed. */
    private static String hideSecret(String text) {
        return text.replaceAll("sb_secret_([A-Za-z0-9]{0,6})[A-Za-z0-9_-]*", "sb_secret_$1…");
    }
}
