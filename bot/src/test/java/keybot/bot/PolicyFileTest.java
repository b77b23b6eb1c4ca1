package keybot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import keybot.approvals.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyFileTest {

    private static final String SOURCE = "KEYBOT_CONFIG (test.yml)";

    /** A valid file; the bad cases below each change one line of it. */
    private static final String VALID = """
            command: /request-key
            approvals_channel: C0APPROVALS
            projects:
              - name: production
                ref: abcdefghijklmnopqrst
                approvers: [UADMIN1, UADMIN2]
              - name: staging
                ref: stagingprojectrefabc
                approvers: [WADMIN3]
                approvals_required: 1
            """;

    /** The least a file needs: no command, one project with one approver. */
    private static final String MINIMAL = """
            approvals_channel: C0APPROVALS
            projects:
              - name: production
                ref: abcdefghijklmnopqrst
                approvers: [UADMIN1]
            """;

    @Test
    void validFileParsesIntoCommandChannelAndProjects() {
        // when
        PolicyFile file = PolicyFile.parse(VALID, SOURCE);

        // then
        assertEquals("/request-key", file.command());
        assertEquals("C0APPROVALS", file.approvalsChannel());
        List<Project> projects = file.policy().projects();
        assertEquals(
                List.of(
                        new Project("production", "abcdefghijklmnopqrst", Set.of("UADMIN1", "UADMIN2"), 1),
                        new Project("staging", "stagingprojectrefabc", Set.of("WADMIN3"), 1)),
                projects);
    }

    @Test
    void commandDefaultsToRequestKey() {
        // when
        PolicyFile file = PolicyFile.parse(MINIMAL, SOURCE);

        // then
        assertEquals("/request-key", file.command());
        assertEquals(1, file.policy().projects().get(0).approvalsRequired());
    }

    @Test
    void customCommandIsKept() {
        // given
        String yaml = VALID.replace("command: /request-key", "command: /get-key");

        // when
        PolicyFile file = PolicyFile.parse(yaml, SOURCE);

        // then
        assertEquals("/get-key", file.command());
    }

    static Stream<Arguments> oneBadKey() {
        return Stream.of(
                Arguments.of(
                        "ref not 20 lowercase letters",
                        "ref: stagingprojectrefabc",
                        "ref: STAGING",
                        "projects[1].ref must be"),
                Arguments.of(
                        "ref of 19 letters",
                        "ref: abcdefghijklmnopqrst",
                        "ref: abcdefghijklmnopqr",
                        "projects[0].ref must be"),
                Arguments.of(
                        "approver is an email, not a user id",
                        "approvers: [UADMIN1, UADMIN2]",
                        "approvers: [UADMIN1, admin@example.com]",
                        "projects[0].approvers[1] must be"),
                Arguments.of(
                        "approver is a channel id",
                        "approvers: [WADMIN3]",
                        "approvers: [C0APPROVALS]",
                        "projects[1].approvers[0] must be"),
                Arguments.of(
                        "no approvers",
                        "approvers: [UADMIN1, UADMIN2]",
                        "approvers: []",
                        "projects[0].approvers must list"),
                Arguments.of(
                        "approvals channel as a quoted #name",
                        "approvals_channel: C0APPROVALS",
                        "approvals_channel: \"#key-approvals\"",
                        "approvals_channel must be a channel id"),
                Arguments.of(
                        "approvals channel as a bare name",
                        "approvals_channel: C0APPROVALS",
                        "approvals_channel: key-approvals",
                        "approvals_channel must be a channel id"),
                Arguments.of(
                        "approvals channel unquoted #name (a YAML comment, so empty)",
                        "approvals_channel: C0APPROVALS",
                        "approvals_channel: #key-approvals",
                        "approvals_channel is required"),
                Arguments.of(
                        "command without a slash",
                        "command: /request-key",
                        "command: request-key",
                        "command must start with /"),
                Arguments.of(
                        "command in capitals",
                        "command: /request-key",
                        "command: /Request-Key",
                        "command must start with /"),
                Arguments.of(
                        "command longer than 32 characters",
                        "command: /request-key",
                        "command: /" + "k".repeat(32),
                        "command must start with /"),
                Arguments.of(
                        "unknown project key (typo approver)",
                        "approvers: [UADMIN1, UADMIN2]",
                        "approver: [UADMIN1, UADMIN2]",
                        "projects[0].approver is not a known setting"),
                Arguments.of(
                        "unknown top-level key",
                        "command: /request-key",
                        "comand: /request-key",
                        "comand is not a known setting"),
                Arguments.of(
                        "duplicate project name",
                        "name: staging",
                        "name: production",
                        "projects[1].name \"production\" is used"),
                Arguments.of(
                        "duplicate project ref",
                        "ref: stagingprojectrefabc",
                        "ref: abcdefghijklmnopqrst",
                        "projects[1].ref abcdefghijklmnopqrst is used"),
                Arguments.of(
                        "missing project name", "- name: staging\n    ref:", "- ref:", "projects[1].name is required"),
                Arguments.of(
                        "approvals_required above the number of approvers",
                        "approvals_required: 1",
                        "approvals_required: 5",
                        "projects[1].approvals_required is 5 but only"),
                Arguments.of(
                        "approvals_required of 0",
                        "approvals_required: 1",
                        "approvals_required: 0",
                        "projects[1].approvals_required must be a whole number of at least 1"),
                Arguments.of(
                        "approvals_required as text",
                        "approvals_required: 1",
                        "approvals_required: one",
                        "projects[1].approvals_required must be a whole number of at least 1"),
                Arguments.of(
                        "approver group that is not a group id",
                        "approvals_required: 1",
                        "approver_groups: [admins]",
                        "projects[1].approver_groups[0] must be a Slack user group id"),
                Arguments.of(
                        "self-approval that is not a boolean",
                        "approvals_required: 1",
                        "allow_self_approval: sometimes",
                        "projects[1].allow_self_approval must be true or false"),
                Arguments.of(
                        "requester that is neither user nor group",
                        "approvals_required: 1",
                        "requesters: [C0CHANNEL]",
                        "projects[1].requesters[0] must be a Slack user id"),
                Arguments.of(
                        "pending_ttl that is not a duration",
                        "approvals_required: 1",
                        "pending_ttl: tomorrow",
                        "projects[1].pending_ttl must be a positive duration"),
                Arguments.of(
                        "remind_after of zero",
                        "approvals_required: 1",
                        "remind_after: 0h",
                        "projects[1].remind_after must be a positive duration"),
                Arguments.of(
                        "project channel given by name",
                        "approvals_required: 1",
                        "approvals_channel: \"#staging-keys\"",
                        "projects[1].approvals_channel must be a channel id"),
                Arguments.of(
                        "project that is not a mapping",
                        "  - name: staging\n    ref: stagingprojectrefabc\n    approvers: [WADMIN3]\n"
                                + "    approvals_required: 1\n",
                        "  - staging\n",
                        "projects[1] must be a mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneBadKey")
    void eachBadKeyIsNamedByItsPath(String what, String line, String replacement, String expected) {
        // given
        String yaml = VALID.replace(line, replacement);
        assertTrue(!yaml.equals(VALID), "the case must change the file: " + what);

        // when
        ConfigError error = assertThrows(ConfigError.class, () -> PolicyFile.parse(yaml, SOURCE));

        // then
        assertTrue(
                error.problems().stream().anyMatch(p -> p.startsWith(SOURCE + ": " + expected)),
                () -> "expected a problem starting \"" + expected + "\", got " + error.problems());
        assertTrue(error.getMessage().contains(expected), error::getMessage);
    }

    @Test
    void emptyProjectListIsRefused() {
        // given
        String yaml = "approvals_channel: C0APPROVALS\nprojects: []\n";

        // when
        ConfigError error = assertThrows(ConfigError.class, () -> PolicyFile.parse(yaml, SOURCE));

        // then
        assertEquals(
                List.of(SOURCE + ": projects must list at least one project (name, ref, approvers)"), error.problems());
    }

    @ParameterizedTest
    @ValueSource(strings = {"projects: production", "projects: {name: production, ref: abcdefghijklmnopqrst}"})
    void projectsThatAreNotAListAreRefused(String projects) {
        // given
        String yaml = "approvals_channel: C0APPROVALS\n" + projects + "\n";

        // when
        ConfigError error = assertThrows(ConfigError.class, () -> PolicyFile.parse(yaml, SOURCE));

        // then
        assertEquals(
                List.of(SOURCE + ": projects must list at least one project (name, ref, approvers)"), error.problems());
    }

    @Test
    void missingProjectsIsRefused() {
        // given
        String yaml = "approvals_channel: C0APPROVALS\n";

        // when
        ConfigError error = assertThrows(ConfigError.class, () -> PolicyFile.parse(yaml, SOURCE));

        // then
        assertTrue(error.getMessage().contains("projects must list at least one project"), error::getMessage);
    }

    @Test
    void textThatIsNotYamlIsRefused() {
        // given
        String yaml = "approvals_channel: [C0APPROVALS\nprojects: {\n";

        // when
        ConfigError error = assertThrows(ConfigError.class, () -> PolicyFile.parse(yaml, SOURCE));

        // then
        assertTrue(error.getMessage().startsWith(SOURCE + ": is not valid YAML"), error::getMessage);
        assertEquals(1, error.problems().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "just a sentence", "- a\n- list\n", "42"})
    void yamlThatIsNotAMappingIsRefused(String yaml) {
        // when
        ConfigError error = assertThrows(ConfigError.class, () -> PolicyFile.parse(yaml, SOURCE));

        // then
        assertEquals(
                List.of(SOURCE + ": must be a YAML mapping with approvals_channel and projects"), error.problems());
    }

    @Test
    void severalProblemsAreReportedTogether() {
        // given
        String yaml = """
                command: request-key
                approvals_channel: "#key-approvals"
                colour: blue
                projects:
                  - name: production
                    ref: PRODUCTION
                    approvers: [UADMIN1]
                  - name: staging
                    ref: stagingprojectrefabc
                    approvers: [UADMIN1, bob]
                    approvals_required: 0
                """;

        // when
        ConfigError error = assertThrows(ConfigError.class, () -> PolicyFile.parse(yaml, SOURCE));

        // then
        List<String> expected = List.of(
                "colour is not a known setting",
                "command must start with /",
                "approvals_channel must be a channel id",
                "projects[0].ref must be",
                "projects[1].approvers[1] must be",
                "projects[1].approvals_required must be a whole number");
        assertEquals(expected.size(), error.problems().size(), () -> String.join("\n", error.problems()));
        for (String e : expected) {
            assertTrue(
                    error.problems().stream().anyMatch(p -> p.startsWith(SOURCE + ": " + e)),
                    () -> "missing \"" + e + "\" in " + error.problems());
        }
    }

    @Test
    void loadReadsTheFileAndNamesItInProblems(@TempDir Path dir) throws Exception {
        // given
        Path good = Files.writeString(dir.resolve("keybot.yml"), VALID);
        Path bad = Files.writeString(dir.resolve("bad.yml"), VALID.replace("ref: stagingprojectrefabc", "ref: x"));

        // when
        PolicyFile file = PolicyFile.load(good);
        ConfigError error = assertThrows(ConfigError.class, () -> PolicyFile.load(bad));

        // then
        assertEquals("C0APPROVALS", file.approvalsChannel());
        assertTrue(error.getMessage().startsWith("KEYBOT_CONFIG (" + bad + "): projects[1].ref"), error::getMessage);
    }

    @Test
    void missingFileNamesKeybotConfigAndThePath(@TempDir Path dir) {
        // given
        Path missing = dir.resolve("nowhere").resolve("keybot.yml");

        // when
        ConfigError error = assertThrows(ConfigError.class, () -> PolicyFile.load(missing));

        // then
        assertTrue(error.getMessage().startsWith("KEYBOT_CONFIG"), error::getMessage);
        assertTrue(error.getMessage().contains(missing.toString()), error::getMessage);
        assertTrue(error.getMessage().contains("does not exist"), error::getMessage);
    }

    @Test
    void unreadableFileNamesKeybotConfigAndThePath(@TempDir Path dir) {
        // given: a directory where the file should be
        Path directory = dir;

        // when
        ConfigError error = assertThrows(ConfigError.class, () -> PolicyFile.load(directory));

        // then
        assertTrue(error.getMessage().startsWith("KEYBOT_CONFIG"), error::getMessage);
        assertTrue(error.getMessage().contains(directory.toString()), error::getMessage);
    }

    @Test
    void repeatedKeyIsAnErrorNotASilentOverride() {
        // given a file whose second "projects:" would replace the first
        String yaml = MINIMAL + """
                projects:
                  - name: staging
                    ref: stagingprojectrefabc
                    approvers: [UADMIN2]
                """;
        // then
        var e = assertThrows(ConfigError.class, () -> PolicyFile.parse(yaml, "KEYBOT_CONFIG (x.yml)"));
        assertTrue(e.getMessage().contains("projects"), e.getMessage());
    }

    @Test
    void everyProjectRuleIsRead() {
        // given
        String yaml = """
                approvals_channel: C0APPROVALS
                projects:
                  - name: production
                    ref: abcdefghijklmnopqrst
                    approvers: [UADMIN1, UADMIN2]
                    approver_groups: [S0SECURITY]
                    approvals_required: 2
                    allow_self_approval: true
                    requesters: [USTEVE, S0BACKEND]
                    reason_prompt: Which service, and where will the key live?
                    pending_ttl: 2d
                    remind_after: 90m
                    approvals_channel: C0PRODKEYS
                  - name: staging
                    ref: stagingprojectrefabc
                    approvers: [UADMIN1]
                """;
        // when
        var projects = PolicyFile.parse(yaml, SOURCE).policy().projects();
        // then
        var production = projects.get(0);
        assertEquals(Set.of("S0SECURITY"), production.approverGroups());
        assertEquals(2, production.approvalsRequired());
        assertTrue(production.allowSelfApproval());
        assertEquals(Set.of("USTEVE"), production.requesters());
        assertEquals(Set.of("S0BACKEND"), production.requesterGroups());
        assertEquals("Which service, and where will the key live?", production.reasonPrompt());
        assertEquals(java.time.Duration.ofDays(2), production.pendingTtl());
        assertEquals(java.time.Duration.ofMinutes(90), production.remindAfter());
        assertEquals(java.util.Optional.of("C0PRODKEYS"), production.channel());
        var staging = projects.get(1);
        assertTrue(staging.isOpenToEveryone() && !staging.allowSelfApproval());
        assertEquals(java.time.Duration.ofHours(24), staging.pendingTtl());
        assertEquals(java.time.Duration.ofHours(4), staging.remindAfter());
        assertTrue(staging.channel().isEmpty());
    }
}
