package keybot.approvals;

/** Creates secret API keys: the Supabase Management API in production. */
public interface KeyIssuer {

    /**
     * Creates a secret key named {@code name} in the project and returns it with its secret.
     *
     * @throws IssueFailure when the key could not be created or its secret could not be read
     */
    Created create(String projectRef, String name, String description);

    record Created(String id, Secret secret) {
    }
}
