package keybot.approvals;

import java.util.Optional;

/**
 * Walks the audit log in order, one line at a time, keeping only the last line's hash: constant memory however
 * long the log. Reports the first line where the chain breaks, and how.
 */
public final class ChainCheck {

    /** Where and how the chain is broken. */
    public record Break(long seq, String how) {}

    private String expectedPrev = AuditChain.GENESIS;
    private long expectedSeq = 1;
    private long count;
    private Break firstBreak;

    /** Takes the next line in {@code seq} order; after a break, further lines are only counted. */
    public void accept(AuditRecord r) {
        count++;
        if (firstBreak != null) {
            return;
        }
        if (r.seq() != expectedSeq) {
            firstBreak = new Break(
                    Math.min(r.seq(), expectedSeq),
                    r.seq() > expectedSeq
                            ? "line " + expectedSeq + (r.seq() - expectedSeq > 1 ? " to " + (r.seq() - 1) : "")
                                    + " is missing (deleted?)"
                            : "line " + r.seq() + " is out of order or repeated");
        } else if (!expectedPrev.equals(r.prevHash())) {
            firstBreak = new Break(
                    r.seq(),
                    "its previous-line hash does not match line " + (r.seq() - 1)
                            + " (a line was inserted, removed or reordered before it)");
        } else if (!AuditChain.hash(r).equals(r.hash())) {
            firstBreak = new Break(r.seq(), "its content does not match its hash (the line was edited)");
        }
        expectedPrev = r.hash();
        expectedSeq = r.seq() + 1;
    }

    /** The chain's end must be where the database says it is, or lines were cut off the end. */
    public void end(long headSeq, String headHash) {
        if (firstBreak != null) {
            return;
        }
        long last = expectedSeq - 1;
        if (headSeq != last) {
            firstBreak = new Break(
                    expectedSeq,
                    "the log ends at line " + last + " but " + headSeq
                            + " lines were written (lines were removed from the end)");
        } else if (!headHash.equals(expectedPrev)) {
            firstBreak = new Break(last, "it is not the last line that was written (the end of the log was replaced)");
        }
    }

    public long count() {
        return count;
    }

    public Optional<Break> firstBreak() {
        return Optional.ofNullable(firstBreak);
    }
}
