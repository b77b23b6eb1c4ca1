package keybot.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * keybot as its own process, started the way an operator starts it ({@code java -jar keybot.jar serve}, here from
 * the benchmark's jar, which holds keybot whole) against a database that is already running: what "start with an
 * external database" costs, from launching the JVM to {@code /healthz} answering 200.
 */
final class Child implements AutoCloseable {

    private final Process process;
    private final int port;
    private final double startSeconds;

    private Child(Process process, int port, double startSeconds) {
        this.process = process;
        this.port = port;
        this.startSeconds = startSeconds;
    }

    static Child serve(
            String databaseUrl, URI slackApi, URI supabaseApi, Path work, String botToken, List<String> jvmOptions)
            throws Exception {
        Path policy = work.resolve("keybot.yml");
        Files.writeString(policy, Fixture.policyYaml());
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "keybot.bot.Main", "serve"));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("SLACK_BOT_TOKEN", botToken);
        env.put("SLACK_SIGNING_SECRET", Fixture.SIGNING_SECRET);
        env.put("SUPABASE_ACCESS_TOKEN", Fixture.SUPABASE_TOKEN);
        env.put("SLACK_API_URL", slackApi.toString());
        env.put("SUPABASE_API_URL", supabaseApi.toString());
        env.put("DATABASE_URL", databaseUrl);
        env.put("KEYBOT_CONFIG", policy.toString());
        env.put("KEYBOT_DATA_DIR", work.resolve("unused-data").toString());
        env.put("PORT", String.valueOf(port));
        pb.redirectErrorStream(true)
                .redirectOutput(work.resolve("keybot-" + port + ".log").toFile());
        long t0 = System.nanoTime();
        Process process = pb.start();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(200))
                .build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("keybot exited with " + process.exitValue() + " while starting:\n"
                        + Files.readString(work.resolve("keybot-" + port + ".log"))
                                .indent(2));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new Child(process, port, (System.nanoTime() - t0) / 1e9);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        process.destroyForcibly();
        throw new IllegalStateException("keybot did not answer /healthz within 60 s");
    }

    /** Walks the audit chain in a JVM whose heap is capped: it can only pass if verify streams. */
    static Verified verifyWithSmallHeap(String databaseUrl, int heapMb, Path work) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                java(),
                "-Xmx" + heapMb + "m",
                "-cp",
                System.getProperty("java.class.path"),
                VerifyMain.class.getName(),
                databaseUrl));
        Path log = work.resolve("verify.log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("verify did not finish in 10 minutes");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String out = Files.readString(log).strip();
        String last = out.lines().reduce((a, b) -> b).orElse("");
        return new Verified(p.exitValue() == 0, heapMb, seconds, last);
    }

    record Verified(boolean ok, int heapMb, double processSeconds, String output) {}

    URI events() {
        return URI.create("http://127.0.0.1:" + port + "/slack/events");
    }

    double startSeconds() {
        return startSeconds;
    }

    long pid() {
        return process.pid();
    }

    /** The JVM's own account of its memory (needs -XX:NativeMemoryTracking), from jcmd. */
    String nativeMemory() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        String.valueOf(process.pid()),
                        "VM.native_memory",
                        "summary")
                .redirectErrorStream(true)
                .start();
        String text = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return text;
    }

    /** SIGTERM, as an orchestrator stops it; keybot finishes its work in hand and exits. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
