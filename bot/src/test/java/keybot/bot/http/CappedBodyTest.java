package keybot.bot.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CappedBodyTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 99, 100})
    void aBodyUpToTheLimitIsReadWhole(int length) throws IOException {
        // given
        byte[] body = new byte[length];
        // when
        var read = CappedBody.read(new ByteArrayInputStream(body), 100);
        // then
        assertArrayEquals(body, read.orElseThrow());
    }

    @Test
    void anEndlessBodyIsGivenUpOneBytePastTheLimit() throws IOException {
        // given a stream that never ends, counting what is taken from it
        var endless = new Endless();
        // when
        var read = CappedBody.read(endless, 100);
        // then
        assertTrue(read.isEmpty());
        assertEquals(101, endless.taken);
    }

    @Test
    void discardingStopsAtTheEndOfTheBody() {
        // given
        ByteArrayInputStream body = new ByteArrayInputStream(new byte[5000]);
        // when
        CappedBody.discard(body, 1 << 20);
        // then
        assertEquals(0, body.available());
    }

    @Test
    void discardingStopsAtItsBoundOnAnEndlessBody() {
        // given
        var endless = new Endless();
        // when
        CappedBody.discard(endless, 20_000);
        // then
        assertEquals(20_000, endless.taken);
    }

    /** A body that never ends, counting the bytes taken from it. */
    private static final class Endless extends InputStream {
        int taken;

        @Override
        public int read() {
            taken++;
            return 'x';
        }
    }
}
