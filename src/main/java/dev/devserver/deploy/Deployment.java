package dev.devserver.deploy;

import dev.devserver.DevserverException;
import dev.devserver.image.BuildResult;
import dev.devserver.image.ImagePush;
import dev.devserver.project.Project;
import dev.devserver.render.Manifest;
import dev.devserver.render.Render;
import dev.devserver.render.SecretSource;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Secret;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One `devserver deploy` after the build: images pushed when the plan says so, then what `render` produces applied to
 * the target (Secrets first, so the Services' first revisions see them), each Service running the image just built
 * (its content-hash tag: an edit is a new template, hence a new revision; no change, no revision), then waited for.
 */
public final class Deployment {
    private final Project project;
    private final KubeTarget target;
    private final ImagePlan plan;
    private final Consumer<String> say;

    public Deployment(Project project, KubeTarget target, ImagePlan plan, Consumer<String> say) {
        this.project = project;
        this.target = target;
        this.plan = plan;
        this.say = say;
    }

    /** A service as deployed: its readiness when the wait ended (PENDING after a dry run or a timeout). */
    public record Outcome(String service, Readiness readiness) {
    }

    /**
     * @param secrets the local store to render Secrets from (--secrets), or empty to reference them by name only
     * @param push    null with a plan that pushes nothing
     */
    public List<Outcome> run(List<BuildResult> builds, Optional<SecretSource> secrets, boolean dryRun, Duration timeout,
                             ImagePush push) throws InterruptedException {
        List<String> failed = builds.stream().filter(b -> !b.ok()).map(b -> b.function().name()).toList();
        if (!failed.isEmpty()) {
            throw new DevserverException("Not deployed: " + String.join(", ", failed) + " did not build (see above). Fix"
                    + " the build and run `devserver deploy` again.");
        }
        Map<String, String> images = new LinkedHashMap<>();
        for (BuildResult b : builds) {
            String image = plan.image(b.image());
            if (plan.push() && !dryRun) {
                say.accept("pushing " + image);
                push.push(b.image(), image);
            }
            images.put(b.function().knativeService(), image);
        }
        Render render = Render.of(project, null, secrets);
        render.missingSecrets().forEach(name -> say.accept("warning: secret `" + name + "` is not in the local store:"
                + " nothing is applied for it; create it there (`devserver secret create " + name + " …`) or in the cluster."));
        String verb = dryRun ? "would apply (server dry run) " : "applied ";
        for (Manifest m : render.manifests()) {
            if (m.kind() == Manifest.Kind.SECRET) {
                target.apply(target.model(m.object(), Secret.class), dryRun);
                say.accept(verb + "secret/" + m.name());
            }
        }
        List<String> services = new ArrayList<>();
        for (Manifest m : render.manifests()) {
            if (m.kind() == Manifest.Kind.KNATIVE_SERVICE) {
                Service service = target.model(m.object(), Service.class);
                service.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(images.get(m.name()));
                target.apply(service, dryRun);
                say.accept(verb + "ksvc/" + m.name() + " (" + images.get(m.name()) + ")");
                services.add(m.name());
            }
        }
        return dryRun ? services.stream().map(s -> new Outcome(s, new Readiness(Readiness.State.PENDING, null, null,
                "dry run"))).toList() : await(services, timeout);
    }

    /** Polls each service until it is ready or failed, or the timeout ends. */
    private List<Outcome> await(List<String> services, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Readiness> last = new LinkedHashMap<>();
        List<String> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (String name : List.copyOf(waiting)) {
                Readiness r = Readiness.of(target.service(project.namespace(), name));
                if (r.state() == Readiness.State.PENDING && r.revision() != null) { // a newer revision may have failed
                    r = r.orFailed(target.revision(project.namespace(), r.revision()));
                }
                last.put(name, r);
                if (r.state() != Readiness.State.PENDING) {
                    waiting.remove(name);
                }
            }
            if (waiting.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(POLL.toMillis());
        }
        return services.stream().map(s -> new Outcome(s, last.get(s))).toList();
    }

    private static final Duration POLL = Duration.ofMillis(500);
}
