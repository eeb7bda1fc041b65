package dev.devserver.router;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Small answers the router writes itself. */
final class Replies {
    private Replies() {
    }

    static Future<Void> text(HttpServerResponse response, int status, String body) {
        return response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body.endsWith("\n") ? body : body + "\n");
    }

    static void html(HttpServerResponse response, int status, String body) {
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body);
    }

    /** For requests whose framing cannot be trusted: answer, then close so no smuggled request is read. */
    static void badRequestAndClose(HttpServerResponse response, String body) {
        response.putHeader(HttpHeaders.CONNECTION, "close");
        text(response, 400, body).onComplete(v -> response.close());
    }
}
