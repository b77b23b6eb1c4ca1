package keybot.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    static Stream<Arguments> urls() {
        return Stream.of(
                Arguments.of(
                        "a JDBC URL is taken as it is",
                        "jdbc:postgresql://db.internal:5432/keybot?sslmode=require",
                        new DatabaseUrl("jdbc:postgresql://db.internal:5432/keybot?sslmode=require", null, null)),
                Arguments.of(
                        "a postgres URL becomes a JDBC URL with decoded credentials",
                        "postgres://keybot:p%40ss%3Aword@db.internal:6543/keys?sslmode=require",
                        new DatabaseUrl(
                                "jdbc:postgresql://db.internal:6543/keys?sslmode=require", "keybot", "p@ss:word")),
                Arguments.of(
                        "the postgresql scheme and a missing port are accepted",
                        "postgresql://keybot@localhost/keys",
                        new DatabaseUrl("jdbc:postgresql://localhost/keys", "keybot", null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urls")
    void urlIsReadIntoJdbcUrlUserAndPassword(String what, String url, DatabaseUrl expected) {
        assertEquals(expected, DatabaseUrl.parse(url));
    }

    @Test
    void passwordNeverShowsInToString() {
        var url = DatabaseUrl.parse("postgres://keybot:hunter2hunter2@db.internal:5432/keys");
        assertFalse(url.toString().contains("hunter2"));
        assertTrue(url.toString().contains("db.internal:5432/keys"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "mysql://u:p@h/db",
                "postgres://u:p@h",
                "postgres://",
                "db.internal:5432",
                "postgres://u:secretpw@h:5432/ db"
            })
    void badUrlIsRefusedNamingTheVariableButNotThePassword(String bad) {
        var e = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse(bad));
        assertTrue(e.getMessage().startsWith("DATABASE_URL must look like"), e.getMessage());
        assertFalse(e.getMessage().contains("secretpw"));
    }
}
