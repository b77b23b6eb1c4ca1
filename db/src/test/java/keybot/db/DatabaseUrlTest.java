package keybot.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    @Test
    void jdbcUrlIsTakenAsItIs() {
        var url = DatabaseUrl.parse("jdbc:postgresql://db.internal:5432/keybot?sslmode=require");
        assertEquals("jdbc:postgresql://db.internal:5432/keybot?sslmode=require", url.jdbcUrl());
        assertNull(url.user());
    }

    @Test
    void postgresUrlBecomesJdbcUrlWithDecodedCredentials() {
        var url = DatabaseUrl.parse("postgres://keybot:p%40ss%3Aword@db.internal:6543/keys?sslmode=require");
        assertEquals("jdbc:postgresql://db.internal:6543/keys?sslmode=require", url.jdbcUrl());
        assertEquals("keybot", url.user());
        assertEquals("p@ss:word", url.password());
    }

    @Test
    void postgresqlSchemeAndMissingPortAreAccepted() {
        var url = DatabaseUrl.parse("postgresql://keybot@localhost/keys");
        assertEquals("jdbc:postgresql://localhost/keys", url.jdbcUrl());
        assertNull(url.password());
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
