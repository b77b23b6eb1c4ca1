package keybot.approvals;

import java.util.Map;

/** A draft that cannot be stored, with each problem in plain words by field. Nothing was stored. */
public final class InvalidDraft extends RuntimeException {

    private final transient Map<Field, String> problems;

    public InvalidDraft(Map<Field, String> problems) {
        super("invalid request: " + problems.keySet(), null, false, false);
        this.problems = Map.copyOf(problems);
    }

    public Map<Field, String> problems() {
        return problems;
    }
}
