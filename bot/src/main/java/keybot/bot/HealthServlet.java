package keybot.bot;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/** {@code GET /healthz}: 200 while keybot serves and its database answers, 503 otherwise. */
final class HealthServlet extends HttpServlet {

    private final transient BooleanSupplier databaseReachable;

    HealthServlet(BooleanSupplier databaseReachable) {
        this.databaseReachable = databaseReachable;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean ok = databaseReachable.getAsBoolean();
        resp.setStatus(ok ? 200 : 503);
        resp.setContentType("text/plain;charset=utf-8");
        resp.getWriter().write(ok ? "ok\n" : "database unreachable\n");
    }
}
