package keybot.bot;

import java.util.List;

/** The configuration is wrong; each problem names the variable or YAML key to fix. Never carries a secret. */
public final class ConfigError extends RuntimeException {

    private final List<String> problems;

    public ConfigError(List<String> problems) {
        super(String.join("\n", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public ConfigError(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
