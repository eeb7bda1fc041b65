package dev.devserver.docker;

import dev.devserver.Background;
import dev.devserver.DevserverException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An engine socket that takes the connection and never answers (a stuck dockerd) gives an error, not a silent wait. */
class SilentEngineTest {
    @Test
    @Timeout(30) // without the answer timeout this would wait for good
    void aSocketThatNeverAnswersIsReportedWithItsAddress(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("docker.sock");
        List<SocketChannel> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.add(server.accept()); // read nothing, answer nothing
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + socket);
            DevserverException e = assertThrows(DevserverException.class, () -> Docker.answered(
                    Background.start("test-connect", () -> Docker.connectNow(env)), Duration.ofSeconds(2), env));
            assertTrue(e.getMessage().startsWith("The container engine at unix://" + socket
                    + " took the connection but has not answered in 2 s"), e.getMessage());
            assertEquals(1, accepted.size(), "the engine was reached");
        }
    }
}
