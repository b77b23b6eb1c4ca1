package keybot.bot.audit;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Stream;
import keybot.approvals.AuditChain;
import keybot.approvals.AuditRecord;
import keybot.db.PostgresAuditLog;

/**
 * The shapes {@code keybot audit export} writes, one audit event at a time. Both carry the same fields under the
 * same names, in the order of {@link #COLUMNS}; the values are exactly what the chain hashes, so an auditor can
 * recompute every hash from an export.
 */
public enum ExportFormat {

    /** One JSON object per line ({@link PostgresAuditLog#jsonLine}), keys in the order of {@link #COLUMNS}. */
    JSONL {
        @Override
        void writeHeader(Writer out) {
            // JSON lines name their keys on every line
        }

        @Override
        void write(AuditRecord r, Writer out) throws IOException {
            out.write(PostgresAuditLog.jsonLine(r));
            out.write('\n');
        }
    },

    /**
     * RFC 4180: a header row of {@link #COLUMNS}, CRLF after every record, a field quoted when it holds a comma,
     * a quote, CR or LF (quotes doubled). A missing value is an empty field; an empty text is {@code ""}.
     */
    CSV {
        @Override
        void writeHeader(Writer out) throws IOException {
            out.write(String.join(",", COLUMNS));
            out.write("\r\n");
        }

        @Override
        void write(AuditRecord r, Writer out) throws IOException {
            List<Object> values = new ArrayList<>(AuditChain.values(r));
            values.add(r.hash());
            StringJoiner row = new StringJoiner(",", "", "\r\n");
            values.forEach(value -> row.add(value instanceof Number ? value.toString() : csvField((String) value)));
            out.write(row.toString());
        }
    };

    /** The documented export shape: the JSON keys and the CSV header, in this order. */
    public static final List<String> COLUMNS =
            Stream.concat(AuditChain.FIELDS.stream(), Stream.of("hash")).toList();

    abstract void writeHeader(Writer out) throws IOException;

    abstract void write(AuditRecord r, Writer out) throws IOException;

    /** {@code jsonl} or {@code csv}, as given to {@code --format}. */
    public static Optional<ExportFormat> named(String name) {
        for (ExportFormat f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** One CSV field: empty for null, quoted (quotes doubled) when RFC 4180 requires it or the text is empty. */
    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        if (value.isEmpty()) {
            return "\"\"";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return '"' + value.replace("\"", "\"\"") + '"';
            }
        }
        return value;
    }
}
