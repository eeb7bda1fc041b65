package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;

/** What every write shares: the body as a tree, dry run, and how strictly unknown fields are refused. */
record WriteRequest(JsonNode body, boolean dryRun, boolean strict, String fieldManager, boolean force) {

    /** @throws IllegalArgumentException when the body is not JSON (or YAML, for server-side apply) */
    static WriteRequest of(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        JsonNode body;
        if (type != null && type.startsWith(ProtobufBodies.CONTENT_TYPE)) {
            body = ProtobufBodies.decode(ctx.body() == null ? new byte[0] : ctx.body().buffer().getBytes());
        } else {
            String text = ctx.body() == null ? null : ctx.body().asString();
            body = text == null || text.isBlank() ? KubeJson.MAPPER.createObjectNode() : parse(text);
        }
        String validation = ctx.request().getParam("fieldValidation");
        return new WriteRequest(body, "All".equals(ctx.request().getParam("dryRun")),
                validation == null || validation.equalsIgnoreCase("Strict"),
                ctx.request().getParam("fieldManager"), "true".equals(ctx.request().getParam("force")));
    }

    /** JSON as it is (a merge patch's nulls delete fields), else YAML (server-side apply sends YAML). */
    private static JsonNode parse(String text) {
        try {
            return KubeJson.MAPPER.readTree(text);
        } catch (IOException notJson) {
            try {
                return KubeJson.readYaml(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the request body is neither JSON nor YAML");
            }
        }
    }
}
