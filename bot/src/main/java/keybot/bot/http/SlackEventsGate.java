package keybot.bot.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in front of {@code /slack/events} and lets through only what could be a request from Slack: a POST of a
 * form or JSON body of at most 64 KiB, in UTF-8, carrying a valid signature, and shaped as Bolt and the listeners
 * expect (see {@link SlackBody}). Bolt parses a body before it checks the signature, and some malformed bodies
 * make its parser throw (a 500); here nothing unsigned reaches Bolt, and a signed body Bolt cannot read is
 * answered 400. None of these answers touches the database.
 */
public final class SlackEventsGate implements Filter {

    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** How much of a refused body is read (and thrown away) after the answer, so the answer is not lost. */
    static final long DISCARD_MAX_BYTES = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(SlackEventsGate.class);

    private final StrictSignature signature;
    private final ResponseUrlRule responseUrls;

    public SlackEventsGate(StrictSignature signature, ResponseUrlRule responseUrls) {
        this.signature = signature;
        this.responseUrls = responseUrls;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        var req = (HttpServletRequest) request;
        var resp = (HttpServletResponse) response;
        if (!"POST".equals(req.getMethod())) {
            resp.setHeader("Allow", "POST");
            refuseUnread(req, resp, 405, "only POST is accepted here");
        } else if (!SlackContentType.accepts(req.getHeader("Content-Type"))) {
            // the raw header: Jetty's getContentType() throws on a charset it does not know
            refuseUnread(req, resp, 415, "send application/x-www-form-urlencoded or application/json, in UTF-8");
        } else if (req.getContentLengthLong() > MAX_BODY_BYTES) {
            refuseUnread(req, resp, 413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
        } else {
            readThenPass(req, resp, chain);
        }
    }

    private void readThenPass(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        Optional<byte[]> read;
        try {
            read = CappedBody.read(req.getInputStream(), MAX_BODY_BYTES);
        } catch (IOException e) {
            // the sender went away or sent a broken chunked body; answer if anyone is still listening
            refuse(resp, 400, "the body could not be read");
            return;
        }
        if (read.isEmpty()) {
            refuseUnread(req, resp, 413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
            return;
        }
        byte[] body = read.get();
        Optional<String> text = utf8(body);
        if (body.length == 0) {
            refuse(resp, 400, "the body is empty");
        } else if (text.isEmpty()) {
            refuse(resp, 400, "the body is not UTF-8");
        } else if (isSslCheck(text.get())) {
            // Slack's certificate check of a command URL; Bolt lets it through unsigned and answers 200 too
            resp.setStatus(200);
        } else if (!signature.isValid(
                req.getHeader("X-Slack-Request-Timestamp"), req.getHeader("X-Slack-Signature"), text.get())) {
            refuse(resp, 401, "invalid request signature");
        } else {
            pass(req, resp, chain, body, text.get());
        }
    }

    /**
     * Hands a signed body to Bolt once {@link SlackBody} found nothing wrong with it. Bolt's parser runs outside
     * Bolt's own error handling, so a body it cannot read (broken JSON, a percent escape cut short, a field of the
     * wrong type) would reach Jetty as a 500: that is the sender's fault, a 400. (A body Bolt can read but not
     * route, it answers 400.)
     */
    private void pass(HttpServletRequest req, HttpServletResponse resp, FilterChain chain, byte[] body, String text)
            throws IOException, ServletException {
        try {
            Optional<String> problem = SlackBody.read(text).problem(responseUrls);
            if (problem.isPresent()) {
                refuse(resp, 400, problem.get());
            } else {
                chain.doFilter(new ReplayedRequest(req, body), resp);
            }
        } catch (RuntimeException e) {
            // the class name only: a parser's message can quote the body
            log.warn(
                    "A signed request that cannot be parsed was refused ({})",
                    e.getClass().getName());
            if (!resp.isCommitted()) {
                resp.reset();
                refuse(resp, 400, "malformed request");
            }
        }
    }

    private static Optional<String> utf8(byte[] body) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(body))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** A form body with {@code ssl_check=1} and nothing Bolt would route to a listener. */
    private static boolean isSslCheck(String body) {
        var fields = Arrays.asList(body.split("&"));
        return fields.contains("ssl_check=1")
                && fields.stream().noneMatch(f -> f.startsWith("payload=") || f.startsWith("command="));
    }

    /**
     * Answers without having read (all of) the body, then reads and drops the rest of it up to a bound, so the
     * sender can read the answer; a body announced as longer than the bound is not waited for at all.
     */
    private static void refuseUnread(HttpServletRequest req, HttpServletResponse resp, int status, String why)
            throws IOException {
        resp.setHeader("Connection", "close");
        refuse(resp, status, why);
        resp.flushBuffer();
        if (req.getContentLengthLong() <= DISCARD_MAX_BYTES) {
            CappedBody.discard(req.getInputStream(), DISCARD_MAX_BYTES);
        }
    }

    private static void refuse(HttpServletResponse resp, int status, String why) throws IOException {
        log.debug("Refused a request to /slack/events: {} {}", status, why);
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        resp.getWriter().write("{\"error\":\"" + why + "\"}");
    }
}
