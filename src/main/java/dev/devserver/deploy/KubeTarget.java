package dev.devserver.deploy;

import dev.devserver.DevserverException;
import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes API `deploy` applies to, through fabric8's client: from --kubeconfig (else $KUBECONFIG or
 * ~/.kube/config) and --context. Writes are server-side applies under devserver's own field manager, so a later
 * `kubectl apply` by the user owns its own fields and does not fight devserver's. Every client failure becomes a
 * DevserverException that says what to check.
 */
public final class KubeTarget implements AutoCloseable {
    /** The field manager of devserver's server-side applies. */
    public static final String FIELD_MANAGER = "devserver";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");
    private final KubernetesClient client;
    private final String server;

    private KubeTarget(KubernetesClient client, String server) {
        this.client = client;
        this.server = server;
    }

    /** @param kubeconfig null for $KUBECONFIG or ~/.kube/config; @param context null for the current context */
    public static KubeTarget connect(Path kubeconfig, String context) {
        Config config;
        try {
            if (kubeconfig != null) {
                if (!Files.isRegularFile(kubeconfig)) {
                    throw new DevserverException("--kubeconfig " + kubeconfig + ": no such file. Give the path of a"
                            + " kubeconfig (`devserver kubeconfig > kubeconfig` in a `devserver cluster`'s folder writes one).");
                }
                config = Config.fromKubeconfig(context, kubeconfig.toFile());
            } else {
                String env = System.getenv("KUBECONFIG");
                boolean none = (env == null || env.isBlank()) && System.getenv("KUBERNETES_SERVICE_HOST") == null
                        && !Files.isRegularFile(Path.of(System.getProperty("user.home"), ".kube", "config"));
                if (none) {
                    throw new DevserverException("No kubeconfig: give --kubeconfig FILE, set KUBECONFIG, or write"
                            + " ~/.kube/config (in a `devserver cluster`'s folder: devserver kubeconfig > kubeconfig).");
                }
                config = Config.autoConfigure(context);
            }
        } catch (DevserverException e) {
            throw e;
        } catch (Exception e) {
            Matcher at = Pattern.compile("line (\\d+), column (\\d+)")
                    .matcher(String.valueOf(e.getMessage()));
            throw new DevserverException("Cannot read the kubeconfig " + (kubeconfig == null ? "($KUBECONFIG or"
                    + " ~/.kube/config)" : kubeconfig) + (at.find() ? ":" + at.group(1) + ":" + at.group(2) : "") + ": "
                    + firstLine(e) + ". Fix the file or give another with --kubeconfig.");
        }
        if (context != null && (config.getCurrentContext() == null || !context.equals(config.getCurrentContext().getName()))) {
            throw new DevserverException("--context " + context + ": the kubeconfig " + (kubeconfig == null ? "" : kubeconfig + " ")
                    + "has no context of that name. `kubectl config get-contexts` lists them.");
        }
        if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
            throw new DevserverException("The kubeconfig names no cluster server: give --kubeconfig FILE (or set KUBECONFIG).");
        }
        return new KubeTarget(new KubernetesClientBuilder().withConfig(config).build(), config.getMasterUrl().replaceAll("/+$", ""));
    }

    public String server() {
        return server;
    }

    /**
     * Whether the API is a devserver (its version says so) on this machine (a loopback address): its containers run
     * on this engine, so the images built here need no registry.
     */
    public boolean devserverOnThisMachine() {
        String host = URI.create(server).getHost();
        return host != null && LOOPBACK.contains(host) && call("read the server's version", () -> {
            VersionInfo version = client.getKubernetesVersion();
            return version.getGitVersion() != null && version.getGitVersion().contains("devserver");
        });
    }

    /** Fails with what to do when the namespace does not exist there. */
    public void requireNamespace(String namespace) {
        boolean exists = call("read namespace " + namespace, () -> client.namespaces().withName(namespace).get() != null);
        if (!exists) {
            throw new DevserverException("Namespace \"" + namespace + "\" does not exist at " + server + ": create it with"
                    + " `kubectl create namespace " + namespace + "`, or deploy to another with --namespace.");
        }
    }

    public Secret apply(Secret secret, boolean dryRun) {
        return call("apply Secret " + secret.getMetadata().getName(), () -> applied(secret, dryRun));
    }

    public Service apply(Service service, boolean dryRun) {
        return call("apply Knative Service " + service.getMetadata().getName(), () -> applied(service, dryRun));
    }

    private <T extends HasMetadata> T applied(T object, boolean dryRun) {
        var resource = client.resource(object).inNamespace(object.getMetadata().getNamespace());
        return (dryRun ? resource.dryRun() : resource).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    public Service service(String namespace, String name) {
        return call("read Knative Service " + name, () -> client.resources(Service.class).inNamespace(namespace).withName(name).get());
    }

    public Revision revision(String namespace, String name) {
        return call("read revision " + name, () -> client.resources(Revision.class).inNamespace(namespace).withName(name).get());
    }

    /** Converts a rendered manifest (maps) into the client's model. */
    public <T> T model(Map<String, Object> manifest, Class<T> type) {
        return client.getKubernetesSerialization().convertValue(manifest, type);
    }

    private interface Call<T> {
        T run();
    }

    private <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (KubernetesClientException e) {
            throw new DevserverException(explain(what, e));
        }
    }

    private String explain(String what, KubernetesClientException e) {
        if (e.getCode() == 0) {
            return "Cannot reach the Kubernetes API at " + server + " to " + what + " (" + firstLine(rootCause(e)) + "): is"
                    + " the cluster running? Check --kubeconfig and --context (a `devserver cluster` prints its API's port).";
        }
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : firstLine(e);
        String hint = switch (e.getCode()) {
            case 401 -> " The kubeconfig's credentials were refused: get a fresh kubeconfig (`devserver kubeconfig`).";
            case 403 -> " The kubeconfig's user may not do this.";
            case 404 -> e.getMessage() != null && e.getMessage().contains("serving.knative.dev")
                    ? " Is Knative Serving installed on that cluster?" : "";
            default -> "";
        };
        return "The Kubernetes API at " + server + " refused to " + what + " (HTTP " + e.getCode() + "): " + message + "." + hint;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    @Override
    public void close() {
        client.close();
    }
}
