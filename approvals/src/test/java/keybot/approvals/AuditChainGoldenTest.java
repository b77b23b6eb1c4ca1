package keybot.approvals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The chain's canonical form and hash, pinned by lines written by hand from the README's documented export shape
 * and hashed outside keybot (sha256sum), so the code cannot drift from what auditors were told.
 */
class AuditChainGoldenTest {

    static final String GENESIS = "0000000000000000000000000000000000000000000000000000000000000000";
    static final String FIRST_HASH = "b3afa6eba03172278889726a8b1390d5e5f18ec0c54b669517687758cc8b8642";
    static final String SECOND_HASH = "39acc5111078000611143206669c8898411d44be8973f3e7432175d45c324bc3";
    static final String KEY_SHA256 = "ab".repeat(32);

    /** A requester's line: quotes, a newline, a tab, a control character, a backslash and non-ASCII text. */
    static final AuditRecord FIRST = new AuditRecord(
            0,
            Instant.parse("2026-11-26T10:00:00.123456789Z"),
            42,
            EventType.REQUESTED,
            "U0STEVE",
            "Steve \"the builder\"",
            "production",
            "billing_worker",
            null,
            null,
            "line one\nline two\ttab \u0001 and \\ backslash, é ünïcödé",
            null,
            null,
            null);

    /** keybot's line for the key, with a time whose fraction ends in zeros. */
    static final AuditRecord SECOND = new AuditRecord(
            0,
            Instant.parse("2026-11-26T10:05:00.120Z"),
            42,
            EventType.KEY_CREATED,
            "keybot",
            "keybot",
            "production",
            "billing_worker",
            "22222222-2222-4222-8222-222222222222",
            KEY_SHA256,
            "key 22222222-2222-4222-8222-222222222222, sha256 " + KEY_SHA256,
            "https://e2e.slack.com/archives/C0APPROVALS/p1700000000000100",
            null,
            null);

    @Test
    void theFirstLineIsChainedToTheGenesisHashInTheDocumentedForm() {
        // when
        AuditRecord chained = FIRST.chained(1, AuditChain.GENESIS);
        // then
        assertEquals(GENESIS, AuditChain.GENESIS);
        assertEquals(
                "{\"seq\":1,\"at\":\"2026-11-26T10:00:00.123456Z\",\"request_id\":42,\"type\":\"REQUESTED\","
                        + "\"actor\":\"U0STEVE\",\"actor_name\":\"Steve \\\"the builder\\\"\",\"project\":\"production\","
                        + "\"key_name\":\"billing_worker\",\"key_id\":null,\"key_sha256\":null,"
                        + "\"detail\":\"line one\\nline two\\ttab \\u0001 and \\\\ backslash, é ünïcödé\","
                        + "\"message_link\":null,\"prev_hash\":\"" + GENESIS + "\"}",
                AuditChain.canonical(chained));
        assertEquals(FIRST_HASH, chained.hash());
        assertEquals(Instant.parse("2026-11-26T10:00:00.123456Z"), chained.at(), "kept to the microsecond");
    }

    @Test
    void theNextLineCarriesThePreviousHashAndATimeShortenedAsDocumented() {
        // when
        AuditRecord chained = SECOND.chained(2, FIRST_HASH);
        // then
        assertEquals(
                "{\"seq\":2,\"at\":\"2026-11-26T10:05:00.120Z\",\"request_id\":42,\"type\":\"KEY_CREATED\","
                        + "\"actor\":\"keybot\",\"actor_name\":\"keybot\",\"project\":\"production\","
                        + "\"key_name\":\"billing_worker\",\"key_id\":\"22222222-2222-4222-8222-222222222222\","
                        + "\"key_sha256\":\"" + KEY_SHA256 + "\",\"detail\":\"key 22222222-2222-4222-8222-222222222222,"
                        + " sha256 " + KEY_SHA256 + "\",\"message_link\":"
                        + "\"https://e2e.slack.com/archives/C0APPROVALS/p1700000000000100\",\"prev_hash\":\""
                        + FIRST_HASH + "\"}",
                AuditChain.canonical(chained));
        assertEquals(SECOND_HASH, chained.hash());
    }

    @Test
    void theFieldsAreTheDocumentedExportColumnsInOrder() {
        assertEquals(
                "seq,at,request_id,type,actor,actor_name,project,key_name,key_id,key_sha256,detail,message_link,prev_hash",
                String.join(",", AuditChain.FIELDS));
    }
}
