package keybot.bot.audit;

/** The arguments of {@code keybot audit …} cannot be run; the message says why, in one line. */
final class UsageError extends Exception {

    UsageError(String message) {
        super(message, null, false, false);
    }
}
