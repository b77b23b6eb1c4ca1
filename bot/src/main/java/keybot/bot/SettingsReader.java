package keybot.bot;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads values out of parsed YAML, collecting every problem with the path of the key it is about, so one start
 * reports them all.
 */
final class SettingsReader {

    private static final Pattern SHORT_DURATION = Pattern.compile("^(\\d{1,6})([smhd])$");

    private final List<String> problems = new ArrayList<>();

    void problem(String problem) {
        problems.add(problem);
    }

    int count() {
        return problems.size();
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    String requiredString(Object value, String at) {
        if (value instanceof String s && !s.isBlank()) {
            return s.strip();
        }
        problem(at + " is required and must be a non-empty string");
        return null;
    }

    Optional<String> optionalString(Object value, String at) {
        if (value == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(requiredString(value, at));
    }

    boolean bool(Object value, String at, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        problem(at + " must be true or false");
        return fallback;
    }

    /** A list of ids each matching one of the patterns; {@code what} names them in the message. */
    Set<String> ids(Object value, String at, String what, Pattern... allowed) {
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof List<?> list)) {
            problem(at + " must be a list of " + what);
            return Set.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String id = String.valueOf(list.get(i));
            boolean ok = false;
            for (Pattern p : allowed) {
                ok |= p.matcher(id).matches();
            }
            if (!ok) {
                problem(at + "[" + i + "] must be " + what + ", got \"" + id + "\"");
            }
            ids.add(id);
        }
        return ids;
    }

    /** {@code 24h}, {@code 30m}, {@code 90s}, {@code 2d}, or ISO-8601 like {@code PT1H30M}. */
    Duration duration(Object value, String at, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        String text = String.valueOf(value).strip();
        Matcher m = SHORT_DURATION.matcher(text);
        try {
            Duration d = m.matches()
                    ? switch (m.group(2)) {
                        case "s" -> Duration.ofSeconds(Long.parseLong(m.group(1)));
                        case "m" -> Duration.ofMinutes(Long.parseLong(m.group(1)));
                        case "h" -> Duration.ofHours(Long.parseLong(m.group(1)));
                        default -> Duration.ofDays(Long.parseLong(m.group(1)));
                    }
                    : Duration.parse(text);
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problem(at + " must be a positive duration like 30m, 4h or 2d, got \"" + text + "\"");
        return fallback;
    }

    void unknownKeys(Map<?, ?> map, Set<String> known, String prefix) {
        map.keySet().stream()
                .map(String::valueOf)
                .filter(k -> !known.contains(k))
                .sorted()
                .forEach(k -> problem(prefix + k + " is not a known setting (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")"));
    }
}
