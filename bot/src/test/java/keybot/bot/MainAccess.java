package keybot.bot;

import java.io.PrintStream;
import java.util.Map;

/** Lets tests in other packages run a command the way {@code main} does. */
public final class MainAccess {

    private MainAccess() {}

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return Main.run(args, env, out, err);
    }
}
