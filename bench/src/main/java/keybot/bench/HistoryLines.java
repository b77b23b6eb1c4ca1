package keybot.bench;

import static keybot.bench.HistoryPlan.DELIVERED;
import static keybot.bench.HistoryPlan.DENIED;
import static keybot.bench.HistoryPlan.FAILED;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import keybot.approvals.Actors;
import keybot.approvals.AuditRecord;
import keybot.approvals.EventType;
import keybot.bench.Fixture.ProjectSpec;

/**
 * What a planned request's rows say: its audit lines, as keybot would have written them, and the values its
 * {@code key_request} row repeats from them (key name, key id and hash, message link), all derived from the plan
 * and the request's id.
 */
final class HistoryLines {

    private static final String[] REASONS = {
        "Nightly billing job writes invoices to the ledger tables",
        "New ingestion worker for the events pipeline (ticket OPS-%d)",
        "Rotating the key of the reporting service after the quarterly review",
        "Backfill script for the analytics warehouse, runs once and is deleted after",
        "CI job that seeds the preview databases for pull request %d",
    };

    private final HistoryPlan plan;

    HistoryLines(HistoryPlan plan) {
        this.plan = plan;
    }

    /** A request's audit lines, unchained, as keybot would have written them. */
    List<AuditRecord> lines(int id) {
        ProjectSpec p = plan.project(id);
        String who = Fixture.historyRequester(plan.requester(id));
        String decider = plan.approver(id);
        List<EventType> types = types(id);
        Instant created = plan.created(id);
        long step = Math.min(20_000, plan.spacingMillis() / (types.size() + 1));
        List<AuditRecord> lines = new ArrayList<>(types.size());
        boolean keyKnown = false;
        for (int i = 0; i < types.size(); i++) {
            EventType type = types.get(i);
            keyKnown |= type == EventType.KEY_CREATED;
            String actor = switch (type) {
                case REQUESTED -> who;
                case APPROVED, DENIED, RETRIED -> decider;
                default -> Actors.KEYBOT;
            };
            String detail = switch (type) {
                case REQUESTED -> reason(id);
                case DENIED -> "Use the shared reporting key instead; ask in #data if it lacks a table";
                case FAILED -> "Supabase kept answering 503 (6 attempts); an approver can retry";
                case KEY_CREATED -> "key " + keyId(id) + ", sha256 " + sha256(id);
                case DELIVERED -> "sent by direct message to " + who;
                default -> null;
            };
            lines.add(new AuditRecord(
                    0,
                    created.plusMillis(i * step + (i == 0 ? 0 : 137)),
                    id,
                    type,
                    actor,
                    actor.equals(Actors.KEYBOT) ? actor : actor.substring(2).toLowerCase(),
                    p.name(),
                    keyName(id),
                    keyKnown ? keyId(id) : null,
                    keyKnown ? sha256(id) : null,
                    detail,
                    i == 0 ? null : link(id),
                    null,
                    null));
        }
        return lines;
    }

    /** What happened to the request, in order: asked, decided, and for approved ones each retry round. */
    private List<EventType> types(int id) {
        List<EventType> types = new ArrayList<>();
        types.add(EventType.REQUESTED);
        switch (plan.state(id)) {
            case DENIED -> types.add(EventType.DENIED);
            case DELIVERED, FAILED -> {
                types.add(EventType.APPROVED);
                for (int r = 0; r < plan.rounds(id); r++) {
                    types.add(EventType.FAILED);
                    types.add(EventType.RETRIED);
                }
                if (plan.state(id) == DELIVERED) {
                    types.add(EventType.KEY_CREATED);
                    types.add(EventType.DELIVERED);
                } else {
                    types.add(EventType.FAILED);
                }
            }
            default -> {}
        }
        return types;
    }

    String keyName(int id) {
        return keyNameOf(plan.keyName(id));
    }

    String link(int id) {
        return "https://bench.slack.com/archives/" + Fixture.CHANNEL + "/p"
                + plan.messageTs(id).replace(".", "");
    }

    static String keyNameOf(int n) {
        return String.format("svc_worker_%04d", n);
    }

    static String keyId(int id) {
        return new UUID(HistoryPlan.SEED, id).toString();
    }

    static String sha256(int id) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(("bench key " + id).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hint(int id) {
        return sha256(id).substring(0, 6);
    }

    private static String reason(int id) {
        String template = REASONS[id % REASONS.length];
        return template.contains("%d") ? String.format(template, 1000 + id % 9000) : template;
    }
}
