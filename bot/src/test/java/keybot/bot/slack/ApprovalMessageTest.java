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
import keybot.approvals.KeyRequest;
import keybot.approvals.KeyRequest.Decision;
import keybot.approvals.KeyRequest.IssuedKey;
import keybot.approvals.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ApprovalMessageTest {

    private static final Instant CREATED = Instant.parse("2024-05-01T09:00:00Z");
    private static final Instant DECIDED = Instant.parse("2024-05-01T09:05:00Z");

    @Test
    void pendingRequestHasApproveAndDenyButtonsCarryingTheRequestId() {
        // given
        KeyRequest request = request(42, State.PENDING, "Nightly billing job", null, null, null);

        // when
        JsonArray blocks = render(request);

        // then
        List<JsonObject> actions = blocksOfType(blocks, "actions");
        assertEquals(1, actions.size(), blocks::toString);
        JsonObject decision = actions.get(0);
        assertEquals(Ids.DECISION, decision.get("block_id").getAsString());
        assertEquals("decision", decision.get("block_id").getAsString());
        JsonArray buttons = decision.getAsJsonArray("elements");
        assertEquals(2, buttons.size());
        assertButton(buttons.get(0).getAsJsonObject(), "approve", "42", "primary");
        assertButton(buttons.get(1).getAsJsonObject(), "deny", "42", "danger");
    }

    @Test
    void pendingRequestShowsRequesterProjectKeyAndReason() {
        // given
        KeyRequest request = request(42, State.PENDING, "Nightly billing job", "billing worker key", null, null);

        // when
        String text = String.join("\n", texts(render(request)));

        // then
        assertTrue(text.contains("*Key request #42* from <@USTEVE>"), text);
        assertTrue(text.contains("production (`abcdefghijklmnopqrst`)"), text);
        assertTrue(text.contains("`billing_worker`"), text);
        assertTrue(text.contains("*Reason:* `Nightly billing job`"), text);
        assertTrue(text.contains("*Description:* `billing worker key`"), text);
        assertTrue(text.contains("pending"), text);
    }

    @Test
    void blankDescriptionIsLeftOut() {
        // given
        KeyRequest request = request(42, State.PENDING, "Nightly billing job", "   ", null, null);

        // when
        String text = String.join("\n", texts(render(request)));

        // then
        assertFalse(text.contains("Description"), text);
    }

    @Test
    void hostileUserTextIsEscaped() {
        // given
        String hostile = "<!channel> <@U1> *bold* <https://evil.example|click> & more";
        KeyRequest request = TestRequests.in(
                7, TestRequests.ask("prod <!here>", "k<@U2>", hostile, hostile, CREATED), State.PENDING, null, null);

        // when
        List<String> texts = texts(render(request));
        String all = String.join("\n", texts);

        // then
        assertTrue(
                all.contains("*Reason:* `&lt;!channel&gt; &lt;@U1&gt; *bold* "
                        + "&lt;https://evil.example|click&gt; &amp; more`"),
                all);
        assertTrue(all.contains("*Description:* `&lt;!channel&gt;"), all);
        assertTrue(all.contains("prod &lt;!here&gt;"), all);
        assertTrue(all.contains("k&lt;@U2&gt;"), all);
        for (String forbidden : List.of("<!channel>", "<!here>", "<@U1>", "<@U2>", "<https://evil")) {
            assertFalse(all.contains(forbidden), () -> forbidden + " is live in: " + all);
        }
    }

    static List<String> hostileTexts() {
        return List.of(
                "<!channel> please approve",
                "*URGENT* approved by security ~not really~ _trust me_ `code`",
                "```\nbreak out of the block\n```",
                ":white_check_mark: *Approved by <@UCTO>*",
                "invoice\u202Efdp.exe",
                "hid\u200Bden\uFEFF text \u2066isolated\u2069 \u200Fmark",
                "bell\u0007 escape\u001B[31m red\u009B csi",
                "&lt;!channel&gt; already escaped",
                "> looks like a quote\n> from keybot",
                "windows\r\nold mac\rline separator\u2028end",
                "\n".repeat(500) + "after many blank lines",
                "<&>".repeat(1000),
                "`".repeat(1500),
                "\uD83D\uDE00".repeat(1600),
                "lone \uD800 surrogate \uDC00 halves",
                "https://evil.example/login and #general and @here");
    }

    @ParameterizedTest
    @MethodSource("hostileTexts")
    void userTextCannotPingLinkFormatHideOrOverflow(String hostile) {
        // given
        KeyRequest request = request(42, State.PENDING, hostile, hostile, null, null);

        // when
        JsonArray blocks = render(request);
        List<String> texts = texts(blocks);

        // then nothing Slack would turn into a ping or a link is live
        String all = String.join("\n", texts);
        for (String live : List.of("<!channel", "<!here", "<@UCTO", "<#", "<http")) {
            assertFalse(all.contains(live), () -> live + " is live in: " + all);
        }
        // and every mrkdwn text is sent verbatim, so typed @here, #channel and URLs stay text
        List<JsonObject> mrkdwn = mrkdwnObjects(blocks);
        assertFalse(mrkdwn.isEmpty());
        mrkdwn.forEach(m -> assertTrue(m.has("verbatim") && m.get("verbatim").getAsBoolean(), m::toString));
        for (String text : texts) {
            assertTrue(text.length() <= SlackText.SECTION_MAX, () -> "a text of " + text.length() + " chars");
            assertTrue(text.codePoints().noneMatch(ApprovalMessageTest::isInvisible), () -> "invisible in " + text);
        }
        // and the reason is inline code, line by line, which Slack never formats
        String reason = texts.stream()
                .filter(t -> t.startsWith("*Reason:* "))
                .findFirst()
                .orElseThrow();
        for (String line : reason.substring("*Reason:* ".length()).split("\n")) {
            assertTrue(
                    line.isEmpty()
                            || line.startsWith("`")
                                    && line.endsWith("`")
                                    && line.chars().filter(c -> c == '`').count() == 2,
                    () -> "not one code span: " + line);
        }
    }

    private static List<JsonObject> mrkdwnObjects(JsonElement element) {
        List<JsonObject> found = new ArrayList<>();
        if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(e -> found.addAll(mrkdwnObjects(e)));
        } else if (element.isJsonObject()) {
            JsonObject o = element.getAsJsonObject();
            if (o.has("type") && "mrkdwn".equals(o.get("type").getAsString())) {
                found.add(o);
            }
            o.entrySet().forEach(e -> found.addAll(mrkdwnObjects(e.getValue())));
        }
        return found;
    }

    private static boolean isInvisible(int c) {
        return c < 0x20 && c != '\n' && c != '\t'
                || c >= 0x7F && c <= 0x9F
                || c >= 0x200B && c <= 0x200F
                || c >= 0x202A && c <= 0x202E
                || c >= 0x2066 && c <= 0x2069
                || c == 0xFEFF
                || Character.isSurrogate((char) c) && c <= 0xFFFF;
    }

    @Test
    void longReasonAndDescriptionAreTruncatedWithinSlacksSectionLimit() {
        // given
        String longText = "r".repeat(5000);
        KeyRequest request = request(42, State.PENDING, longText, "d".repeat(5000), null, null);

        // when
        List<String> texts = texts(render(request));

        // then
        for (String text : texts) {
            assertTrue(text.length() <= 3000, () -> "a text of " + text.length() + " chars");
        }
        String reason = texts.stream()
                .filter(t -> t.startsWith("*Reason:*"))
                .findFirst()
                .orElseThrow();
        assertTrue(reason.endsWith("…`"), reason.substring(reason.length() - 10));
        String description = texts.stream()
                .filter(t -> t.startsWith("*Description:*"))
                .findFirst()
                .orElseThrow();
        assertTrue(description.endsWith("…`"));
    }

    @Test
    void longEscapedReasonIsStillWithinTheLimit() {
        // given: every character grows to four or five when escaped
        KeyRequest request = request(42, State.PENDING, "<&>".repeat(1700), null, null, null);

        // when
        List<String> texts = texts(render(request));

        // then
        texts.forEach(t -> assertTrue(t.length() <= 3000, () -> "a text of " + t.length() + " chars"));
    }

    @ParameterizedTest
    @EnumSource(
            value = State.class,
            names = {"PENDING", "FAILED"},
            mode = EnumSource.Mode.EXCLUDE)
    void decidedRequestHasNoButtons(State state) {
        // given
        KeyRequest request = request(
                42,
                state,
                "Nightly billing job",
                null,
                new Decision("UADMIN1", DECIDED, state == State.DENIED ? "not in prod" : null),
                state == State.DELIVERED ? new IssuedKey("key-id-1", "fp", "sb_secret_ab…") : null);

        // when
        JsonArray blocks = render(request);

        // then
        assertEquals(List.of(), blocksOfType(blocks, "actions"));
        assertFalse(blocks.toString().contains("\"button\""), blocks::toString);
        assertEquals(1, blocksOfType(blocks, "context").size(), blocks::toString);
    }

    @Test
    void deliveredStatusNamesTheApproverTheKeyAndTheRequester() {
        // given
        KeyRequest request = request(
                42,
                State.DELIVERED,
                "Nightly billing job",
                null,
                new Decision("UADMIN1", DECIDED, null),
                new IssuedKey("key-id-1", "fp", "sb_secret_ab…"));

        // when
        String status = statusLine(render(request));

        // then
        assertTrue(status.contains("Approved by <@UADMIN1>"), status);
        assertTrue(status.contains("<!date^" + DECIDED.getEpochSecond()), status);
        assertTrue(status.contains("`key-id-1`"), status);
        assertTrue(status.contains("sent to <@USTEVE>"), status);
    }

    @Test
    void deniedStatusNamesTheApproverAndTheirEscapedReason() {
        // given
        KeyRequest request = request(
                42,
                State.DENIED,
                "Nightly billing job",
                null,
                new Decision("UADMIN1", DECIDED, "use the staging project <!here>"),
                null);

        // when
        String status = statusLine(render(request));

        // then
        assertTrue(status.contains("Denied by <@UADMIN1>"), status);
        assertTrue(status.contains("use the staging project &lt;!here&gt;"), status);
        assertFalse(status.contains("<!here>"), status);
    }

    @Test
    void failedStatusNamesTheApproverAndTheFailure() {
        // given
        KeyRequest request = TestRequests.in(
                42,
                TestRequests.ask("production", "billing_worker", "Nightly billing job", null, CREATED),
                State.FAILED,
                new Decision("UADMIN1", DECIDED, null),
                null,
                "Supabase refused to create the key (HTTP 403 <forbidden>)",
                List.of());

        // when
        String status = statusLine(render(request));

        // then
        assertTrue(status.contains("Approved by <@UADMIN1>"), status);
        assertTrue(
                status.contains("but it failed: Supabase refused to create the key (HTTP 403 &lt;forbidden&gt;)"),
                status);
    }

    @Test
    void veryLongDenyReasonStaysWithinTheLimit() {
        // given
        KeyRequest request = request(
                42,
                State.DENIED,
                "Nightly billing job",
                null,
                new Decision("UADMIN1", DECIDED, "n".repeat(5000)),
                null);

        // when
        String status = statusLine(render(request));

        // then
        assertTrue(status.length() <= 3000, () -> "status of " + status.length() + " chars");
        assertTrue(status.endsWith("…"));
    }

    @Test
    void fallbackNamesRequestKeyProjectAndState() {
        // given
        KeyRequest request = request(42, State.PENDING, "Nightly billing job", null, null, null);

        // when / then
        assertEquals("Key request #42: billing_worker in production (PENDING)", ApprovalMessage.fallback(request));
    }

    private static KeyRequest request(
            long id, State state, String reason, String description, Decision decision, IssuedKey key) {
        return TestRequests.in(
                id,
                TestRequests.ask("production", "billing_worker", reason, description, CREATED),
                state,
                decision,
                key);
    }

    private static JsonArray render(KeyRequest request) {
        String json = GsonFactory.createSnakeCase().toJson(ApprovalMessage.blocks(request));
        return JsonParser.parseString(json).getAsJsonArray();
    }

    private static List<JsonObject> blocksOfType(JsonArray blocks, String type) {
        List<JsonObject> found = new ArrayList<>();
        for (JsonElement block : blocks) {
            if (type.equals(block.getAsJsonObject().get("type").getAsString())) {
                found.add(block.getAsJsonObject());
            }
        }
        return found;
    }

    /** Every text Slack renders: section texts and fields, context elements. */
    private static List<String> texts(JsonArray blocks) {
        List<String> texts = new ArrayList<>();
        for (JsonElement element : blocks) {
            JsonObject block = element.getAsJsonObject();
            if (block.has("text")) {
                texts.add(block.getAsJsonObject("text").get("text").getAsString());
            }
            for (String list : List.of("fields", "elements")) {
                if (block.has(list)) {
                    for (JsonElement item : block.getAsJsonArray(list)) {
                        JsonObject o = item.getAsJsonObject();
                        if (o.has("text") && o.get("text").isJsonPrimitive()) {
                            texts.add(o.get("text").getAsString());
                        }
                    }
                }
            }
        }
        return texts;
    }

    private static String statusLine(JsonArray blocks) {
        List<JsonObject> context = blocksOfType(blocks, "context");
        assertEquals(1, context.size(), blocks::toString);
        return context.get(0)
                .getAsJsonArray("elements")
                .get(0)
                .getAsJsonObject()
                .get("text")
                .getAsString();
    }

    private static void assertButton(JsonObject button, String actionId, String value, String style) {
        assertEquals("button", button.get("type").getAsString());
        assertEquals(actionId, button.get("action_id").getAsString());
        assertEquals(value, button.get("value").getAsString());
        assertEquals(style, button.get("style").getAsString());
    }

    @Test
    void failedRequestOffersApproversARetry() {
        // given
        KeyRequest request =
                request(42, State.FAILED, "Nightly billing job", null, new Decision("UADMIN1", DECIDED, null), null);
        // when
        JsonArray blocks = render(request);
        // then
        String json = blocks.toString();
        assertTrue(json.contains("\"action_id\":\"retry\"") && json.contains("\"value\":\"42\""), json);
        assertFalse(json.contains("\"action_id\":\"approve\""), json);
    }
}
