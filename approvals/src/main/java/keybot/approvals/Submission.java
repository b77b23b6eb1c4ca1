package keybot.approvals;

import java.time.Instant;
import java.util.List;

/**
 * A checked draft about to be stored as a new PENDING request, with the rules of its project as they are now, its
 * timers, and the effects it owes: post it for the approvers, tell the requester, show it in App Home.
 */
public record Submission(Draft draft, String projectName, Rules rules, Timers timers, Instant at) {

    public static final List<Effect> EFFECTS = List.of(Effect.POST_REQUEST, Effect.TELL_REQUESTER);

    public static Submission of(Draft draft, Project project, Instant at) {
        Rules rules = project.rules();
        return new Submission(draft, project.name(), rules, Timers.startingAt(at, rules), at);
    }

    /** The request as stored under {@code id}. */
    public KeyRequest asRequest(long id) {
        return KeyRequest.submitted(
                id,
                new KeyRequest.Ask(
                        draft.requester(),
                        projectName,
                        draft.projectRef(),
                        draft.keyName(),
                        draft.reason(),
                        draft.description(),
                        at),
                rules,
                timers);
    }

    public AuditEvent event(long id) {
        return new AuditEvent(id, EventType.REQUESTED, draft.requester(), at, draft.reason());
    }
}
