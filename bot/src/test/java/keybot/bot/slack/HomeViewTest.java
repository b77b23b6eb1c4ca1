package keybot.bot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.util.json.GsonFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import keybot.approvals.KeyRequest;
import keybot.approvals.RequestHistory;
import keybot.approvals.State;
import org.junit.jupiter.api.Test;

/** keybot's App Home, read block by block. */
class HomeViewTest {

    static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    private static KeyRequest request(long id, String keyName, String reason, State state) {
        return TestRequests.in(id, TestRequests.ask("production", keyName, reason, null, AT), state, null, null);
    }

    private static RequestHistory history(long id, String keyName, State state) {
        return new RequestHistory(request(id, keyName, "why", state), List.of());
    }

    private static JsonArray blocks(
            List<RequestHistory> mine, List<KeyRequest> waiting, List<RequestHistory> recent, boolean approver) {
        String json = GsonFactory.createSnakeCase().toJson(HomeView.view(mine, waiting, recent, approver));
        JsonObject view = JsonParser.parseString(json).getAsJsonObject();
        assertEquals("home", view.get("type").getAsString());
        return view.getAsJsonArray("blocks");
    }

    private static List<String> headers(JsonArray blocks) {
        List<String> headers = new ArrayList<>();
        for (JsonElement b : blocks) {
            if ("header".equals(b.getAsJsonObject().get("type").getAsString())) {
                headers.add(
                        b.getAsJsonObject().getAsJsonObject("text").get("text").getAsString());
            }
        }
        return headers;
    }

    private static List<JsonObject> ofType(JsonArray blocks, String type) {
        List<JsonObject> found = new ArrayList<>();
        blocks.forEach(b -> {
            if (type.equals(b.getAsJsonObject().get("type").getAsString())) {
                found.add(b.getAsJsonObject());
            }
        });
        return found;
    }

    private static String sectionText(JsonObject section) {
        return section.getAsJsonObject("text").get("text").getAsString();
    }

    @Test
    void aRequesterSeesOnlyTheirOwnRequestsWithTheirStates() {
        // when
        JsonArray blocks = blocks(
                List.of(history(2, "second_key", State.DELIVERED), history(1, "first_key", State.PENDING)),
                List.of(),
                List.of(),
                false);
        // then
        assertEquals(List.of("My requests"), headers(blocks));
        assertEquals(List.of(), ofType(blocks, "actions"), "no decisions for a requester");
        String mine = sectionText(ofType(blocks, "section").get(0));
        assertTrue(mine.indexOf("*#2* `second_key`") < mine.indexOf("*#1* `first_key`"), mine);
        assertTrue(mine.contains("*delivered*") && mine.contains("*pending*"), mine);
    }

    @Test
    void anApproverSeesWhatWaitsForThemWithTheMessagesButtonsTheirOwnAndRecentRequests() {
        // when
        JsonArray blocks = blocks(
                List.of(),
                List.of(request(7, "waiting_key", "for the invoices", State.PENDING)),
                List.of(history(7, "waiting_key", State.PENDING)),
                true);
        // then
        assertEquals(List.of("Waiting for you", "My requests", "Recent requests"), headers(blocks));
        List<JsonObject> actions = ofType(blocks, "actions");
        assertEquals(1, actions.size());
        assertEquals(Ids.DECISION + "_7", actions.get(0).get("block_id").getAsString());
        JsonArray buttons = actions.get(0).getAsJsonArray("elements");
        assertEquals(
                List.of(Ids.APPROVE, Ids.DENY),
                List.of(
                        buttons.get(0).getAsJsonObject().get("action_id").getAsString(),
                        buttons.get(1).getAsJsonObject().get("action_id").getAsString()));
        assertEquals("7", buttons.get(0).getAsJsonObject().get("value").getAsString());
        assertEquals("7", buttons.get(1).getAsJsonObject().get("value").getAsString());
        assertTrue(sectionText(ofType(blocks, "section").get(0)).contains("for the invoices"));
    }

    @Test
    void anApproverWithNothingWaitingIsToldSo() {
        JsonArray blocks = blocks(List.of(), List.of(), List.of(), true);
        assertEquals(
                "Nothing is waiting for your decision.",
                sectionText(ofType(blocks, "section").get(0)));
        assertEquals(List.of(), ofType(blocks, "actions"));
    }

    @Test
    void aRequestersTextCannotPingOrLinkFromAppHome() {
        // when
        JsonArray blocks = blocks(
                List.of(),
                List.of(request(8, "k", "<!channel> see <https://evil.example|this>", State.PENDING)),
                List.of(),
                true);
        // then
        String waiting = sectionText(ofType(blocks, "section").get(0));
        assertFalse(waiting.contains("<!channel>") || waiting.contains("<https://"), waiting);
        assertTrue(waiting.contains("&lt;!channel&gt;"), waiting);
    }

    @Test
    void aLongListStaysWithinASectionsLimit() {
        // given more requests than one section can show
        List<RequestHistory> many = IntStream.rangeClosed(1, 200)
                .mapToObj(i -> history(i, "key_with_a_rather_long_name_" + i, State.DELIVERED))
                .toList();
        // when
        JsonArray blocks = blocks(many, List.of(), List.of(), false);
        // then
        String mine = sectionText(ofType(blocks, "section").get(0));
        assertTrue(mine.length() <= SlackText.SECTION_MAX, () -> mine.length() + " characters");
        assertTrue(mine.startsWith("• *#1*"), "the list is cut at its end: " + mine.substring(0, 40));
    }
}
