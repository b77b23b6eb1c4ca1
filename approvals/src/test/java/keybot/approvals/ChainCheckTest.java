package keybot.approvals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every way {@link ChainCheck} finds a chain broken, and the one way it finds it whole. */
class ChainCheckTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    /** Five chained lines of one request. */
    private static List<AuditRecord> chain() {
        List<AuditRecord> lines = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int seq = 1; seq <= 5; seq++) {
            AuditRecord line = new AuditRecord(
                            0,
                            T0.plusSeconds(seq),
                            7,
                            EventType.REMINDED,
                            Actors.KEYBOT,
                            Actors.KEYBOT,
                            "production",
                            "billing_worker",
                            null,
                            null,
                            "reminder " + seq,
                            null,
                            null,
                            null)
                    .chained(seq, prev);
            lines.add(line);
            prev = line.hash();
        }
        return lines;
    }

    private static ChainCheck check(List<AuditRecord> lines, long headSeq, String headHash) {
        ChainCheck check = new ChainCheck();
        lines.forEach(check::accept);
        check.end(headSeq, headHash);
        return check;
    }

    private static ChainCheck checkWhole(List<AuditRecord> lines) {
        List<AuditRecord> original = chain();
        return check(lines, 5, original.get(4).hash());
    }

    /** The line with another actor name and detail, its place and hash left as they were. */
    private static AuditRecord edited(AuditRecord r, String actorName, String detail) {
        return new AuditRecord(
                r.seq(),
                r.at(),
                r.requestId(),
                r.type(),
                r.actor(),
                actorName,
                r.project(),
                r.keyName(),
                r.keyId(),
                r.keySha256(),
                detail,
                r.messageLink(),
                r.prevHash(),
                r.hash());
    }

    private static void assertBreak(List<AuditRecord> lines, long seq, String how) {
        assertEquals(
                Optional.of(new ChainCheck.Break(seq, how)), checkWhole(lines).firstBreak());
    }

    private static List<AuditRecord> with(int index, UnaryOperator<AuditRecord> change) {
        List<AuditRecord> lines = chain();
        lines.set(index, change.apply(lines.get(index)));
        return lines;
    }

    @Test
    void anIntactChainHasNoBreakAndCountsEveryLine() {
        ChainCheck check = checkWhole(chain());
        assertEquals(Optional.empty(), check.firstBreak());
        assertEquals(5, check.count());
    }

    @Test
    void anEditedLineIsFoundByItsHash() {
        List<AuditRecord> lines = with(2, r -> edited(r, r.actorName(), "edited"));
        assertBreak(lines, 3, "its content does not match its hash (the line was edited)");
    }

    @Test
    void oneMissingLineIsNamed() {
        List<AuditRecord> lines = chain();
        lines.remove(1);
        assertBreak(lines, 2, "line 2 is missing (deleted?)");
    }

    @Test
    void severalMissingLinesAreNamedAsARange() {
        List<AuditRecord> lines = chain();
        lines.remove(1);
        lines.remove(1);
        assertBreak(lines, 2, "line 2 to 3 is missing (deleted?)");
    }

    @Test
    void aRepeatedLineIsOutOfOrder() {
        List<AuditRecord> lines = chain();
        lines.add(2, lines.get(1));
        assertBreak(lines, 2, "line 2 is out of order or repeated");
    }

    @Test
    void aLineWhoseHashIsValidButChainedElsewhereIsFoundByItsPreviousHash() {
        // given line 3 rewritten with a hash of its own that matches its content, but chained to nothing before it
        List<AuditRecord> lines =
                with(2, r -> edited(r, r.actorName(), "forged").chained(3, "f".repeat(64)));
        assertEquals(
                Optional.of(new ChainCheck.Break(
                        3,
                        "its previous-line hash does not match line 2 (a line was"
                                + " inserted, removed or reordered before it)")),
                checkWhole(lines).firstBreak());
    }

    @Test
    void linesCutOffTheEndAreFoundByTheHead() {
        List<AuditRecord> lines = chain().subList(0, 3);
        assertEquals(
                Optional.of(new ChainCheck.Break(
                        4, "the log ends at line 3 but 5 lines were written (lines were" + " removed from the end)")),
                checkWhole(lines).firstBreak());
    }

    @Test
    void aLastLineThatIsNotTheOneTheHeadRecordedIsABreakToo() {
        ChainCheck check = check(chain(), 5, "e".repeat(64));
        assertEquals(
                Optional.of(new ChainCheck.Break(
                        5, "it is not the last line that was written (the end of the log was" + " replaced)")),
                check.firstBreak());
    }

    @Test
    void afterTheFirstBreakLinesAreOnlyCountedAndTheEndChangesNothing() {
        // given line 2 edited and line 4 missing
        List<AuditRecord> lines = with(1, r -> edited(r, "someone else", r.detail()));
        lines.remove(3);
        // when
        ChainCheck check = check(lines, 99, "e".repeat(64));
        // then
        assertEquals(2, check.firstBreak().orElseThrow().seq());
        assertEquals(4, check.count());
    }
}
