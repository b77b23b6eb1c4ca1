package keybot.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import keybot.testkit.HttpCalls;

/** Requests no well-behaved client would send: any method, content type, body or length, signed or not. */
final class RawHttp {

    private final HttpClient http;
    private final URI target;

    RawHttp(URI target, HttpClient http) {
        this.target = target;
        this.http = http;
    }

    RawHttp(URI target) {
        this(
                target,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    HttpResponse<String> send(String method, String contentType, byte[] body, Map<String, String> headers) {
        return send(method, contentType, HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    /** The body streamed with no length up front (chunked), as a sender hiding its size would. */
    HttpResponse<String> sendChunked(String contentType, byte[] body) {
        return send(
                "POST",
                contentType,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                Map.of());
    }

    HttpResponse<String> send(HostileRequest request) {
        var body = request.chunked()
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request.body()))
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        return send(request.method(), request.contentType(), body, request.headers());
    }

    private HttpResponse<String> send(
            String method, String contentType, HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return HttpCalls.send(http, request.build());
    }

    /**
     * Announces a body of {@code claimedLength} bytes but sends none, over a plain socket (HTTP clients refuse
     * to lie about the length), and returns the status line keybot answers with.
     */
    String statusLineForClaimedLength(long claimedLength) {
        try (Socket socket = new Socket(target.getHost(), target.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + target.getPath() + " HTTP/1.1\r\nHost: " + target.getHost() + "\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + claimedLength + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
