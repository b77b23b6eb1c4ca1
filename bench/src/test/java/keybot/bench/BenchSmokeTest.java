package keybot.bench;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole harness, tiny: every scenario runs on both apps without an error, and the results are written. */
class BenchSmokeTest {

    @Test
    void aTinyRunMeasuresEveryScenarioAndWritesItsResults(@TempDir Path out) throws Exception {
        // given a run of a few seconds, written to a temporary directory
        var printed = new ByteArrayOutputStream();

        // when it runs
        Report.Result r = Bench.run(
                Options.parse("--smoke", "--out", out.toString()),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        // then every scenario was measured on both apps, without errors, and the chain it loaded verifies
        String log = printed.toString(StandardCharsets.UTF_8);
        Set<String> measured =
                r.runs().stream().map(x -> x.scenario() + " / " + x.app()).collect(Collectors.toSet());
        assertAll(
                log,
                () -> assertTrue(
                        measured.containsAll(Set.of(
                                "1 slash command → modal / keybot",
                                "1 slash command → modal / bare",
                                "2 submission → stored / keybot",
                                "2 submission → stored / bare",
                                "2 submission → channel post / keybot",
                                "3 approve click → ack / keybot",
                                "3 approve click → ack / bare",
                                "3 approve → key DM'd / keybot")),
                        measured::toString),
                () -> assertTrue(r.runs().stream().allMatch(x -> x.errors() == 0 && x.ok() > 0), "errors in a run"),
                () -> assertTrue(r.historyQueries().stream().allMatch(q -> q.found() > 0), "a query found nothing"),
                () -> assertTrue(r.verify().ok(), "the loaded audit chain does not verify"),
                () -> assertEquals(10_000L, r.data().auditEvents()),
                () -> assertTrue(Files.readString(out.resolve("latest.md")).contains("| Target |")),
                () -> assertTrue(Files.readString(out.resolve("latest.json")).contains("\"runs\"")));
    }
}
