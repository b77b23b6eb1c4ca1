package keybot.db;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where an external PostgreSQL is: a JDBC URL, or the {@code postgres://user:pass@host:port/db} form most
 * hosting providers hand out. {@link #toString()} never shows the password.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    private static final String SHAPES =
            "DATABASE_URL must look like jdbc:postgresql://host:5432/db" + " or postgres://user:password@host:5432/db";

    public static DatabaseUrl parse(String url) {
        if (url.startsWith("jdbc:postgresql://")) {
            return new DatabaseUrl(url, null, null);
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw new IllegalArgumentException(SHAPES);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SHAPES + " (it is not a valid URL)", null);
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException(SHAPES + " (host or database name missing)");
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String jdbc = "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query;
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        return new DatabaseUrl(jdbc, user, password);
    }

    /** Host, port and database, for the start-up log. */
    public String where() {
        int q = jdbcUrl.indexOf('?');
        return (q < 0 ? jdbcUrl : jdbcUrl.substring(0, q)).substring("jdbc:postgresql://".length());
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + where() + ", user=" + user + "]";
    }
}
