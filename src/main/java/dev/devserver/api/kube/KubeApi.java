package dev.devserver.api.kube;

import dev.devserver.manifests.AppliedServices;
import dev.devserver.manifests.Namespaces;
import dev.devserver.observe.logs.LogSearch;
import dev.devserver.project.Project;
import dev.devserver.serving.FunctionView;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.List;
import java.util.function.Supplier;

/**
 * The Kubernetes API real kubectl talks to, on devserver's own hosts: discovery, OpenAPI, the project's namespace,
 * its secrets (read and written through the secret store) and its functions as Knative objects, pods and events.
 * Every request needs the project's bearer token ({@link ApiToken}); without it, 401.
 */
public final class KubeApi {
    private static final String CORE = "/api/v1";
    private static final String SERVING = "/apis/" + Catalog.KNATIVE + "/v1";
    private static final int MAX_BODY = 3 * 1024 * 1024;

    private final Supplier<ApiToken> token;
    private final NamespacesApi namespaces;
    private final SecretsApi secrets;
    private final ServingApi serving;
    private final PodLogs podLogs;
    private final OpenApi openApi = new OpenApi();

    /** @param services the Knative Services applied through this API; null when writes of services are refused */
    public KubeApi(Supplier<Project> project, Supplier<List<FunctionView>> views, LogSearch logs, AppliedServices services) {
        Project p = project.get();
        ApiToken[] made = new ApiToken[1];
        // Made now so clients find it as soon as `up` serves; if the disk refuses, tried again on the next request.
        this.token = () -> {
            synchronized (made) {
                return made[0] != null ? made[0] : (made[0] = ApiToken.forProject(p.dir()));
            }
        };
        try {
            token.get();
        } catch (dev.devserver.DevserverException e) {
            // reported to the client that sends the first request (500 with the reason)
        }
        Supplier<Namespaces> namespaces = services != null ? services::namespaces : () -> new Namespaces(project.get());
        this.secrets = new SecretsApi(p.dir(), () -> namespaces.get().names());
        this.namespaces = new NamespacesApi(namespaces, services, secrets);
        this.serving = new ServingApi(project, views, services);
        this.podLogs = new PodLogs(serving, project, logs);
    }

    public void mount(Router r) {
        for (String prefix : List.of("/api", "/apis", "/version", "/openapi")) {
            r.route(prefix).handler(this::authorize);
            r.route(prefix + "/*").handler(this::authorize);
        }
        r.get("/version").handler(Discovery::version);
        r.get("/api").handler(Discovery::coreVersions);
        r.get(CORE).handler(Discovery::core);
        r.get("/apis").handler(Discovery::groups);
        r.get("/apis/" + Catalog.KNATIVE).handler(Discovery::group);
        r.get(SERVING).handler(Discovery::serving);
        openApi.mount(r);

        r.route(CORE + "/namespaces/:namespace/:resource").handler(namespaces::guard);
        r.route(CORE + "/namespaces/:namespace/:resource/*").handler(namespaces::guard);
        r.route(SERVING + "/namespaces/:namespace/:resource").handler(namespaces::guard);
        r.route(SERVING + "/namespaces/:namespace/:resource/*").handler(namespaces::guard);
        r.route().method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH).method(HttpMethod.DELETE)
                .pathRegex("/apis?/.*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));

        reads(r, CORE + "/namespaces", namespaces.reads(), false);
        r.post(CORE + "/namespaces").blockingHandler(namespaces::create, false);
        r.delete(CORE + "/namespaces/:name").blockingHandler(namespaces::delete, false);
        r.route(CORE + "/namespaces/:name").method(HttpMethod.PUT).method(HttpMethod.PATCH).handler(namespaces::refuse);

        reads(r, CORE + "/namespaces/:namespace/secrets", secrets.reads(), true);
        r.post(CORE + "/namespaces/:namespace/secrets").blockingHandler(secrets::create, false);
        r.put(CORE + "/namespaces/:namespace/secrets/:name").blockingHandler(secrets::replace, false);
        r.patch(CORE + "/namespaces/:namespace/secrets/:name").blockingHandler(secrets::patch, false);
        r.delete(CORE + "/namespaces/:namespace/secrets/:name").blockingHandler(secrets::delete, false);

        reads(r, CORE + "/namespaces/:namespace/pods", serving.pods(), true);
        r.get(CORE + "/namespaces/:namespace/pods/:name/log").blockingHandler(podLogs::handle, false);
        reads(r, CORE + "/namespaces/:namespace/events", serving.events(), true);

        reads(r, SERVING + "/namespaces/:namespace/services", serving.services(), true);
        r.post(SERVING + "/namespaces/:namespace/services").blockingHandler(serving::write, false);
        r.route(SERVING + "/namespaces/:namespace/services/:name").method(HttpMethod.PUT).method(HttpMethod.PATCH)
                .method(HttpMethod.DELETE).blockingHandler(serving::write, false);
        reads(r, SERVING + "/namespaces/:namespace/configurations", serving.configurations(), true);
        reads(r, SERVING + "/namespaces/:namespace/revisions", serving.revisions(), true);
        reads(r, SERVING + "/namespaces/:namespace/routes", serving.routes(), true);

        // Anything else under the API's prefixes: kube-apiserver's answers, as Status objects.
        r.route().pathRegex("/(api|apis)(/.*)?").handler(this::unknown);
    }

    /** GET of the collection (list or watch) and of one object; with {@code namespaced}, also the all-namespaces list. */
    private static void reads(Router r, String collection, Reads reads, boolean namespaced) {
        r.get(collection).blockingHandler(reads::list, false);
        r.get(collection + "/:name").blockingHandler(reads::get, false);
        if (namespaced) {
            String all = collection.replace("/namespaces/:namespace", "");
            r.get(all).blockingHandler(reads::list, false);
        }
    }

    private void authorize(RoutingContext ctx) {
        if (!token.get().accepts(ctx.request().getHeader("Authorization"))) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"devserver\"");
            KubeReplies.failure(ctx, 401, "Unauthorized", "Unauthorized: send the project's bearer token; `devserver"
                    + " kubeconfig` prints a kubeconfig with it", null);
            return;
        }
        ctx.next();
    }

    private void unknown(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.GET) {
            KubeReplies.methodNotAllowed(ctx);
        } else {
            KubeReplies.failure(ctx, 404, "NotFound", "the server could not find the requested resource", null);
        }
    }
}
