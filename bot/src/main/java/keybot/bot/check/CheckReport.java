package keybot.bot.check;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The outcome of each check, one line each, with the fix for every failure. */
public final class CheckReport {

    /** One check: what was checked, whether it passed, and what it found or how to fix it. */
    public record Line(boolean ok, String what, String detail) {}

    private final List<Line> lines = new ArrayList<>();

    void ok(String what, String found) {
        lines.add(new Line(true, what, found));
    }

    void fail(String what, String fix) {
        lines.add(new Line(false, what, fix));
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public boolean passed() {
        return lines.stream().allMatch(Line::ok);
    }

    public void print(PrintStream out) {
        for (Line l : lines) {
            out.println((l.ok() ? "  ok    " : "  FAIL  ") + l.what() + (l.ok() ? ": " : " — fix: ") + l.detail());
        }
        long failed = lines.stream().filter(l -> !l.ok()).count();
        out.println(lines.size() + " checks, " + (failed == 0 ? "all passed" : failed + " failed"));
    }
}
