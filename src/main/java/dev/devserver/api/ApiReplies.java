package dev.devserver.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** JSON answers. Errors are JSON too ({@code {"error": "..."}}) so the UI and `devserver get` can show them. */
final class ApiReplies {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ApiReplies() {
    }

    static void json(RoutingContext ctx, int status, Object body) {
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            error(ctx, 500, "cannot encode the answer: " + e.getOriginalMessage());
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(text);
    }

    static void json(RoutingContext ctx, Object body) {
        json(ctx, 200, body);
    }

    static void error(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) {
            return;
        }
        json(ctx, status, Map.of("error", message == null ? "error" : message));
    }
}
