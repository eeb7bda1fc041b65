package dev.devserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * POST /devserver/v1/functions/:name/invoke: the dev UI's "invoke" sends one request to the function through the
 * router, as a client would ({@link Invoker}), and answers with what came back.
 */
final class InvokeApi implements AutoCloseable {
    private final FunctionsApi functions;
    private final Invoker invoker;
    private final int port;

    /**
     * @param routerHost the address the router binds (invoke calls go there); a wildcard means loopback
     * @param port       the router's port
     */
    InvokeApi(Vertx vertx, FunctionsApi functions, String routerHost, int port) {
        this.functions = functions;
        this.port = port;
        this.invoker = new Invoker(vertx, connectable(routerHost), Duration.ofMinutes(5).toMillis());
    }

    void invoke(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        // Requiring JSON also means a cross-site page cannot send this as a "simple" request without a CORS preflight.
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            ApiReplies.error(ctx, 415, "send the invoke request as application/json: {method, path, headers, body}");
            return;
        }
        functions.find(ctx).ifPresent(view -> {
            Invoker.Call call;
            try {
                JsonNode json = ApiReplies.JSON.readTree(ctx.body().asString());
                call = Invoker.Call.parse(json);
            } catch (IllegalArgumentException e) {
                ApiReplies.error(ctx, 400, e.getMessage());
                return;
            } catch (IOException e) {
                ApiReplies.error(ctx, 400, "the body is not JSON: " + e.getMessage());
                return;
            }
            invoker.invoke(port, URI.create(view.url()).getRawAuthority(), call)
                    .onSuccess(result -> ApiReplies.json(ctx, result))
                    .onFailure(e -> ApiReplies.error(ctx, 502, "the request through the router failed: " + e.getMessage()));
        });
    }

    private static String connectable(String bindHost) {
        if (bindHost == null || bindHost.equals("0.0.0.0") || bindHost.equals("::") || bindHost.equals("[::]")) {
            return "127.0.0.1";
        }
        return bindHost;
    }

    @Override
    public void close() {
        invoker.close();
    }
}
