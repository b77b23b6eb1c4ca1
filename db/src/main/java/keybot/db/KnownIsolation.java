package keybot.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/**
 * A pooled connection that knows its transaction isolation level instead of asking the server. The PostgreSQL
 * driver answers {@code getTransactionIsolation} with a {@code SHOW} round trip, and Jdbi asks four times for
 * every transaction; the pool sets one level on every connection and restores it when a connection comes back,
 * so the level is the pool's unless it was changed through this connection since.
 */
final class KnownIsolation implements InvocationHandler {

    private final Connection target;
    private int level;

    private KnownIsolation(Connection target, int poolLevel) {
        this.target = target;
        this.level = poolLevel;
    }

    static Connection wrap(Connection pooled, int poolLevel) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                new KnownIsolation(pooled, poolLevel));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("getTransactionIsolation") && method.getParameterCount() == 0) {
            return level;
        }
        try {
            Object result = method.invoke(target, args);
            if (method.getName().equals("setTransactionIsolation")) {
                level = (Integer) args[0];
            }
            return result;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
