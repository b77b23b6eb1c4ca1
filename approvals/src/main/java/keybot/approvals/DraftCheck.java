package keybot.approvals;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a draft before anything is stored, answering each problem in plain words. */
public final class DraftCheck {

    public static final int REASON_MAX = 1000;
    public static final int DESCRIPTION_MAX = 200;
    public static final int KEY_NAME_MIN = 4;
    public static final int KEY_NAME_MAX = 64;

    /** Supabase's rule for key names, as its API enforces it. */
    private static final Pattern KEY_NAME = Pattern.compile("^[a-z_][a-z0-9_]+$");

    public static final String KEY_NAME_RULE = "Use 4 to 64 characters: lowercase letters, digits and _,"
            + " starting with a letter or _ (for example billing_worker). \"anon\" and \"service_role\" are taken.";

    private DraftCheck() {}

    /** Every problem with the draft, by field; empty when it may be stored. */
    public static Map<Field, String> problems(Draft draft, Policy policy) {
        Map<Field, String> problems = new EnumMap<>(Field.class);
        var project =
                draft.projectRef() == null ? java.util.Optional.<Project>empty() : policy.project(draft.projectRef());
        if (project.isEmpty()) {
            problems.put(Field.PROJECT, "Choose one of the listed projects.");
        } else if (!policy.mayRequest(project.get(), draft.requester())) {
            problems.put(
                    Field.PROJECT,
                    "You may not request keys for " + project.get().name() + "; ask its approvers to add you.");
        }
        keyNameProblem(draft.keyName()).ifPresent(p -> problems.put(Field.KEY_NAME, p));
        if (isBlank(draft.reason())) {
            problems.put(Field.REASON, "Say why you need the key; approvers decide on it.");
        } else if (draft.reason().length() > REASON_MAX) {
            problems.put(Field.REASON, "Keep the reason to " + REASON_MAX + " characters.");
        }
        if (draft.description() != null && draft.description().length() > DESCRIPTION_MAX) {
            problems.put(Field.DESCRIPTION, "Keep the description to " + DESCRIPTION_MAX + " characters.");
        }
        return problems;
    }

    public static java.util.Optional<String> keyNameProblem(String name) {
        boolean ok = name != null
                && name.length() >= KEY_NAME_MIN
                && name.length() <= KEY_NAME_MAX
                && KEY_NAME.matcher(name).matches()
                && !name.equals("anon")
                && !name.equals("service_role");
        return ok ? java.util.Optional.empty() : java.util.Optional.of(KEY_NAME_RULE);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
