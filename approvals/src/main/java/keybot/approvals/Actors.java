package keybot.approvals;

/** Actors that are not Slack users. */
public final class Actors {
    /** keybot itself, for the steps it takes on its own after an approval. */
    public static final String KEYBOT = "keybot";

    private Actors() {}
}
