package dev.devserver.it;

import dev.devserver.docker.Labels;
import dev.devserver.image.BuildListener;
import dev.devserver.project.Project;
import dev.devserver.project.ProjectLoader;
import dev.devserver.project.Settings;
import dev.devserver.serving.ServiceStatus;
import dev.devserver.session.Session;
import dev.devserver.session.SessionListener;
import dev.devserver.session.SessionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `up` routes every function before any of its containers starts, then starts them a few at a time: a request made
 * as soon as `up` says it routes is held (as Knative's activator holds one during a cold start) and starts its
 * function's container at once, rather than being refused or waiting for the other functions' queue.
 */
class FirstStartIT {
    @Test
    void aRequestMadeAsSoonAsUpRoutesIsHeldAndStartsItsContainer(@TempDir Path dir) throws Exception {
        Project project = ProjectLoader.load(TestProjects.copy("scaling", dir), Settings.defaults());
        String host = project.function("edit-js").orElseThrow().host(project);
        AtomicInteger startingWhenRouted = new AtomicInteger(-1);
        AtomicReference<HttpResponse<String>> early = new AtomicReference<>();
        List<String> notices = new CopyOnWriteArrayList<>();
        SessionListener listener = new SessionListener() {
            /**
             * Sent from here, before `up` queues a single container start: only the held request itself can have
             * edit-js's container started, so a 200 proves the request waited for a container it caused.
             */
            @Override
            public void routed(int port, int starting) {
                startingWhenRouted.set(starting);
                early.set(Http.get(port, host, "/"));
            }

            @Override
            public void notice(String function, String text) {
                notices.add(function + ": " + text);
            }
        };
        SessionOptions options = SessionOptions.defaults().withPort(0).withOfflineBases(true).withWatch(false);
        try (Session session = Session.start(project, options, Sessions.VERTX, Engine.docker(), Engine.runtimes(),
                BuildListener.SILENT, listener)) {
            assertEquals(3, startingWhenRouted.get(), "no function was ready when up said it routes");
            assertEquals(200, early.get().statusCode(), early.get().body());
            assertEquals("version 1", early.get().body());
            assertTrue(notices.stream().anyMatch(n -> n.startsWith("edit-js: cold start")), notices.toString());
            assertTrue(session.serving().statuses().stream().allMatch(ServiceStatus::ready), session.serving().statuses().toString());
            assertEquals(1, Engine.docker().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(
                    Labels.PROJECT, project.dir().toString(), Labels.FUNCTION, "edit-js")).exec().size(),
                    "up's own start of edit-js was skipped: the held request had started its container");
        }
    }
}
