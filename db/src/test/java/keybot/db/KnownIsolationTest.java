package keybot.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownIsolationTest {

    @Test
    void theLevelIsAnsweredWithoutAskingTheDriverAndFollowsAChange() throws Exception {
        // given a driver's connection that records what it is asked
        List<String> asked = new ArrayList<>();
        Connection driver = (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    asked.add(method.getName());
                    return method.getReturnType() == int.class ? -1 : null;
                });
        Connection known = KnownIsolation.wrap(driver, Connection.TRANSACTION_READ_COMMITTED);
        // when
        int before = known.getTransactionIsolation();
        known.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        int after = known.getTransactionIsolation();
        known.close();
        // then
        assertEquals(Connection.TRANSACTION_READ_COMMITTED, before);
        assertEquals(Connection.TRANSACTION_SERIALIZABLE, after);
        assertEquals(List.of("setTransactionIsolation", "close"), asked, "the level itself is never asked for");
    }
}
