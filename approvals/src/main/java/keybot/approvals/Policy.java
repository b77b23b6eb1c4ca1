package keybot.approvals;

import java.util.List;
import java.util.Optional;

/** The configured projects and their approvers: who may decide what. */
public record Policy(List<Project> projects) {

    public Policy {
        projects = List.copyOf(projects);
    }

    public Optional<Project> project(String ref) {
        return projects.stream().filter(p -> p.ref().equals(ref)).findFirst();
    }

    /** Approvers of any project see every request's history. */
    public boolean isAnyApprover(String user) {
        return projects.stream().anyMatch(p -> p.isApprover(user));
    }

    /** The refs of the projects {@code user} approves. */
    public java.util.Set<String> approvedBy(String user) {
        return projects.stream().filter(p -> p.isApprover(user)).map(Project::ref)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public Optional<Project> projectNamed(String name) {
        return projects.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Throws a {@link Refusal} unless {@code user} may approve or deny {@code request}. */
    public void checkMayDecide(KeyRequest request, String user) {
        if (request.requester().equals(user)) {
            throw new Refusal(Refusal.Reason.OWN_REQUEST, request);
        }
        boolean approver = project(request.projectRef()).map(p -> p.isApprover(user)).orElse(false);
        if (!approver) {
            throw new Refusal(Refusal.Reason.NOT_AN_APPROVER, request);
        }
    }
}
