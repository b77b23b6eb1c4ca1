package keybot.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Each end-to-end test class gets a keybot of its own, started once for the class. */
abstract class EndToEnd {

    static KeybotFixture keybot;

    @BeforeAll
    static void startKeybot() throws Exception {
        keybot = new KeybotFixture();
    }

    @AfterAll
    static void stopKeybot() throws Exception {
        keybot.closeCheckingLeaks();
    }
}
