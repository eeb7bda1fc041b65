package dev.devserver.serving;

import com.github.dockerjava.api.DockerClient;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** What a container prints, as lines: followed while it runs, and its last lines once it stopped. */
final class ContainerLines {
    private final DockerClient docker;

    ContainerLines(DockerClient docker) {
        this.docker = docker;
    }

    /** Streams the container's output line by line until it stops, then runs {@code onExit}. */
    void follow(Replica replica, BiConsumer<Boolean, String> lines, Runnable onExit) {
        docker.logContainerCmd(replica.containerId).withFollowStream(true).withStdOut(true).withStdErr(true)
                .exec(new FrameLines(lines) {
                    @Override
                    public void onComplete() {
                        onExit.run();
                    }

                    @Override
                    public void onError(Throwable throwable) {
                        onExit.run();
                    }
                });
    }

    /**
     * The last lines of a stopped container as the engine kept them. A follower can miss the very last ones of a
     * container that exits at once (Podman 4.3 ends the stream at exit before its stderr is read); empty when the
     * engine does not answer.
     */
    private List<String> lastOutput(Replica replica, int count) {
        List<String> lines = new CopyOnWriteArrayList<>();
        try {
            docker.logContainerCmd(replica.containerId).withStdOut(true).withStdErr(true).withTail(count)
                    .exec(new FrameLines((stderr, line) -> lines.add(line))).awaitCompletion(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException engineDown) {
            return List.of();
        }
        return List.copyOf(lines);
    }

    /** "; last output: …" for the reason a container stopped: what the engine kept, else what the follower saw. */
    String lastOutputNote(Replica replica) {
        List<String> lines = lastOutput(replica, Replica.TAIL);
        if (lines.isEmpty()) {
            lines = replica.lastLines();
        }
        return lines.isEmpty() ? "" : "; last output:\n    " + String.join("\n    ", lines);
    }
}
