package dev.devserver.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The dev UI's static files, read from the classpath (the jar): {@code dev-ui/} from the project's {@code dev-ui}
 * folder and the uPlot WebJar. Read straight from the class loader rather than Vert.x's StaticHandler, which
 * would unpack classpath files into a {@code .vertx} cache folder in the user's project directory.
 */
final class UiFiles {
    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*(\\.[A-Za-z0-9_-]+)+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon", "json", "application/json");
    private final Map<String, File> cache = new ConcurrentHashMap<>();

    /** A file's bytes and a validator, so a page load revalidates (304) instead of downloading every script again. */
    private record File(Buffer content, String etag) {
    }

    void index(RoutingContext ctx) {
        send(ctx, "dev-ui/index.html", "html");
    }

    /** /ui/vendor/uplot/NAME → the WebJar's dist/NAME; /ui/NAME → dev-ui/NAME. */
    void file(RoutingContext ctx) {
        String path = ctx.pathParam("*");
        if (path == null || !SAFE_PATH.matcher(path).matches()) {
            ApiReplies.error(ctx, 404, "not found");
            return;
        }
        String extension = path.substring(path.lastIndexOf('.') + 1);
        String resource = path.startsWith("vendor/uplot/") ? UPLOT + path.substring("vendor/uplot/".length()) : "dev-ui/" + path;
        send(ctx, resource, extension);
    }

    private void send(RoutingContext ctx, String resource, String extension) {
        File file = cache.computeIfAbsent(resource, UiFiles::read);
        if (file == null || !TYPES.containsKey(extension)) {
            ApiReplies.error(ctx, 404, "not found");
            return;
        }
        ctx.response().putHeader("Content-Type", TYPES.get(extension))
                .putHeader("Cache-Control", "no-cache")
                .putHeader("ETag", file.etag());
        if (file.etag().equals(ctx.request().getHeader("If-None-Match"))) {
            ctx.response().setStatusCode(304).end();
        } else {
            ctx.response().end(file.content());
        }
    }

    /** Null when missing: computeIfAbsent then caches nothing, so probing unknown names cannot grow the cache. */
    private static File read(String resource) {
        // Our own class loader sees the jar's dev-ui/ and the WebJar whatever thread (event loop) asks.
        try (InputStream in = UiFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            CRC32 crc = new CRC32();
            crc.update(bytes);
            return new File(Buffer.buffer(bytes), "\"" + Long.toHexString(crc.getValue()) + "-" + bytes.length + "\"");
        } catch (IOException e) {
            return null;
        }
    }
}
