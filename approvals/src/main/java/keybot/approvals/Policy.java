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
        return projects.stream().filter(p -> isApprover(p, user)).map(Project::ref)
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean mayRequest(Project project, String user) {
        return project.isOpenToEveryone() || project.requesters().contains(user)
                || inAnyGroup(project.requesterGroups(), user);
    }

    /** The projects the form offers this person. */
    public List<Project> requestableBy(String user) {
        return projects.stream().filter(p -> mayRequest(p, user)).toList();
    }

    /** Everyone who may approve for the project, as far as their groups can be looked up now. */
    public Set<String> approversOf(Project project) {
        Set<String> all = new LinkedHashSet<>(project.approvers());
        for (String group : project.approverGroups()) {
            try {
                all.addAll(groups.members(group));
            } catch (Groups.GroupLookupFailure e) {
                // the listed users are still reminded
            }
        }
        return all;
    }

    /** Throws a {@link Refusal} unless {@code user} may approve or deny {@code request}. */
    public void checkMayDecide(KeyRequest request, String user) {
        Optional<Project> project = project(request.projectRef());
        boolean selfAllowed = project.map(Project::allowSelfApproval).orElse(false);
        if (request.requester().equals(user) && !selfAllowed) {
            throw new Refusal(Refusal.Reason.OWN_REQUEST, request);
        }
        if (project.isEmpty() || !isApprover(project.get(), user)) {
            throw new Refusal(Refusal.Reason.NOT_AN_APPROVER, request);
        }
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
