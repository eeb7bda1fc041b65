package dev.devserver.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devserver.docker.Labels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sustained load on a warm function through the packaged `devserver up`: 256 keep-alive connections with wrk, no
 * failed request, one request-log line per request (valid JSON, unique trace ids), flat memory. CI runs 20 s
 * ({@code -Ddevserver.load.seconds}); bench/soak.sh runs the 5-minute version.
 */
class LoadIT {
    static final int CONNECTIONS = 256;
    /** RSS growth allowed between the end of the warm-up and the end of the run (heap sizing settles, then stays). */
    static final long MAX_RSS_GROWTH_KB = 150 * 1024;
    /**
     * A fixed, pre-touched heap: G1 otherwise grows the heap lazily for minutes (towards a quarter of RAM), which looks
     * like growth but is sizing. With the heap resident from the start, RSS growth is native memory (buffers, threads,
     * metaspace), and a heap leak shows as GC thrashing or OutOfMemoryError, i.e. failed requests.
     */
    static final List<String> JVM = List.of("-Xms384m", "-Xmx384m", "-XX:+AlwaysPreTouch");
    static final String HOST = "functions-echo-js.gitlab-example-local.localhost";

    @Test
    void aWarmFunctionHolds256ConnectionsWithoutLossAndOneLogLinePerRequest(@TempDir Path temp) throws Exception {
        Assumptions.assumeTrue(Wrk.installed(), "wrk is not installed (bin/test installs it)");
        int seconds = Integer.getInteger("devserver.load.seconds", 20);
        Engine.docker();
        Path project = TestProjects.copy("gitlab-example", temp).toRealPath();
        int port = DevserverProcess.freePort();
        try (DevserverProcess up = DevserverProcess.start(JVM, project, temp.resolve("up.log"), "up", "--port", String.valueOf(port),
                "--no-watch", "--freeze-after", "0", "--stable-window", "1h").awaitUp()) {
            Path log = project.resolve(".devserver/logs/requests.jsonl");
            Wrk warmUp = Wrk.run(port, HOST, CONNECTIONS, 5);
            assertEquals(0, warmUp.socketErrors() + warmUp.non2xx(), warmUp.text());
            RequestLogLines.settled(log); // the warm-up's lines are written
            long rssStart = up.rssKb();
            List<String> written = new ArrayList<>();
            Wrk load;
            try (LogFollower follower = new LogFollower(log, written::add)) {
                load = Wrk.run(port, HOST, CONNECTIONS, seconds);
                RequestLogLines.settled(log); // the writer thread caught up
            }
            long rssEnd = up.rssKb();
            Set<String> traceIds = new HashSet<>();
            long lines = written.size();
            long ok = 0;
            List<String> failed = new ArrayList<>();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (String line : written) {
                JsonNode record = RequestLogLines.parse(line); // every line whole, valid JSON
                String traceId = record.path("traceId").asText();
                assertTrue(!traceId.isEmpty(), "a line without traceId: " + line);
                assertTrue(traceIds.add(traceId), "duplicate traceId " + traceId + ": " + line);
                int status = record.path("httpRequest").path("status").asInt();
                statuses.merge(status, 1, Integer::sum);
                boolean success = status / 100 == 2;
                ok += success ? 1 : 0;
                if (!success && failed.size() < 5) {
                    failed.add(line);
                }
            }
            System.out.printf("LOAD: %d s, %d connections: wrk %d requests (%.0f/s), %d non-2xx, %d socket errors; "
                            + "request log %d new lines (%d with 2xx), %d warm-up requests before; RSS start %d MB, end %d MB%n",
                    seconds, CONNECTIONS, load.requests(), load.requestsPerSecond(), load.non2xx(), load.socketErrors(),
                    lines, ok, warmUp.requests(), rssStart / 1024, rssEnd / 1024);
            // CI keeps the tail of a failure: the console's own messages and the failed lines come last.
            assertEquals(0, load.non2xx(), load.text() + "\nconsole, request lines left out:\n"
                    + up.output().lines().filter(l -> !l.contains(" " + HOST + "/")).collect(Collectors.joining("\n"))
                    + "\nstatuses in the request log: " + statuses + "\nfirst failed requests: " + failed);
            assertEquals(0, load.socketErrors(), load.text());
            assertTrue(load.requests() > 0, load.text());
            // wrk counts the responses it read; at its deadline it drops the requests still in flight (at most one per
            // connection). devserver served and logged those too: one line each, never more, never fewer.
            assertTrue(lines >= load.requests() && lines <= load.requests() + CONNECTIONS,
                    "request log has " + lines + " new lines for " + load.requests() + " requests wrk completed");
            assertTrue(ok >= load.requests(), ok + " lines with 2xx for " + load.requests() + " requests");
            assertTrue(rssEnd - rssStart < MAX_RSS_GROWTH_KB, "RSS grew from " + rssStart + " kB to " + rssEnd + " kB");
        }
        // SIGTERM right after heavy load (Ctrl-C's path) still removes every container.
        assertEquals(List.of(), Engine.docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.PROJECT, project.toString())).exec());
    }
}
