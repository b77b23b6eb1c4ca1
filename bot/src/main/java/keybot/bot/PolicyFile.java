package keybot.bot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import keybot.approvals.Policy;
import keybot.approvals.Project;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** The policy file ({@code KEYBOT_CONFIG}): the command, the approvals channel, the projects and approvers. */
public record PolicyFile(String command, String approvalsChannel, Policy policy) {

    private static final Pattern COMMAND = Pattern.compile("^/[a-z0-9_-]{1,31}$");
    private static final Pattern CHANNEL_ID = Pattern.compile("^[CG][A-Z0-9]{2,}$");
    private static final Pattern USER_ID = Pattern.compile("^[UW][A-Z0-9]{2,}$");
    private static final Pattern PROJECT_REF = Pattern.compile("^[a-z]{20}$");
    private static final Set<String> TOP_KEYS = Set.of("command", "approvals_channel", "projects");
    private static final Set<String> PROJECT_KEYS = Set.of("name", "ref", "approvers", "approvals_required");

    public static PolicyFile load(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new ConfigError("KEYBOT_CONFIG: the policy file " + path + " does not exist;"
                    + " create it (see the README) or point KEYBOT_CONFIG at it");
        } catch (IOException e) {
            throw new ConfigError("KEYBOT_CONFIG: the policy file " + path + " cannot be read: " + e.getMessage());
        }
        return parse(text, "KEYBOT_CONFIG (" + path + ")");
    }

    public static PolicyFile parse(String yaml, String source) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false); // a second "projects:" must not silently replace the first
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (MarkedYAMLException e) {
            throw new ConfigError(source + ": is not valid YAML: " + e.getProblem()
                    + (e.getProblemMark() == null ? "" : " (line " + (e.getProblemMark().getLine() + 1) + ")"));
        } catch (YAMLException e) {
            throw new ConfigError(source + ": is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new ConfigError(source + ": must be a YAML mapping with approvals_channel and projects");
        }
        return new Reader(source).read(top);
    }

    /** Walks the YAML, collecting every problem before failing, so one start shows them all. */
    private static final class Reader {
        private final String source;
        private final List<String> problems = new ArrayList<>();

        Reader(String source) {
            this.source = source;
        }

        PolicyFile read(Map<?, ?> top) {
            unknownKeys(top, TOP_KEYS, "");
            String command = top.containsKey("command") ? string(top.get("command"), "command") : "/request-key";
            if (command != null && !COMMAND.matcher(command).matches()) {
                problem("command must start with / and have at most 32 lowercase letters, digits, - or _");
            }
            String channel = string(top.get("approvals_channel"), "approvals_channel");
            if (channel != null && !CHANNEL_ID.matcher(channel).matches()) {
                problem("approvals_channel must be a channel id like C0123ABCD, not a #name"
                        + " (in Slack: channel details, the id is at the bottom)");
            }
            List<Project> projects = projects(top.get("projects"));
            if (!problems.isEmpty()) {
                throw new ConfigError(problems.stream().map(p -> source + ": " + p).toList());
            }
            return new PolicyFile(command, channel, new Policy(projects));
        }

        private List<Project> projects(Object value) {
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                problem("projects must list at least one project (name, ref, approvers)");
                return List.of();
            }
            List<Project> projects = new ArrayList<>();
            Set<String> names = new HashSet<>();
            Set<String> refs = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String at = "projects[" + i + "]";
                if (!(list.get(i) instanceof Map<?, ?> map)) {
                    problem(at + " must be a mapping with name, ref and approvers");
                    continue;
                }
                Project p = project(map, at);
                if (p != null && !names.add(p.name())) {
                    problem(at + ".name \"" + p.name() + "\" is used by another project");
                }
                if (p != null && !refs.add(p.ref())) {
                    problem(at + ".ref " + p.ref() + " is used by another project");
                }
                if (p != null) {
                    projects.add(p);
                }
            }
            return projects;
        }

        private Project project(Map<?, ?> map, String at) {
            int before = problems.size();
            unknownKeys(map, PROJECT_KEYS, at + ".");
            String name = string(map.get("name"), at + ".name");
            String ref = string(map.get("ref"), at + ".ref");
            if (ref != null && !PROJECT_REF.matcher(ref).matches()) {
                problem(at + ".ref must be the 20-letter Supabase project ref (lowercase a-z), got \"" + ref + "\"");
            }
            Set<String> approvers = userIds(map.get("approvers"), at + ".approvers");
            int required = approvalsRequired(map.get("approvals_required"), at + ".approvals_required");
            return problems.size() > before ? null : new Project(name, ref, approvers, required);
        }

        private Set<String> userIds(Object value, String at) {
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                problem(at + " must list at least one Slack user id, like [U0123ABCD]");
                return Set.of();
            }
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String id = String.valueOf(list.get(i));
                if (!USER_ID.matcher(id).matches()) {
                    problem(at + "[" + i + "] must be a Slack user id like U0123ABCD (in Slack: profile, ⋮,"
                            + " Copy member ID), got \"" + id + "\"");
                }
                ids.add(id);
            }
            return ids;
        }

        private int approvalsRequired(Object value, String at) {
            if (value == null) {
                return 1;
            }
            if (!(value instanceof Integer n) || n != 1) {
                problem(at + " must be 1: this version of keybot supports one approval per request");
                return 1;
            }
            return n;
        }

        private String string(Object value, String at) {
            if (value instanceof String s && !s.isBlank()) {
                return s.strip();
            }
            problem(at + " is required and must be a non-empty string");
            return null;
        }

        private void unknownKeys(Map<?, ?> map, Set<String> known, String prefix) {
            map.keySet().stream().map(String::valueOf).filter(k -> !known.contains(k)).sorted()
                    .forEach(k -> problem(prefix + k + " is not a known setting (known: "
                            + String.join(", ", known.stream().sorted().toList()) + ")"));
        }

        private void problem(String problem) {
            problems.add(problem);
        }
    }
}
