package keybot.bot.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import keybot.approvals.AuditEvent;
import keybot.approvals.EventType;
import keybot.approvals.KeyRequest;
import keybot.approvals.RequestHistory;
import keybot.approvals.State;

/**
 * What {@code keybot audit whose} tells about a key found somewhere: the request it was issued for, who asked and
 * who approved, and what happened to it. Never the key, nor any part of it.
 */
public final class WhoseReport {

    private WhoseReport() {}

    public static String of(RequestHistory history) {
        KeyRequest r = history.request();
        List<AuditEvent> events = history.events();
        StringBuilder out = new StringBuilder();
        out.append("Key request #").append(r.id()).append('\n');
        line(out, "Project", text(r.ask().projectName()) + " (" + text(r.ask().projectRef()) + ")");
        line(out, "Key name", text(r.ask().keyName()));
        line(out, "Supabase key id", r.issuedKey().map(k -> text(k.id())).orElse("-"));
        line(out, "Requested by", text(r.ask().requester()));
        line(out, "Requested at", time(r.ask().at()));
        line(out, "Reason", text(r.ask().reason()));
        line(out, r.state() == State.DENIED ? "Denied by" : "Approved by", decidedBy(r));
        line(
                out,
                "Key created at",
                last(events, EventType.KEY_CREATED).map(e -> time(e.at())).orElse("-"));
        line(
                out,
                "Delivered at",
                last(events, EventType.DELIVERED).map(e -> time(e.at())).orElse("not delivered"));
        line(out, "State", r.state().name());
        r.failureReason().ifPresent(f -> line(out, "Failure", text(f)));
        out.append("Events:\n");
        for (AuditEvent e : events) {
            out.append("  ")
                    .append(time(e.at()))
                    .append("  ")
                    .append(String.format("%-11s", e.type().name()))
                    .append("  ")
                    .append(text(e.actor()));
            if (e.detail() != null && !e.detail().isBlank()) {
                out.append("  ").append(text(e.detail()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Every approver when the project takes several approvals, else the one who decided; and when it was decided. */
    private static String decidedBy(KeyRequest r) {
        List<String> who = r.state() != State.DENIED && !r.approvals().isEmpty()
                ? r.approvals()
                : r.decided().map(d -> List.of(d.by())).orElse(List.of());
        if (who.isEmpty()) {
            return "-";
        }
        return who.stream().map(WhoseReport::text).collect(Collectors.joining(", "))
                + r.decided().map(d -> " at " + time(d.at())).orElse("");
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append("  ")
                .append(String.format("%-16s", label + ":"))
                .append(' ')
                .append(value)
                .append('\n');
    }

    /** The key now on the request is the one created last (a retry replaces it). */
    private static Optional<AuditEvent> last(List<AuditEvent> events, EventType type) {
        return events.stream().filter(e -> e.type() == type).reduce((a, b) -> b);
    }

    private static String time(Instant at) {
        return at == null ? "-" : at.toString();
    }

    /** Text people typed stays on one line and cannot move the terminal's cursor or change its colours. */
    static String text(String s) {
        if (s == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(c) || isBidiControl(c)) {
                out.append('\uFFFD');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Marks that reorder what follows them on screen (U+200E/F, U+202A–E, U+2066–9). */
    private static boolean isBidiControl(int c) {
        return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
