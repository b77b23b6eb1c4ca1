package keybot.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's HTTP server on a free loopback port, for the stand-ins. Its one dispatcher thread answers every request,
 * unless it is given a pool: under load (the benchmark's) one thread for everything is the bottleneck.
 */
public final class LocalHttp implements AutoCloseable {

    /** The start of every pool thread's name, so the benchmark can tell the stand-ins' CPU time from the app's. */
    public static final String THREAD_PREFIX = "stand-in-";

    static {
        // without it every answer waits ~40 ms (Nagle's algorithm meets the client's delayed ACK); the JDK reads it
        // once, when the first server starts, so it is set before any does
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService pool;

    /**
     * @param name    names the pool's threads {@code stand-in-NAME-1}, {@code -2}, …
     * @param threads the pool's size; 0 answers on the server's own dispatcher thread
     */
    LocalHttp(String name, int threads, Map<String, HttpHandler> handlers) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 or more: " + threads);
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pool = threads == 0 ? null : Executors.newFixedThreadPool(threads, daemons(THREAD_PREFIX + name + "-"));
        handlers.forEach(server::createContext);
        server.setExecutor(pool);
        server.start();
    }

    /** The address of {@code path} on this server. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    static void sendJson(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
