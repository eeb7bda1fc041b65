package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * OpenAPI v3 ({@code /openapi/v3}, {@code /openapi/v3/api/v1}, {@code /openapi/v3/apis/serving.knative.dev/v1}):
 * schemas for `kubectl explain`, and PATCH operations that declare {@code fieldValidation}, which tells kubectl
 * (cli-runtime's query_param_verifier_v3) that the server validates fields itself, so it sends fieldValidation=Strict
 * instead of validating against OpenAPI v2. Older kubectl reads {@code /openapi/v2} instead ({@link OpenApiV2}).
 * The documents are rendered at build time ({@link OpenApiDocuments}) and read from the jar for each request: most
 * sessions never ask, and one that does keeps nothing.
 */
final class OpenApi {
    static final String FOLDER = "openapi/";
    static final String CORE_V3 = "v3-api-v1.json";
    static final String SERVING_V3 = "v3-apis-serving.knative.dev-v1.json";
    static final String V2_JSON = "v2.json";
    static final String V2_PROTOBUF = "v2.pb";

    /** Changes with devserver's build, so kubectl's cache of the documents (keyed by the hash) is renewed. */
    private static final String VERSION = KubeJson.contentVersion(KubeJson.MAPPER.valueToTree(
            String.valueOf(OpenApi.class.getPackage().getImplementationVersion()) + "/2"));

    void mount(Router r) {
        r.get("/openapi/v3").handler(this::root);
        r.get("/openapi/v3/api/v1").blockingHandler(ctx -> v3(ctx, CORE_V3), false);
        r.get("/openapi/v3/apis/" + Catalog.KNATIVE + "/v1").blockingHandler(ctx -> v3(ctx, SERVING_V3), false);
        r.get("/openapi/v2").blockingHandler(this::v2, false);
    }

    private void root(RoutingContext ctx) {
        ObjectNode root = KubeJson.MAPPER.createObjectNode();
        ObjectNode paths = root.putObject("paths");
        for (String gv : List.of("api/v1", "apis/" + Catalog.KNATIVE + "/v1")) {
            paths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + VERSION);
        }
        KubeReplies.json(ctx, root);
    }

    /** Asked for by the hash in the root's URLs, so a client may keep it for good. */
    private void v3(RoutingContext ctx, String document) {
        ctx.response().putHeader("Cache-Control", "public, immutable");
        send(ctx, document, "application/json");
    }

    /** kubectl before 1.27 asks for protobuf; JSON for anyone else (curl, older Java clients). */
    private void v2(RoutingContext ctx) {
        if (String.valueOf(ctx.request().getHeader("Accept")).contains("protobuf")) {
            send(ctx, V2_PROTOBUF, OpenApiV2.PROTOBUF);
        } else {
            send(ctx, V2_JSON, "application/json");
        }
    }

    private static void send(RoutingContext ctx, String document, String type) {
        try (InputStream in = OpenApi.class.getClassLoader().getResourceAsStream(FOLDER + document)) {
            if (in == null) {
                throw new IOException("not in the build");
            }
            ctx.response().putHeader("Content-Type", type).end(Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            ctx.response().headers().remove("Cache-Control");
            KubeReplies.failure(ctx, 500, "InternalError", "the OpenAPI document " + document
                    + " is missing from this build of devserver (" + e.getMessage() + ")", null);
        }
    }
}
