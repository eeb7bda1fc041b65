package dev.devserver.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Image;
import dev.devserver.docker.Labels;
import dev.devserver.image.ImageCleanup;
import dev.devserver.serving.FunctionView;
import dev.devserver.serving.RevisionView;
import dev.devserver.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edit loop on a folder like a real project's (host node_modules, a big asset, many files, links): a code edit is
 * one layer on the previous image, yet a fresh container of the tagged image has exactly the folder's files; a deleted
 * file takes a full build; old images go, the live one and the one before stay; prune removes the rest.
 */
class EditLoopIT {
    private static final DockerClient DOCKER = Engine.docker();

    @Test
    void editsInABigFolderServeNewCodeFromCompleteImagesAndOldImagesGo(@TempDir Path dir) throws Exception {
        Path project = Files.createDirectories(dir.resolve("edits"));
        Path fn = Files.createDirectories(project.resolve("fn"));
        Files.writeString(project.resolve("serverless.yml"), "service: loop\nfunctions:\n  fn:\n    handler: handler\n"
                + "    source: ./fn\n    runtime: gitlab/runtimes/nodejs\n");
        bigFolder(fn);
        Files.writeString(fn.resolve("handler.js"), "module.exports = () => 'v1 ' + require('./util-link.js');\n");
        try (Session session = Sessions.start(project)) {
            String host = session.project().function("fn").orElseThrow().host(session.project());
            assertEquals("v1 util", Http.get(session.port(), host, "/").body());
            String first = live(session).image();
            Eventually.await("a pause container started for the first edit", Duration.ofSeconds(30),
                    () -> pauses(project, true).size() == 1);
            String firstEditsPause = pauses(project, true).get(0);

            Files.writeString(fn.resolve("lib/new.js"), "module.exports = 'new';\n");
            Files.writeString(Files.createDirectories(fn.resolve("extra/deep")).resolve("x.js"), "// new folders too\n");
            Files.writeString(fn.resolve("handler.js"), "module.exports = () => 'v2 ' + require('./lib/new.js');\n");
            awaitServed(session, host, "v2 new");
            String second = live(session).image();
            assertEquals(DOCKER.inspectImageCmd(second).exec().getId(), assertRunsInAPause(project, live(session).name(), fn),
                    "the first code layer commits before its revision starts (the engine's commit is checked)");
            assertEquals("container:" + firstEditsPause, DOCKER.inspectContainerCmd(running(project, live(session).name())
                    .getId()).exec().getHostConfig().getNetworkMode(), "the first edit's revision joined the pause up started");
            assertEquals("1", label(second, "dev.devserver.code-layers"), "a code edit is one layer on the last image");
            assertEquals(filesOf(fn), filesInAFreshContainer(second), "a fresh container has every file, links as links");
            assertSameConfiguration(first, second);
            assertEquals("", run(second, WRONG_OWNER_OR_MODE), "owned by root, folders 0755, files 0644, as COPY makes them");

            Files.writeString(fn.resolve("handler.js"), "module.exports = () => 'v3 ' + require('./util-link.js');\n");
            Files.delete(fn.resolve("lib/new.js"));
            Files.delete(fn.resolve("extra/deep/x.js"));
            Files.delete(fn.resolve("data/d0/f0.bin")); // in the base image: a layer on it could not take it away
            Eventually.await("a full build to serve v3 (a file deleted from the base)", Duration.ofSeconds(120),
                    () -> Http.get(session.port(), host, "/").body().equals("v3 util")
                            && label(live(session).image(), "dev.devserver.code-layers") == null);
            String third = live(session).image();
            assertEquals(filesOf(fn), filesInAFreshContainer(third), "the deleted file is gone from the image");
            String ahead = assertNextCreatedAhead(project, live(session).name(), DOCKER.inspectImageCmd(third).exec().getId());

            Files.writeString(Files.createDirectories(fn.resolve("more/nested")).resolve("y.js"), "// and on the early start\n");
            Files.writeString(fn.resolve("handler.js"), "module.exports = () => 'v4';\n");
            awaitServed(session, host, "v4");
            String fourth = live(session).image();
            assertEquals(id(DOCKER.inspectImageCmd(fourth).exec().getParent()), id(assertRunsInAPause(project, live(session).name(), fn)),
                    "later ones start from the base with the layer's files while the image commits");
            assertEquals(ahead, running(project, live(session).name()).getId(),
                    "the edit's revision runs the container created ahead for it, its files copied in at the edit");
            assertEquals("1", label(fourth, "dev.devserver.code-layers"), "the full build is the next base");
            assertEquals(filesOf(fn), filesInAFreshContainer(fourth));

            Eventually.await("the older revisions' images to be removed", Duration.ofSeconds(30),
                    () -> tags(project).equals(new TreeSet<>(List.of(third, fourth, "loop-fn:latest"))));
        }
        assertEquals(List.of(), DOCKER.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.PROJECT, project.toString())).exec(), "no container, pause or not, is left");
        ImageCleanup.Pruned pruned = new ImageCleanup(DOCKER).pruneAll(project);
        assertTrue(pruned.removed() >= 2 && pruned.bytes() > 0, "prune removes the images and says what it freed: " + pruned);
        assertEquals(List.of(), DOCKER.listImagesCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.PROJECT, project.toString())).exec(), "nothing of the project is left");
    }

    /**
     * A reload's revision runs in the network of a pause container (as a pod's containers do): the pause publishes the
     * port on loopback, the revision's own container has no network or ports of its own; the replaced revision's pause
     * went with its container. What the running container holds is exactly the folder's files, owned and with modes as
     * COPY makes them, and it carries its image's layer count. Returns the id of the image the container was made of.
     */
    private static String assertRunsInAPause(Path project, String revision, Path fn) throws Exception {
        var container = DOCKER.inspectContainerCmd(running(project, revision).getId()).exec();
        String mode = container.getHostConfig().getNetworkMode();
        assertTrue(mode.startsWith("container:"), "joined a pause container's network: " + mode);
        var pause = DOCKER.inspectContainerCmd(mode.substring("container:".length())).exec();
        assertEquals("pause", pause.getConfig().getLabels().get("dev.devserver.role"));
        assertEquals(project.toString(), pause.getConfig().getLabels().get(Labels.PROJECT), "down and leftovers find it");
        assertEquals("127.0.0.1", pause.getNetworkSettings().getPorts().getBindings().values().iterator().next()[0].getHostIp(),
                "the pause publishes the port, on loopback only");
        Eventually.await("the replaced revision's pause to go: the live one's and the next one's are left", Duration.ofSeconds(60), () -> {
            List<String> pauses = pauses(project, false);
            return pauses.contains(pause.getId()) && pauses.size() == 2;
        });
        assertEquals(filesOf(fn), listing(ContainerExec.inContainer(container.getId(), "sh", "-c", LIST_FILES)),
                "the running container has every file");
        assertEquals("", ContainerExec.inContainer(container.getId(), "sh", "-c", WRONG_OWNER_OR_MODE).strip());
        assertEquals("1", container.getConfig().getLabels().get("dev.devserver.code-layers"));
        return container.getImageId();
    }

    /**
     * Once {@code live} serves, the container of the revision a code edit makes next waits, created and never started:
     * of the base {@code baseId} the edit's layer goes on, named and labelled for that revision, with its K_REVISION,
     * in a pause's network. Returns its id.
     */
    private static String assertNextCreatedAhead(Path project, String live, String baseId) throws InterruptedException {
        int generation = Integer.parseInt(live.substring(live.lastIndexOf('-') + 1));
        String next = String.format("%s%05d", live.substring(0, live.lastIndexOf('-') + 1), generation + 1);
        Eventually.await("the container of " + next + " to be created ahead", Duration.ofSeconds(60),
                () -> containersOf(project, next).size() == 1);
        var container = DOCKER.inspectContainerCmd(containersOf(project, next).get(0).getId()).exec();
        assertEquals("created", container.getState().getStatus(), "nothing runs before the edit's files are in");
        assertEquals(baseId, container.getImageId(), "of the base the next code layer goes on");
        assertTrue(container.getName().startsWith("/" + next + "-deployment-"), container.getName());
        assertTrue(List.of(container.getConfig().getEnv()).contains("K_REVISION=" + next), "the runtime contract's names");
        assertEquals("1", container.getConfig().getLabels().get("dev.devserver.code-layers"));
        assertTrue(container.getHostConfig().getNetworkMode().startsWith("container:"), "in a pause's network");
        return container.getId();
    }

    /** The ids of the project's pause containers: running ones only, or stopped ones too. */
    private static List<String> pauses(Path project, boolean runningOnly) {
        return DOCKER.listContainersCmd().withShowAll(!runningOnly).withLabelFilter(Map.of(Labels.PROJECT, project.toString(),
                "dev.devserver.role", "pause")).exec().stream().map(c -> c.getId()).toList();
    }

    private static List<com.github.dockerjava.api.model.Container> containersOf(Path project, String revision) {
        return DOCKER.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.PROJECT, project.toString(),
                Labels.KNATIVE_REVISION, revision)).exec();
    }

    private static com.github.dockerjava.api.model.Container running(Path project, String revision) {
        var running = DOCKER.listContainersCmd().withLabelFilter(Map.of(Labels.PROJECT, project.toString(),
                Labels.KNATIVE_REVISION, revision)).exec();
        assertEquals(1, running.size(), "one container of " + revision);
        return running.get(0);
    }

    /** 1,500 small files, an 8 MB asset, a link inside the folder, and host dependencies the image must not get. */
    private static void bigFolder(Path fn) throws IOException {
        Random random = new Random(18);
        for (int d = 0; d < 15; d++) {
            Path folder = Files.createDirectories(fn.resolve("data/d" + d));
            for (int f = 0; f < 100; f++) {
                byte[] bytes = new byte[512];
                random.nextBytes(bytes);
                Files.write(folder.resolve("f" + f + ".bin"), bytes);
            }
        }
        byte[] asset = new byte[8 << 20];
        random.nextBytes(asset);
        Files.write(Files.createDirectories(fn.resolve("assets")).resolve("video.bin"), asset);
        Files.writeString(Files.createDirectories(fn.resolve("lib")).resolve("util.js"), "module.exports = 'util';\n");
        Files.createSymbolicLink(fn.resolve("util-link.js"), Path.of("lib/util.js"));
        Files.writeString(Files.createDirectories(fn.resolve("node_modules/left-out")).resolve("index.js"), "host\n");
    }

    private static void awaitServed(Session session, String host, String body) throws InterruptedException {
        Eventually.await(body + " to be served", Duration.ofSeconds(120),
                () -> Http.get(session.port(), host, "/").body().equals(body));
    }

    private static RevisionView live(Session session) {
        FunctionView view = session.serving().views().get(0);
        return view.revisions().stream().filter(RevisionView::active).findFirst().orElseThrow();
    }

    private static String label(String image, String key) {
        return DOCKER.inspectImageCmd(image).exec().getConfig().getLabels().get(key);
    }

    private static TreeSet<String> tags(Path project) {
        TreeSet<String> tags = new TreeSet<>();
        for (Image image : DOCKER.listImagesCmd().withLabelFilter(Map.of(Labels.PROJECT, project.toString())).exec()) {
            // Podman names them docker.io/library/<name> (or localhost/<name>) and finds them by the short name
            Stream.of(image.getRepoTags()).map(t -> t.replaceFirst("^(docker\\.io/library|localhost)/", "")).forEach(tags::add);
        }
        return tags;
    }

    /** "path sha256" per file and "path -> target" per link, as the image must hold them (node_modules left out). */
    private static String filesOf(Path fn) throws Exception {
        TreeSet<String> lines = new TreeSet<>();
        try (Stream<Path> paths = Files.walk(fn)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                String relative = "./" + fn.relativize(p);
                if (relative.startsWith("./node_modules")) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    lines.add(relative + " -> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    lines.add(relative + " " + HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
                }
            }
        }
        return String.join("\n", lines);
    }

    /**
     * A code layer runs as its base does: same command, environment (in order), user, ports, labels but its layer
     * count. An empty entrypoint is none (Podman's commit writes the base's absent one as empty).
     */
    private static void assertSameConfiguration(String base, String layered) {
        var before = DOCKER.inspectImageCmd(base).exec().getConfig();
        var after = DOCKER.inspectImageCmd(layered).exec().getConfig();
        assertEquals(Arrays.deepToString(new Object[]{before.getCmd(), entrypoint(before.getEntrypoint()), before.getEnv(),
                        before.getWorkingDir(), before.getUser(), before.getExposedPorts()}),
                Arrays.deepToString(new Object[]{after.getCmd(), entrypoint(after.getEntrypoint()), after.getEnv(),
                        after.getWorkingDir(), after.getUser(), after.getExposedPorts()}), "the code layer's image runs as its base does");
        Map<String, String> labels = new HashMap<>(after.getLabels());
        labels.remove("dev.devserver.code-layers");
        assertEquals(before.getLabels(), labels);
    }

    /** An image id without its digest's name (Podman's image parent has none, its container's image id has). */
    private static String id(String id) {
        return id.replaceFirst("^sha256:", "");
    }

    private static String[] entrypoint(String[] entrypoint) {
        return entrypoint == null ? new String[0] : entrypoint;
    }

    private static final String LIST_FILES = "cd /app/function && { find . -type f -exec sha256sum {} + | awk '{print $2 \" \" $1}';"
            + " find . -type l -exec sh -c 'echo \"$1 -> $(readlink \"$1\")\"' _ {} \\; ; } | LC_ALL=C sort";
    private static final String WRONG_OWNER_OR_MODE = "cd /app/function && find . ! -user root -o ! -group root"
            + " -o -type d ! -perm 755 -o -type f ! -perm 644";

    private static String filesInAFreshContainer(String image) throws Exception {
        return listing(run(image, LIST_FILES));
    }

    private static String listing(String printed) {
        assertFalse(printed.contains("node_modules"), "host dependencies never reach the image");
        return String.join("\n", new TreeSet<>(List.of(printed.strip().split("\n"))));
    }

    /** What {@code script} prints in a fresh container of the image. */
    private static String run(String image, String script) throws Exception {
        String id = DOCKER.createContainerCmd(image).withEntrypoint("sh", "-c", script).withCmd(List.of())
                .withLabels(Map.of(Labels.PROJECT, "/edit-loop-it")).exec().getId();
        try {
            DOCKER.startContainerCmd(id).exec();
            DOCKER.waitContainerCmd(id).start().awaitStatusCode();
            StringBuilder out = new StringBuilder();
            DOCKER.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    out.append(new String(frame.getPayload()));
                }
            }).awaitCompletion();
            return out.toString().strip();
        } finally {
            DOCKER.removeContainerCmd(id).withForce(true).exec();
        }
    }
}
