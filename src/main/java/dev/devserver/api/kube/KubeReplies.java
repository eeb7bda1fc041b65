package dev.devserver.api.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.vertx.ext.web.RoutingContext;

import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import java.util.List;

/** JSON answers and Kubernetes {@code Status} errors with the reason and code kubectl turns into its messages. */
final class KubeReplies {
    private KubeReplies() {
    }

    static void json(RoutingContext ctx, int code, Object body) {
        if (ctx.response().ended()) {
            return;
        }
        String text;
        try {
            text = KubeJson.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            failure(ctx, 500, "InternalError", "cannot encode the answer: " + e.getOriginalMessage(), null);
            return;
        }
        ctx.response().setStatusCode(code).putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(text);
    }

    static void json(RoutingContext ctx, Object body) {
        json(ctx, 200, body);
    }

    static void failure(RoutingContext ctx, int code, String reason, String message, List<StatusCause> causes) {
        withDetails(ctx, code, reason, message, causes == null ? null
                : new StatusDetailsBuilder().withCauses(causes).build());
    }

    private static void withDetails(RoutingContext ctx, int code, String reason, String message, StatusDetails details) {
        Status status = new StatusBuilder().withApiVersion("v1").withKind("Status").withNewMetadata().endMetadata()
                .withStatus("Failure").withMessage(message).withReason(reason).withCode(code).withDetails(details).build();
        json(ctx, code, status);
    }

    static void notFound(RoutingContext ctx, ResourceType type, String name) {
        failure(ctx, 404, "NotFound", type.qualified() + " \"" + name + "\" not found", null);
    }

    static void alreadyExists(RoutingContext ctx, ResourceType type, String name) {
        failure(ctx, 409, "AlreadyExists", type.qualified() + " \"" + name + "\" already exists", null);
    }

    static void conflict(RoutingContext ctx, ResourceType type, String name) {
        failure(ctx, 409, "Conflict", "Operation cannot be fulfilled on " + type.qualified() + " \"" + name
                + "\": the object has been modified; please apply your changes to the latest version and try again", null);
    }

    /** 422 with one cause per bad field, as kube-apiserver's validation answers. */
    static void invalid(RoutingContext ctx, ResourceType type, String name, List<StatusCause> causes) {
        String details = String.join(", ", causes.stream().map(c -> c.getField() + ": " + c.getMessage()).toList());
        withDetails(ctx, 422, "Invalid", type.kind() + " \"" + name + "\" is invalid: " + details,
                new StatusDetailsBuilder().withName(name).withKind(type.kind())
                        .withGroup(type.group()).withCauses(causes).build());
    }

    static StatusCause cause(String reason, String field, String message) {
        return new StatusCauseBuilder().withReason(reason).withField(field)
                .withMessage(message).build();
    }

    static void forbidden(RoutingContext ctx, ResourceType type, String name, String why) {
        failure(ctx, 403, "Forbidden", type.qualified() + (name == null ? "" : " \"" + name + "\"") + " is forbidden: " + why, null);
    }

    static void badRequest(RoutingContext ctx, String message) {
        failure(ctx, 400, "BadRequest", message, null);
    }

    static void methodNotAllowed(RoutingContext ctx) {
        failure(ctx, 405, "MethodNotAllowed", "the server does not allow this method on the requested resource", null);
    }
}
