package dev.devserver.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import dev.devserver.session.SessionOptions;
import dev.devserver.tls.TlsOptions;
import io.grpc.stub.ClientCalls;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Protocols Knative serves, through the real router to real containers: WebSocket, unbuffered event streams, and gRPC
 * (HTTP/2 cleartext end to end, to a container whose port is named h2c).
 */
class ProtocolsIT {
    /** The protocols project, with the gRPC sample (sample-functions/hello-grpc) copied in; HTTPS on for gRPC's h2. */
    @RegisterExtension
    static final RunningUp UP = new RunningUp("protocols", project -> copyFolder(
            Engine.CHECKOUT.resolve("sample-functions/hello-grpc"), project.resolve("hello-grpc")),
            SessionOptions.defaults().withPort(0).withOfflineBases(true).withTls(TlsOptions.localCa(0)));

    static {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static String host() {
        return host("ws");
    }

    private static String host(String function) {
        return UP.session().project().function(function).orElseThrow().host(UP.session().project());
    }

    private static void copyFolder(Path from, Path to) {
        try (var files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * gRPC's Greeter with a real gRPC client: HTTP/2 over TLS (ALPN h2) to the router, HTTP/2 cleartext from the router
     * to the container's h2c port; the status of a failing call arrives in the trailers.
     */
    @Test
    void grpcUnaryCallThroughTheRouter() throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", UP.session().httpsPort())
                .overrideAuthority(host("hello-grpc"))
                .sslContext(GrpcSslContexts.forClient().trustManager(UP.session().tls().localCa().toFile()).build()).build();
        try {
            String reply = ClientCalls.blockingUnaryCall(channel, ProtoString.SAY_HELLO,
                    CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS), "Knative");
            assertEquals("Hello, Knative (from protocols-hello-grpc-00001)", reply);
            StatusRuntimeException missing = assertThrows(StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(
                    channel, ProtoString.method("helloworld.Greeter/NoSuchMethod"), CallOptions.DEFAULT, "x"));
            assertEquals(Status.Code.UNIMPLEMENTED, missing.getStatus().getCode(), "grpc-status from the trailers");
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        Eventually.await("the gRPC call in the request log as HTTP/2", Duration.ofSeconds(20), () -> {
            try {
                return RequestLogLines.read(UP.session().requestLog()).stream().map(RequestLogLines::parse)
                        .anyMatch(l -> l.path("httpRequest").path("requestUrl").asText().equals("/helloworld.Greeter/SayHello")
                                && l.path("httpRequest").path("protocol").asText().equals("HTTP/2.0")
                                && l.path("httpRequest").path("status").asInt() == 200);
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** A proto3 message with one string field (number 1), as HelloRequest and HelloReply are: no generated code needed. */
    static final class ProtoString implements MethodDescriptor.Marshaller<String> {
        static final ProtoString FIELD_1 = new ProtoString();
        static final MethodDescriptor<String, String> SAY_HELLO = method("helloworld.Greeter/SayHello");

        static MethodDescriptor<String, String> method(String name) {
            return MethodDescriptor.<String, String>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(name).setRequestMarshaller(FIELD_1).setResponseMarshaller(FIELD_1).build();
        }

        @Override
        public InputStream stream(String value) {
            byte[] text = value.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0x0a); // field 1, length-delimited
            for (int n = text.length; ; n >>>= 7) { // varint length
                if (n < 0x80) {
                    out.write(n);
                    break;
                }
                out.write((n & 0x7f) | 0x80);
            }
            out.writeBytes(text);
            return new ByteArrayInputStream(out.toByteArray());
        }

        @Override
        public String parse(InputStream stream) {
            try {
                byte[] bytes = stream.readAllBytes();
                if (bytes.length == 0) {
                    return ""; // proto3 leaves an empty string out
                }
                int length = 0;
                int i = 1;
                for (int shift = 0; ; shift += 7) {
                    int b = bytes[i++] & 0xff;
                    length |= (b & 0x7f) << shift;
                    if (b < 0x80) {
                        break;
                    }
                }
                return new String(bytes, i, length, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void webSocketEchoesBothWays() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket = CLIENT.newWebSocketBuilder().header("Host", host())
                .buildAsync(URI.create("ws://127.0.0.1:" + UP.session().port() + "/chat"), new WebSocket.Listener() {
                    /** The JDK may hand one message over in parts (a 5000-character one often is); whole ones are compared. */
                    private final StringBuilder message = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        message.append(data);
                        if (last) {
                            received.add(message.toString());
                            message.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }
                }).get(60, TimeUnit.SECONDS);
        assertEquals("welcome to /chat", received.poll(20, TimeUnit.SECONDS), "the container's first message");
        for (String message : new String[]{"one", "two", "x".repeat(5000)}) {
            socket.sendText(message, true).get(20, TimeUnit.SECONDS);
            assertEquals("echo: " + message, received.poll(20, TimeUnit.SECONDS));
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(20, TimeUnit.SECONDS);
        assertEquals(WebSocket.NORMAL_CLOSURE, closed.get(20, TimeUnit.SECONDS));
        Eventually.await("the WebSocket's line in the request log", Duration.ofSeconds(20), () -> {
            try {
                return RequestLogLines.read(UP.session().requestLog()).stream().map(RequestLogLines::parse)
                        .anyMatch(l -> l.path("httpRequest").path("requestUrl").asText().equals("/chat")
                                && l.path("httpRequest").path("status").asInt() == 101);
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    void aPlainRequestToTheSameServerIsNoUpgrade() {
        HttpResponse<String> response = Http.get(UP.session().port(), host(), "/plain");
        assertEquals(200, response.statusCode());
        assertEquals("plain GET /plain upgrade=\n", response.body());
    }

    /**
     * The container sends its first event and holds the second until /release is called: the client can only call it
     * after seeing the first event, so the test ends only if nothing on the way buffers the stream.
     */
    @Test
    void serverSentEventsArriveAsTheyAreSent() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + UP.session().port() + "/events"))
                .header("Host", host()).header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream", response.headers().firstValue("content-type").orElse(""));
        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> readLine(events));
            assertEquals("data: first", first.get(30, TimeUnit.SECONDS), "the first event before the stream ends");
            assertEquals("released\n", Http.get(UP.session().port(), host(), "/release").body());
            assertEquals("", events.readLine());
            assertEquals("data: second", events.readLine());
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
