package dev.devserver.router;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Guards the bytes of each request's header section before Vert.x's HTTP/1.x decoder sees them, for what the decoder
 * tolerates but a proxy must not:
 * <ul>
 *   <li><b>header-read timeout</b> (slowloris): once the first byte of a request arrives, its whole header section
 *       must arrive within the timeout, else 408 and close. The idle timeout cannot do this: one byte a second
 *       keeps a connection busy forever.</li>
 *   <li><b>obs-fold</b> (a header line starting with a space or tab, RFC 9112 §5.2): Netty joins it to the previous
 *       header, which another parser may read differently; refused with 400 and close.</li>
 * </ul>
 * A scanner before the decoder reads header bytes; a marker after the decoder re-arms it when a request's body has
 * been read, so bodies are never scanned. Idle keep-alive connections (no bytes) are left to the idle timeout.
 */
final class HeaderGuard {
    private static final String DECODER = "httpDecoder";

    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("devserver.framing-refused");

    private HeaderGuard() {
    }

    /** Marks a connection whose framing was refused: requests already pipelined behind it are dropped, not routed. */
    static void refuseRest(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            base.channel().attr(REFUSED).set(Boolean.TRUE);
        }
    }

    static boolean refused(HttpConnection connection) {
        return connection instanceof ConnectionBase base && Boolean.TRUE.equals(base.channel().attr(REFUSED).get());
    }

    /** Installs the guard on a new HTTP/1.x connection (no-op for HTTP/2 or an unexpected pipeline). */
    static void install(HttpConnection connection, long timeoutMillis) {
        if (!(connection instanceof ConnectionBase base)) {
            return;
        }
        ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
        if (pipeline.get(DECODER) == null) {
            return;
        }
        Scanner scanner = new Scanner(timeoutMillis);
        pipeline.addBefore(DECODER, "devserver-header-scanner", scanner);
        pipeline.addAfter(DECODER, "devserver-request-end", new RequestEnd(scanner));
    }

    /** Before the decoder: watches each header section's bytes. */
    static final class Scanner extends ChannelInboundHandlerAdapter {
        private final long timeoutMillis;
        private boolean inHeaders = true;
        private boolean started;      // a byte of this request's header section has arrived
        private boolean atLineStart = true;
        private int lines;            // complete lines in this header section (the request line is the first)
        private int lineLength;
        private boolean refused;
        private ScheduledFuture<?> deadline;

        Scanner(long timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
        }

        /** The decoder finished a request (its body too): the next byte starts a new header section. */
        void requestEnded() {
            inHeaders = true;
            started = false;
            atLineStart = true;
            lines = 0;
            lineLength = 0;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (refused) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (ctx.pipeline().get(DECODER) == null) { // upgraded (WebSocket): no longer HTTP/1.x framing
                cancelDeadline();
                ctx.pipeline().remove(this);
                ctx.fireChannelRead(msg);
                return;
            }
            if (inHeaders && msg instanceof ByteBuf bytes && !scan(ctx, bytes)) {
                ReferenceCountUtil.release(msg);
                refuse(ctx, 400, "Bad Request", "Bad request: obsolete line folding in a header (RFC 9112 section 5.2)");
                return;
            }
            ctx.fireChannelRead(msg);
        }

        /** @return false when the header section is malformed (obs-fold) */
        private boolean scan(ChannelHandlerContext ctx, ByteBuf bytes) {
            for (int i = bytes.readerIndex(); i < bytes.writerIndex() && inHeaders; i++) {
                byte b = bytes.getByte(i);
                if (b == '\r') {
                    continue;
                }
                if (b == '\n') {
                    if (lineLength == 0 && lines > 0) { // the empty line that ends the header section
                        inHeaders = false;
                        cancelDeadline();
                    } else if (lineLength > 0) {
                        lines++;
                    } // an empty line before the request line is ignored, as the decoder does
                    lineLength = 0;
                    atLineStart = true;
                    continue;
                }
                if (!started) {
                    started = true;
                    startDeadline(ctx);
                }
                if (atLineStart && lines > 0 && (b == ' ' || b == '\t')) {
                    return false;
                }
                atLineStart = false;
                lineLength++;
            }
            return true;
        }

        private void startDeadline(ChannelHandlerContext ctx) {
            cancelDeadline();
            deadline = ctx.executor().schedule(() -> {
                if (inHeaders && started && !refused && ctx.pipeline().get(DECODER) != null) {
                    refuse(ctx, 408, "Request Timeout", "Request timeout: the request headers did not arrive within "
                            + timeoutMillis / 1000 + " s");
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        }

        private void cancelDeadline() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }

        /** Writes a minimal response straight to the socket (below the encoder) and closes the connection. */
        private void refuse(ChannelHandlerContext ctx, int status, String reason, String body) {
            refused = true;
            cancelDeadline();
            byte[] text = (body + "\n").getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Length: " + text.length + "\r\nConnection: close\r\n\r\n";
            ByteBuf reply = Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.ISO_8859_1), text);
            ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            cancelDeadline();
            super.channelInactive(ctx);
        }
    }

    /** After the decoder: re-arms the scanner once a request, body included, has been decoded. */
    static final class RequestEnd extends ChannelInboundHandlerAdapter {
        private final Scanner scanner;

        RequestEnd(Scanner scanner) {
            this.scanner = scanner;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof LastHttpContent) {
                scanner.requestEnded();
            }
            ctx.fireChannelRead(msg);
        }
    }
}
