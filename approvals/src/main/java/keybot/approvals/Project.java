package keybot.approvals;

import java.util.Set;

/** A Supabase project keys may be requested for, and who may approve them. */
public record Project(String name, String ref, Set<String> approvers, int approvalsRequired) {

    public Project {
        approvers = Set.copyOf(approvers);
    }

    public boolean isApprover(String user) {
        return approvers.contains(user);
    }
}
