package keybot.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/** Rows streamed into PostgreSQL with {@code COPY … FROM STDIN}, in its text format; closing ends the COPY. */
final class CopyRows implements AutoCloseable {

    private final Writer out;

    private CopyRows(Writer out) {
        this.out = out;
    }

    static CopyRows start(Handle h, String sql) {
        try {
            PGConnection pg = h.getConnection().unwrap(PGConnection.class);
            return new CopyRows(new BufferedWriter(
                    new OutputStreamWriter(new PGCopyOutputStream(pg, sql, 1 << 20), StandardCharsets.UTF_8), 1 << 20));
        } catch (SQLException e) {
            throw new IllegalStateException("COPY could not start: " + e.getMessage(), e);
        }
    }

    /** One row in COPY's text format: tab-separated, \N for null, backslash escapes. */
    void row(Object... values) {
        try {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.write('\t');
                }
                write(values[i]);
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Object v) throws IOException {
        if (v == null) {
            out.write("\\N");
            return;
        }
        String s = v.toString();
        for (int c = 0; c < s.length(); c++) {
            char ch = s.charAt(c);
            switch (ch) {
                case '\\' -> out.write("\\\\");
                case '\t' -> out.write("\\t");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                default -> out.write(ch);
            }
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
