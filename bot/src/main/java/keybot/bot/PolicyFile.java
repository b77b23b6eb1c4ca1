package keybot.bot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import keybot.approvals.Groups;
import keybot.approvals.Policy;
import keybot.approvals.Project;
import keybot.bot.slack.SlackIds;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** The policy file ({@code KEYBOT_CONFIG}): the command, the approvals channel, the projects and approvers. */
public record PolicyFile(String command, String approvalsChannel, Policy policy) {

    private static final Pattern COMMAND = Pattern.compile("^/[a-z0-9_-]{1,31}$");
    private static final Set<String> TOP_KEYS = Set.of("command", "approvals_channel", "projects");

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
                    + (e.getProblemMark() == null
                            ? ""
                            : " (line " + (e.getProblemMark().getLine() + 1) + ")"));
        } catch (YAMLException e) {
            throw new ConfigError(source + ": is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new ConfigError(source + ": must be a YAML mapping with approvals_channel and projects");
        }
        return new Reader(source).read(top);
    }

    /** The policy, with user groups looked up through {@code groups}. */
    public Policy policy(Groups groups) {
        return new Policy(policy.projects(), groups);
    }

    /** Walks the YAML, collecting every problem before failing, so one start shows them all. */
    private static final class Reader {
        private final String source;
        private final SettingsReader in = new SettingsReader();

        Reader(String source) {
            this.source = source;
        }

        PolicyFile read(Map<?, ?> top) {
            in.unknownKeys(top, TOP_KEYS, "");
            String command =
                    top.containsKey("command") ? in.requiredString(top.get("command"), "command") : "/request-key";
            if (command != null && !COMMAND.matcher(command).matches()) {
                in.problem("command must start with / and have at most 32 lowercase letters, digits, - or _");
            }
            String channel = in.requiredString(top.get("approvals_channel"), "approvals_channel");
            if (channel != null && !SlackIds.isChannel(channel)) {
                in.problem("approvals_channel must be a channel id like C0123ABCD, not a #name"
                        + " (in Slack: channel details, the id is at the bottom)");
            }
            List<Project> projects = projects(top.get("projects"));
            if (in.count() > 0) {
                throw new ConfigError(
                        in.problems().stream().map(p -> source + ": " + p).toList());
            }
            return new PolicyFile(command, channel, new Policy(projects));
        }

        private List<Project> projects(Object value) {
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                in.problem("projects must list at least one project (name, ref, approvers)");
                return List.of();
            }
            List<Project> projects = new ArrayList<>();
            Set<String> names = new HashSet<>();
            Set<String> refs = new HashSet<>();
            ProjectReader reader = new ProjectReader(in);
            for (int i = 0; i < list.size(); i++) {
                String at = "projects[" + i + "]";
                if (!(list.get(i) instanceof Map<?, ?> map)) {
                    in.problem(at + " must be a mapping with name, ref and approvers");
                    continue;
                }
                Project p = reader.read(map, at);
                if (p == null) {
                    continue;
                }
                if (!names.add(p.name())) {
                    in.problem(at + ".name \"" + p.name() + "\" is used by another project");
                }
                if (!refs.add(p.ref())) {
                    in.problem(at + ".ref " + p.ref() + " is used by another project");
                }
                projects.add(p);
            }
            return projects;
        }
    }
}
