package keybot.approvals;

import java.util.Optional;

/** Creates secret API keys: the Supabase Management API in production. */
public interface KeyIssuer {

    /**
     * Creates a secret key named {@code name} in the project and returns it with its secret.
     *
     * @throws IssueFailure when the key could not be created or its secret could not be read
     */
    Created create(String projectRef, String name, String description);

    /**
     * The id of a key in the project whose description starts with {@code marker}: how keybot finds a key it
     * created but never recorded, instead of creating a second one.
     *
     * @throws IssueFailure when the keys could not be listed
     */
    Optional<String> findByDescription(String projectRef, String marker);

    /**
     * Reads the secret of an existing key again: how an interrupted delivery gets it, since it is never stored.
     *
     * @throws IssueFailure when it could not be read
     */
    Secret reveal(String projectRef, String keyId);

    record Created(String id, Secret secret) {}
}
