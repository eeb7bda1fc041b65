package dev.devserver.it;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** `docker exec` in a running function container: what a function's own code sees from inside. */
final class ContainerExec {
    private ContainerExec() {
    }

    /** Runs {@code command} in a running container of the Knative service; returns what it printed. */
    static String inService(Path project, String knativeService, String... command) {
        List<Container> containers = Engine.docker().listContainersCmd().withLabelFilter(Map.of(
                "serving.knative.dev/service", knativeService, "dev.devserver.project", project.toString())).exec();
        if (containers.isEmpty()) {
            throw new AssertionError("no running container of " + knativeService);
        }
        return inContainer(containers.get(0).getId(), command);
    }

    /** Runs {@code command} in the running container {@code id}; returns what it printed. */
    static String inContainer(String id, String... command) {
        String exec = Engine.docker().execCreateCmd(id).withCmd(command).withAttachStdout(true)
                .withAttachStderr(true).exec().getId();
        StringBuilder out = new StringBuilder();
        try {
            Engine.docker().execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }).awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString();
    }

    /** A GET of {@code url} with Node from a nodejs function's container: "STATUS BODY", or "error MESSAGE". */
    static String nodeGet(Path project, String knativeService, String url) {
        return inService(project, knativeService, "node", "-e", "require('http').get('" + url + "', r => { let b = '';"
                + " r.on('data', c => b += c); r.on('end', () => console.log(r.statusCode + ' ' + b)); })"
                + ".on('error', e => console.log('error ' + e.message))").strip();
    }
}
