package keybot.bot.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import keybot.approvals.HistoryQuery;
import keybot.approvals.RequestHistory;

/** A page of history, newest first, with an "Older" button that carries the query for the next page. */
public final class HistoryPage {

    public static final int SIZE = 5;

    private HistoryPage() {}

    public static List<LayoutBlock> blocks(List<RequestHistory> page, boolean everyone, HistoryQuery query) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(HistoryText.of(page, everyone)))));
        if (page.size() == query.limit()) {
            String next =
                    encode(query.before(page.get(page.size() - 1).request().id()));
            blocks.add(actions(a -> a.elements(List.of(
                    button(b -> b.actionId(Ids.HISTORY_OLDER).value(next).text(plainText("Older")))))));
        }
        return blocks;
    }

    /** The query as a button value: it comes back in a signed click, but is checked again like any input. */
    static String encode(HistoryQuery q) {
        Map<String, String> parts = new LinkedHashMap<>();
        q.requester().ifPresent(v -> parts.put("r", v));
        q.projectRef().ifPresent(v -> parts.put("p", v));
        q.keyName().ifPresent(v -> parts.put("k", v));
        q.beforeId().ifPresent(v -> parts.put("b", String.valueOf(v)));
        StringBuilder out = new StringBuilder();
        parts.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    /** Reads a button value back; anything malformed reads as the first page of everything one may see. */
    static HistoryQuery decode(String value) {
        HistoryQuery q = HistoryQuery.newest(SIZE);
        for (String pair : value == null ? new String[0] : value.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                continue;
            }
            String v;
            try {
                v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                continue; // a forged value; what decodes still counts
            }
            q = switch (pair.substring(0, eq)) {
                case "r" -> q.ofRequester(v);
                case "p" -> q.ofProject(v);
                case "k" -> q.ofKeyName(v);
                case "b" -> parseId(v).map(q::before).orElse(q);
                default -> q;
            };
        }
        return q;
    }

    private static Optional<Long> parseId(String v) {
        try {
            return Optional.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
