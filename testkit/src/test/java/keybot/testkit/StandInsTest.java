package keybot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The stand-ins answer what keybot asks as the real APIs would, and tell their listeners of every call. */
class StandInsTest {

    private static final String REF = "abcdefghijklmnopqrst";
    private static final String OTHER_REF = "zyxwvutsrqponmlkjihg";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void slackAnswersEveryMethodKeybotCallsAndCountsThem() throws Exception {
        try (StandInSlack slack = StandInSlack.builder().workspace("acme").start()) {
            JsonObject auth = slackApi(slack, "auth.test", "");
            JsonObject posted = slackApi(slack, "chat.postMessage", "channel=C0APPROVALS&text=hello");
            JsonObject user = slackApi(slack, "users.info", "user=U0STEVE");
            JsonObject dm = slackApi(slack, "conversations.open", "users=U0STEVE");
            JsonObject unknown = slackApi(slack, "admin.users.remove", "");
            post(URI.create(slack.responseUrl()), "{\"text\":\"only you\"}");

            assertEquals("https://acme.slack.com/", auth.get("url").getAsString());
            assertEquals("C0APPROVALS", posted.get("channel").getAsString());
            assertTrue(posted.get("ts").getAsString().endsWith(".000100"));
            assertEquals("steve", user.getAsJsonObject("user").get("name").getAsString());
            assertEquals("D0U0STEVE", dm.getAsJsonObject("channel").get("id").getAsString());
            assertEquals("unknown_method", unknown.get("error").getAsString());
            for (String method : List.of(
                    "views.open",
                    "views.publish",
                    "views.update",
                    "chat.update",
                    "chat.postEphemeral",
                    "conversations.info",
                    "usergroups.users.list")) {
                assertTrue(
                        slackApi(slack, method, "channel=C0APPROVALS").get("ok").getAsBoolean(), method);
            }
            assertEquals(13, slack.callCount());
            assertEquals(1L, slack.callsByMethod().get(StandInSlack.RESPONSE_URL));
            assertEquals(1L, slack.callsByMethod().get("chat.postMessage"));
            assertThrows(IllegalStateException.class, slack::calls, "calls are kept only when asked");
        }
    }

    @Test
    void slackTellsItsListenerOfEachCallAndKeepsThemWhenAsked() throws Exception {
        List<StandInSlack.Call> heard = new CopyOnWriteArrayList<>();
        try (StandInSlack slack =
                StandInSlack.builder().keepCalls().onCall(heard::add).start()) {
            slackApi(slack, "chat.postMessage", "channel=D0U0STEVE&text=a+%26+b&blocks=%5B%5D");
            post(URI.create(slack.responseUrl()), "{\"text\":\"only you\"}");

            assertEquals(heard, slack.calls());
            StandInSlack.Call message = heard.get(0);
            assertEquals("chat.postMessage", message.method());
            assertEquals("D0U0STEVE", message.field("channel"));
            assertEquals("a & b", message.text());
            assertEquals("[]", message.field("blocks"));
            assertEquals(null, message.field("thread_ts"));
            assertEquals("Bearer xoxb-test", message.authorization());
            assertEquals(StandInSlack.RESPONSE_URL, heard.get(1).method());
            assertEquals("only you", heard.get(1).text());
        }
    }

    @Test
    void supabaseMasksANewKeyRevealsItWhenAskedAndListsItInItsProject() throws Exception {
        List<StandInSupabase.Call> heard = new CopyOnWriteArrayList<>();
        try (StandInSupabase supabase =
                StandInSupabase.builder().onCall(heard::add).start()) {
            JsonObject created = createKey(supabase, REF, "keybot request #42 by U0STEVE, approved by U0ALICE: ci");
            String id = created.get("id").getAsString();
            String secret = getJson(supabase.url().resolve(keyPath(REF, id) + "?reveal=true"))
                    .get("api_key")
                    .getAsString();
            String read = getJson(supabase.url().resolve(keyPath(REF, id)))
                    .get("api_key")
                    .getAsString();
            String listed = get(supabase.url().resolve("/v1/projects/" + REF + "/api-keys"))
                    .body();
            String otherProject = get(supabase.url().resolve("/v1/projects/" + OTHER_REF + "/api-keys"))
                    .body();

            assertTrue(created.get("api_key").getAsString().contains("·"), "the create answer is masked");
            assertTrue(secret.matches("sb_secret_[A-Za-z0-9]{31}"), "revealed");
            assertTrue(read.contains("·"), "read without reveal=true is masked");
            assertTrue(listed.contains(id) && !listed.contains(secret), "listed, masked");
            assertEquals("[]", otherProject);
            assertEquals(1, supabase.keysCreated());
            assertEquals(
                    List.of(
                            StandInSupabase.Action.CREATE,
                            StandInSupabase.Action.REVEAL,
                            StandInSupabase.Action.READ,
                            StandInSupabase.Action.LIST,
                            StandInSupabase.Action.LIST),
                    heard.stream().map(StandInSupabase.Call::action).toList());
            StandInSupabase.Key key = heard.get(0).key();
            assertEquals(secret, key.secret());
            assertEquals(OptionalLong.of(42), key.request());
            assertFalse(key.toString().contains(secret), "a key's toString hides its secret");
            assertEquals(
                    404, get(supabase.url().resolve(keyPath(OTHER_REF, id))).statusCode());
        }
    }

    @Test
    void supabaseCanForgetAKeyOnceRevealedAndAnswerOnAPool() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        try (StandInSupabase supabase = StandInSupabase.builder()
                .threads(2)
                .forgetRevealed()
                .onCall(call -> threads.add(Thread.currentThread().getName()))
                .start()) {
            String id = createKey(supabase, REF, "not made by keybot").get("id").getAsString();
            URI reveal = supabase.url().resolve(keyPath(REF, id) + "?reveal=true");

            assertEquals(200, get(reveal).statusCode());
            assertEquals(404, get(reveal).statusCode(), "forgotten once revealed");
            assertEquals(
                    "[]",
                    get(supabase.url().resolve("/v1/projects/" + REF + "/api-keys"))
                            .body());
            assertTrue(threads.stream().allMatch(t -> t.startsWith(LocalHttp.THREAD_PREFIX + "supabase-")), "pool");
        }
    }

    private JsonObject slackApi(StandInSlack slack, String method, String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(slack.apiUrl().resolve(method))
                .header("Authorization", "Bearer xoxb-test")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return JsonParser.parseString(send(request).body()).getAsJsonObject();
    }

    private JsonObject createKey(StandInSupabase supabase, String ref, String description) throws Exception {
        JsonObject body = new JsonObject();
        body.addProperty("type", "secret");
        body.addProperty("name", "ci_worker");
        body.addProperty("description", description);
        HttpResponse<String> created =
                post(supabase.url().resolve("/v1/projects/" + ref + "/api-keys"), body.toString());
        assertEquals(201, created.statusCode());
        return JsonParser.parseString(created.body()).getAsJsonObject();
    }

    private static String keyPath(String ref, String id) {
        return "/v1/projects/" + ref + "/api-keys/" + id;
    }

    private JsonObject getJson(URI uri) throws Exception {
        return JsonParser.parseString(get(uri).body()).getAsJsonObject();
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    private HttpResponse<String> post(URI uri, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
