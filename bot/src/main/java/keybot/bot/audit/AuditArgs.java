package keybot.bot.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import keybot.db.PostgresAuditLog;

/**
 * What {@code keybot audit …} was asked to do, read from the arguments alone: nothing is opened or read until
 * they are all known to be good.
 *
 * @param format for {@link Command#EXPORT} only
 * @param filter for {@link Command#EXPORT} only
 */
record AuditArgs(Command command, ExportFormat format, PostgresAuditLog.Filter filter) {

    enum Command {
        VERIFY,
        EXPORT,
        WHOSE,
        HELP
    }

    private static final Set<String> EXPORT_FLAGS = Set.of("--format", "--since", "--until", "--project");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    static AuditArgs parse(List<String> args) throws UsageError {
        if (args.isEmpty()) {
            throw new UsageError("say what to do: verify, export or whose");
        }
        List<String> rest = args.subList(1, args.size());
        switch (args.get(0)) {
            case "verify":
                noArguments("verify", rest);
                return new AuditArgs(Command.VERIFY, null, null);
            case "whose":
                if (!rest.isEmpty()) {
                    // never repeat it: it may well be the key
                    throw new UsageError("whose takes no arguments; give the key on standard input, for example"
                            + " `pbpaste | keybot audit whose` (an argument ends up in shell history and ps)");
                }
                return new AuditArgs(Command.WHOSE, null, null);
            case "export":
                return export(rest);
            case "help", "--help", "-h":
                return new AuditArgs(Command.HELP, null, null);
            default:
                throw new UsageError("unknown audit command \"" + args.get(0) + "\"; use verify, export or whose");
        }
    }

    private static void noArguments(String command, List<String> rest) throws UsageError {
        if (!rest.isEmpty()) {
            throw new UsageError(command + " takes no arguments, got \"" + rest.get(0) + "\"");
        }
    }

    private static AuditArgs export(List<String> rest) throws UsageError {
        Map<String, String> flags = flags(rest);
        String formatName = flags.get("--format");
        if (formatName == null) {
            throw new UsageError("export needs --format jsonl or --format csv");
        }
        ExportFormat format = ExportFormat.named(formatName)
                .orElseThrow(() -> new UsageError("unknown --format \"" + formatName + "\"; use jsonl or csv"));
        Optional<Instant> from =
                flags.containsKey("--since") ? Optional.of(since(flags.get("--since"))) : Optional.empty();
        Optional<Instant> until =
                flags.containsKey("--until") ? Optional.of(until(flags.get("--until"))) : Optional.empty();
        if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
            throw new UsageError(
                    "--since (" + from.get() + ") must be before --until (" + until.get() + ", exclusive)");
        }
        return new AuditArgs(
                Command.EXPORT,
                format,
                new PostgresAuditLog.Filter(from, until, Optional.ofNullable(flags.get("--project"))));
    }

    /** {@code --name value} or {@code --name=value}, each known flag at most once. */
    private static Map<String, String> flags(List<String> rest) throws UsageError {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            if (!arg.startsWith("--")) {
                throw new UsageError("unexpected argument \"" + arg + "\"");
            }
            if (!EXPORT_FLAGS.contains(name)) {
                throw new UsageError("unknown option \"" + name + "\" for export");
            }
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < rest.size() && !rest.get(i + 1).startsWith("--")) {
                value = rest.get(++i);
            } else {
                value = "";
            }
            if (value.isBlank()) {
                throw new UsageError(name + " needs a value");
            }
            if (flags.putIfAbsent(name, value) != null) {
                throw new UsageError(name + " is given twice");
            }
        }
        return flags;
    }

    /** A day means from its start (UTC); an instant is taken as it is. */
    static Instant since(String value) throws UsageError {
        Optional<LocalDate> day = day("--since", value);
        return day.isPresent() ? day.get().atStartOfDay(ZoneOffset.UTC).toInstant() : instant("--since", value);
    }

    /** A day means through its end (UTC), i.e. before the next day starts; an instant is exclusive. */
    static Instant until(String value) throws UsageError {
        Optional<LocalDate> day = day("--until", value);
        return day.isPresent()
                ? day.get().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                : instant("--until", value);
    }

    private static Optional<LocalDate> day(String flag, String value) throws UsageError {
        if (!DAY.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw new UsageError(flag + " \"" + value + "\" is not a day of the calendar");
        }
    }

    private static Instant instant(String flag, String value) throws UsageError {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageError(flag + " \"" + value + "\" is neither a UTC day like 2026-11-26 nor an instant"
                    + " like 2026-11-26T10:00:00Z");
        }
    }
}
