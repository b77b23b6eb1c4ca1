package keybot.bot.check;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import keybot.bot.MainAccess;
import keybot.db.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keybot check}, and serve's refusal to start on a broken setup: one line per check, a fix per failure. */
class SetupCheckTest {

    static final WireMockServer slack = new WireMockServer(options().dynamicPort());
    static final WireMockServer supabase = new WireMockServer(options().dynamicPort());
    static String databaseUrl;

    @TempDir
    Path dir;

    @BeforeAll
    static void standIns() {
        slack.start();
        supabase.start();
        slack.stubFor(
                post(urlEqualTo("/api/auth.test"))
                        .willReturn(
                                okJson(
                                        "{\"ok\":true,\"team_id\":\"T1\","
                                                + "\"user_id\":\"U0KEYBOT\",\"team\":\"Example\",\"user\":\"keybot\",\"url\":\"https://x.slack.com/\"}")));
        channel(
                "C0MEMBER",
                "{\"ok\":true,\"channel\":{\"id\":\"C0MEMBER\",\"name\":\"key-approvals\",\"is_member\":true}}");
        channel(
                "C0OUTSIDE",
                "{\"ok\":true,\"channel\":{\"id\":\"C0OUTSIDE\",\"name\":\"prod-keys\",\"is_member\":false}}");
        channel("C0GONE", "{\"ok\":false,\"error\":\"channel_not_found\"}");
        slack.stubFor(post(urlEqualTo("/api/usergroups.users.list"))
                .withRequestBody(containing("S0GOOD"))
                .willReturn(okJson("{\"ok\":true,\"users\":[\"U1\",\"U2\"]}")));
        slack.stubFor(post(urlEqualTo("/api/usergroups.users.list"))
                .withRequestBody(containing("S0BAD"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"no_such_subteam\"}")));
        supabase.stubFor(
                get(urlEqualTo("/v1/projects/abcdefghijklmnopqrst/api-keys")).willReturn(okJson("[]")));
        supabase.stubFor(get(urlEqualTo("/v1/projects/forbiddenprojectrefa/api-keys"))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withBody("{\"message\":\"Your account does not have the necessary privileges\"}")));
        databaseUrl = TestPostgres.freshJdbcUrl() + "&user=postgres";
    }

    @AfterAll
    static void stop() {
        slack.stop();
        supabase.stop();
    }

    private static void channel(String id, String answer) {
        slack.stubFor(post(urlEqualTo("/api/conversations.info"))
                .withRequestBody(containing("channel=" + id))
                .willReturn(okJson(answer)));
    }

    @Test
    void aGoodSetupPassesEveryCheck() throws Exception {
        Run run = run("check", """
                approvals_channel: C0MEMBER
                projects:
                  - name: production
                    ref: abcdefghijklmnopqrst
                    approvers: [UADMIN1]
                    approver_groups: [S0GOOD]
                """);
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("ok    Slack token: keybot is @keybot in workspace Example"), run.out());
        assertTrue(run.out().contains("ok    approvals channel C0MEMBER: keybot is a member of #key-approvals"));
        assertTrue(run.out().contains("ok    user group S0GOOD: 2 members"));
        assertTrue(run.out().contains("ok    Supabase project production"));
        assertTrue(run.out().contains("ok    database"));
        assertTrue(run.out().contains("all passed"));
    }

    @Test
    void eachBrokenPieceIsNamedWithItsFix() throws Exception {
        Run run = run("check", """
                approvals_channel: C0OUTSIDE
                projects:
                  - name: production
                    ref: abcdefghijklmnopqrst
                    approvers: [UADMIN1]
                    approver_groups: [S0BAD]
                    approvals_channel: C0GONE
                  - name: forbidden
                    ref: forbiddenprojectrefa
                    approvers: [UADMIN1]
                """);
        assertEquals(1, run.exit());
        assertTrue(
                run.out()
                        .contains("FAIL  approvals channel C0OUTSIDE — fix: keybot is not a member; run /invite"
                                + " @keybot in that channel"),
                run.out());
        assertTrue(run.out().contains("FAIL  approvals channel C0GONE — fix: no such channel"), run.out());
        assertTrue(run.out().contains("FAIL  user group S0BAD — fix: Slack answered no_such_subteam"), run.out());
        assertTrue(
                run.out()
                        .contains("FAIL  Supabase project forbidden (forbiddenprojectrefa) — fix: the access"
                                + " token may not read its API keys"),
                run.out());
        assertTrue(run.out().contains("4 failed"), run.out());
    }

    @Test
    void serveRefusesToStartOnABrokenSetupWithTheSameMessages() throws Exception {
        Run run = run("serve", productionWithApprovalsIn("C0OUTSIDE"));
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("keybot will not start until the failed checks are fixed"), run.err());
        assertTrue(run.err().contains("FAIL  approvals channel C0OUTSIDE — fix: keybot is not a member"));
    }

    @Test
    void aRevokedTokenIsNamed() throws Exception {
        var revoked = slack.stubFor(post(urlEqualTo("/api/auth.test"))
                .atPriority(1)
                .willReturn(okJson("{\"ok\":false,\"error\":\"token_revoked\"}")));
        try {
            Run run = run("check", productionWithApprovalsIn("C0MEMBER"));
            assertEquals(1, run.exit());
            assertTrue(
                    run.out().contains("FAIL  Slack token — fix: Slack answered token_revoked; set SLACK_BOT_TOKEN"),
                    run.out());
        } finally {
            slack.removeStub(revoked);
        }
    }

    record Run(int exit, String out, String err) {}

    /** A policy of one project, production, approved by UADMIN1 in {@code channel}. */
    private static String productionWithApprovalsIn(String channel) {
        return """
                approvals_channel: %s
                projects:
                  - name: production
                    ref: abcdefghijklmnopqrst
                    approvers: [UADMIN1]
                """.formatted(channel);
    }

    private Run run(String command, String policy) throws Exception {
        Path file = dir.resolve("keybot.yml");
        Files.writeString(file, policy);
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", "xoxb-check-test-token-0123456789");
        env.put("SLACK_SIGNING_SECRET", "check-signing-secret");
        env.put("SUPABASE_ACCESS_TOKEN", "sbp_check_test_token");
        env.put("SLACK_API_URL", slack.baseUrl() + "/api/");
        env.put("SUPABASE_API_URL", supabase.baseUrl());
        env.put("DATABASE_URL", databaseUrl);
        env.put("KEYBOT_CONFIG", file.toString());
        env.put("PORT", "0");
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = MainAccess.run(
                new String[] {command},
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
