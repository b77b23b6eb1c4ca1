package keybot.approvals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void toStringNeverShowsTheValue() {
        // given
        var secret = new Secret(FakeKeyIssuer.SECRET);

        // when
        String shown = secret.toString() + " " + String.valueOf(secret);

        // then
        assertFalse(shown.contains(FakeKeyIssuer.SECRET));
        assertFalse(shown.contains("AbCdEf"));
    }

    @Test
    void sha256IsTheHexDigestOfTheWholeValue() throws Exception {
        // given
        var secret = new Secret("sb_secret_test");
        String expected = HexFormat.of()
                .formatHex(
                        MessageDigest.getInstance("SHA-256").digest("sb_secret_test".getBytes(StandardCharsets.UTF_8)));

        // when / then
        assertEquals(expected, secret.sha256());
    }

    @Test
    void sha256MatchesTheKnownVectorForAbc() {
        // given: FIPS 180-2's example
        var secret = new Secret("abc");

        // when / then
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", secret.sha256());
    }

    @Test
    void hintIsTheFirstSixCharactersAfterThePrefix() {
        // when / then
        assertEquals("AbCdEf", new Secret(FakeKeyIssuer.SECRET).hint());
    }

    @Test
    void hintOfAShortSecretIsWhatThereIs() {
        // when / then
        assertEquals("abc", new Secret("sb_secret_abc").hint());
        assertEquals("", new Secret("sb_secret_").hint());
    }

    @Test
    void hintIsEmptyWithoutThePrefix() {
        // when / then
        assertEquals("", new Secret("sb_publishable_AbCdEfGhIj").hint());
        assertEquals("", new Secret("eyJhbGciOiJIUzI1NiJ9").hint());
    }

    @Test
    void identifyKeepsTheIdFingerprintAndHintButNotTheSecret() {
        // given
        var secret = new Secret(FakeKeyIssuer.SECRET);

        // when
        var key = secret.identify("key-1");

        // then
        assertEquals(new KeyRequest.IssuedKey("key-1", secret.sha256(), "AbCdEf"), key);
        assertFalse(key.toString().contains(FakeKeyIssuer.SECRET));
    }
}
