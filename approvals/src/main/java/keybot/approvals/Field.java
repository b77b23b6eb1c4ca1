package keybot.approvals;

/** The parts of the request form that can be wrong. */
public enum Field {
    PROJECT,
    KEY_NAME,
    REASON,
    DESCRIPTION
}
