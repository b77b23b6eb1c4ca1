package keybot.bot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.util.json.GsonFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import keybot.approvals.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestModalTest {

    private static final Project PRODUCTION = new Project("production", "abcdefghijklmnopqrst", Set.of("UADMIN1"), 1);
    private static final Project STAGING = new Project("staging", "stagingprojectrefabc", Set.of("UADMIN1"), 1);

    @Test
    void modalIsTheKeyRequestFormWithSubmitAndClose() {
        // when
        JsonObject view = render(List.of(PRODUCTION, STAGING));

        // then
        assertEquals("modal", view.get("type").getAsString());
        assertEquals("key_request", view.get("callback_id").getAsString());
        assertEquals(Ids.KEY_REQUEST, view.get("callback_id").getAsString());
        for (String part : List.of("title", "submit", "close")) {
            JsonObject text = view.getAsJsonObject(part);
            assertEquals("plain_text", text.get("type").getAsString(), part);
            assertTrue(text.get("text").getAsString().length() <= 24, part + " is longer than Slack allows");
        }
    }

    @Test
    void inputsAreProjectKeyNameReasonDescriptionInThatOrder() {
        // when
        JsonArray blocks = render(List.of(PRODUCTION, STAGING)).getAsJsonArray("blocks");

        // then
        List<String> blockIds = new ArrayList<>();
        for (JsonElement block : blocks) {
            assertEquals("input", block.getAsJsonObject().get("type").getAsString());
            blockIds.add(block.getAsJsonObject().get("block_id").getAsString());
        }
        assertEquals(List.of("project", "key_name", "reason", "description"), blockIds);
    }

    @ParameterizedTest
    @CsvSource({
        "project, static_select",
        "key_name, plain_text_input",
        "reason, plain_text_input",
        "description, plain_text_input"
    })
    void eachInputUsesTheSameIdForBlockAndAction(String id, String elementType) {
        // when
        JsonObject block = input(render(List.of(PRODUCTION, STAGING)), id);

        // then
        JsonObject element = block.getAsJsonObject("element");
        assertEquals(id, element.get("action_id").getAsString());
        assertEquals(elementType, element.get("type").getAsString());
    }

    @Test
    void onlyTheDescriptionIsOptional() {
        // when
        JsonObject view = render(List.of(PRODUCTION));

        // then
        assertTrue(optional(input(view, "description")));
        for (String id : List.of("project", "key_name", "reason")) {
            assertFalse(optional(input(view, id)), id + " must be required");
        }
    }

    @Test
    void projectOptionsShowNamesAndCarryRefs() {
        // when
        JsonArray options = input(render(List.of(PRODUCTION, STAGING)), "project")
                .getAsJsonObject("element")
                .getAsJsonArray("options");

        // then
        assertEquals(2, options.size());
        assertEquals(
                "production",
                options.get(0)
                        .getAsJsonObject()
                        .getAsJsonObject("text")
                        .get("text")
                        .getAsString());
        assertEquals(
                "abcdefghijklmnopqrst",
                options.get(0).getAsJsonObject().get("value").getAsString());
        assertEquals(
                "staging",
                options.get(1)
                        .getAsJsonObject()
                        .getAsJsonObject("text")
                        .get("text")
                        .getAsString());
        assertEquals(
                "stagingprojectrefabc",
                options.get(1).getAsJsonObject().get("value").getAsString());
    }

    @Test
    void withOneProjectItIsChosenAlready() {
        // when
        JsonObject select = input(render(List.of(PRODUCTION)), "project").getAsJsonObject("element");

        // then
        assertTrue(select.has("initial_option"), select::toString);
        assertEquals(
                "abcdefghijklmnopqrst",
                select.getAsJsonObject("initial_option").get("value").getAsString());
    }

    @Test
    void withTwoProjectsNoneIsChosen() {
        // when
        JsonObject select =
                input(render(List.of(PRODUCTION, STAGING)), "project").getAsJsonObject("element");

        // then
        assertFalse(select.has("initial_option"), select::toString);
    }

    @Test
    void longProjectNamesAndManyProjectsStayWithinSlacksSelectLimits() {
        // given: 120 projects with 100-character names
        List<Project> many = IntStream.range(0, 120)
                .mapToObj(i -> new Project("p".repeat(97) + String.format("%03d", i), ref(i), Set.of("UADMIN1"), 1))
                .toList();

        // when
        JsonArray options =
                input(render(many), "project").getAsJsonObject("element").getAsJsonArray("options");

        // then
        assertEquals(100, options.size());
        for (JsonElement option : options) {
            String text =
                    option.getAsJsonObject().getAsJsonObject("text").get("text").getAsString();
            assertTrue(text.length() <= 75, text);
        }
    }

    @Test
    void textInputsHaveLengthLimits() {
        // when
        JsonObject view = render(List.of(PRODUCTION));

        // then
        for (String id : List.of("key_name", "reason", "description")) {
            JsonObject element = input(view, id).getAsJsonObject("element");
            assertTrue(element.has("max_length"), id);
        }
        assertTrue(input(view, "reason")
                .getAsJsonObject("element")
                .get("multiline")
                .getAsBoolean());
    }

    private static String ref(int i) {
        return "abcdefghijklmnopq" + (char) ('a' + i / 26 / 26 % 26) + (char) ('a' + i / 26 % 26)
                + (char) ('a' + i % 26);
    }

    private static JsonObject render(List<Project> projects) {
        String json = GsonFactory.createSnakeCase().toJson(RequestModal.view(projects));
        return JsonParser.parseString(json).getAsJsonObject();
    }

    private static JsonObject input(JsonObject view, String blockId) {
        for (JsonElement block : view.getAsJsonArray("blocks")) {
            if (blockId.equals(block.getAsJsonObject().get("block_id").getAsString())) {
                return block.getAsJsonObject();
            }
        }
        throw new AssertionError("no block " + blockId + " in " + view);
    }

    private static boolean optional(JsonObject input) {
        return input.has("optional") && input.get("optional").getAsBoolean();
    }
}
