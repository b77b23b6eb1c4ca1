package keybot.bench;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK's HTTP server on a loopback port, with a thread pool (its default is one thread for everything). */
final class Http implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    static {
        // without it every answer waits ~40 ms (Nagle's algorithm meets the client's delayed ACK): read once, here
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    Http(String name, int threads, Map<String, HttpHandler> handlers) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        handlers.forEach(server::createContext);
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** One field of a form body, decoded; null when absent. Skips the (large) fields it is not asked for. */
    static String field(String form, String name) {
        String key = name + "=";
        int at = form.startsWith(key) ? 0 : form.indexOf("&" + key);
        if (at < 0) {
            return null;
        }
        int start = at == 0 ? key.length() : at + 1 + key.length();
        int end = form.indexOf('&', start);
        return URLDecoder.decode(end < 0 ? form.substring(start) : form.substring(start, end), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
