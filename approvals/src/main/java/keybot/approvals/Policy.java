package keybot.approvals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configured projects and who may do what with them. Group membership is looked up through {@link Groups};
 * when a lookup fails, the group grants nothing.
 */
public final class Policy {

    private final List<Project> projects;
    private final Groups groups;

    public Policy(List<Project> projects) {
        this(projects, Groups.NONE);
    }

    public Policy(List<Project> projects, Groups groups) {
        this.projects = List.copyOf(projects);
        this.groups = groups;
    }

    public List<Project> projects() {
        return projects;
    }

    public Optional<Project> project(String ref) {
        return projects.stream().filter(p -> p.ref().equals(ref)).findFirst();
    }

    public Optional<Project> projectNamed(String name) {
        return projects.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    public boolean isApprover(Project project, String user) {
        return project.isApprover(user) || inAnyGroup(project.approverGroups(), user);
    }

    /** Approvers of any project see every request's history. */
    public boolean isAnyApprover(String user) {
        return projects.stream().anyMatch(p -> isApprover(p, user));
    }

    /** The refs of the projects {@code user} approves. */
    public Set<String> approvedBy(String user) {
        return projects.stream()
                .filter(p -> isApprover(p, user))
                .map(Project::ref)
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean mayRequest(Project project, String user) {
        return project.isOpenToEveryone()
                || project.requesters().contains(user)
                || inAnyGroup(project.requesterGroups(), user);
    }

    /** The projects the form offers this person. */
    public List<Project> requestableBy(String user) {
        return projects.stream().filter(p -> mayRequest(p, user)).toList();
    }

    /** Everyone who may decide the request now, as far as their groups can be looked up. */
    public Set<String> approversOf(KeyRequest request) {
        Set<String> all = new LinkedHashSet<>(request.rules().approvers());
        for (String group : request.rules().approverGroups()) {
            try {
                all.addAll(groups.members(group));
            } catch (Groups.GroupLookupFailure e) {
                // the listed users are still reached
            }
        }
        all.removeIf(user -> !stillApproves(request, user));
        return all;
    }

    /**
     * Throws a {@link Refusal} unless {@code user} may approve or deny {@code request}: never their own request
     * unless its rules allow it, and only as one of the approvers its rules name (by id or user group) whom the
     * policy still lists as an approver of the project, so taking someone off the policy takes effect at once.
     */
    public void checkMayDecide(KeyRequest request, String user) {
        if (request.ask().requester().equals(user) && !request.rules().allowSelfApproval()) {
            throw new Refusal(Refusal.Reason.OWN_REQUEST, request);
        }
        if (!mayDecide(request, user)) {
            throw new Refusal(Refusal.Reason.NOT_AN_APPROVER, request);
        }
    }

    /** Whether {@code user} is an approver of the request, leaving aside whose request it is. */
    public boolean mayDecide(KeyRequest request, String user) {
        Rules rules = request.rules();
        boolean named = rules.approvers().contains(user) || inAnyGroup(rules.approverGroups(), user);
        return named && stillApproves(request, user);
    }

    private boolean stillApproves(KeyRequest request, String user) {
        return project(request.ask().projectRef()).map(p -> isApprover(p, user)).orElse(false);
    }

    private boolean inAnyGroup(Set<String> groupIds, String user) {
        for (String group : groupIds) {
            try {
                if (groups.members(group).contains(user)) {
                    return true;
                }
            } catch (Groups.GroupLookupFailure e) {
                // a failed lookup never grants
            }
        }
        return false;
    }
}
