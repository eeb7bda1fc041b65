package dev.devserver.it;

import com.github.dockerjava.api.model.Network;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import com.sun.net.httpserver.HttpExchange;

/**
 * requirements.txt installed by pip in the python3 runtime from a package index, as a company's private index
 * serves one: the test builds a wheel and serves it with PEP 503's simple API on the Docker bridge.
 */
class PipIndexIT {
    private static final String WHEEL = "devserver_greeting-1.0-py3-none-any.whl";

    @Test
    void requirementsInstallFromAPackageIndex(@TempDir Path dir) throws Exception {
        byte[] wheel = wheel(Map.of("greeting/__init__.py",
                "def hello(name):\n    return 'Hello from a wheel, ' + name\n"));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wheel));
        HttpServer index = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
        index.createContext("/simple/devserver-greeting/", exchange -> reply(exchange,
                ("<!DOCTYPE html><html><body><a href=\"/files/" + WHEEL + "#sha256=" + sha + "\">" + WHEEL
                        + "</a></body></html>").getBytes(StandardCharsets.UTF_8), "text/html"));
        index.createContext("/files/" + WHEEL, exchange -> reply(exchange, wheel, "application/octet-stream"));
        index.start();
        try {
            String host = bridgeGateway();
            Path project = Files.createDirectories(dir.resolve("p"));
            Path fn = Files.createDirectories(project.resolve("greet"));
            Files.writeString(fn.resolve("requirements.txt"), "--index-url http://" + host + ":" + index.getAddress().getPort()
                    + "/simple/\n--trusted-host " + host + "\ndevserver-greeting==1.0\n");
            Files.writeString(fn.resolve("handler.py"), "from greeting import hello\n\n\ndef handle(req):\n    return hello(req)\n");
            HttpResponse<String> response = Sessions.postOnce(project,
                    "service: pip\nfunctions:\n  greet:\n    source: ./greet\n    runtime: openfaas/classic/python3\n",
                    "greet", "text/plain", "GitLab");
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("Hello from a wheel, GitLab\n", response.body());
        } finally {
            index.stop(0);
        }
    }

    /** Where build containers reach this machine: the default bridge's gateway, by default its subnet's first address. */
    private static String bridgeGateway() {
        Network.Ipam.Config config = Engine.docker().inspectNetworkCmd().withNetworkId("bridge").exec().getIpam().getConfig().get(0);
        if (config.getGateway() != null && !config.getGateway().isBlank()) {
            return config.getGateway();
        }
        String network = config.getSubnet().substring(0, config.getSubnet().indexOf('/'));
        return network.substring(0, network.lastIndexOf('.') + 1) + (Integer.parseInt(network.substring(network.lastIndexOf('.') + 1)) + 1);
    }

    private static void reply(HttpExchange exchange, byte[] body, String type) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** A pure-Python wheel (PEP 427): the files, then dist-info with METADATA, WHEEL and a RECORD of hashes. */
    private static byte[] wheel(Map<String, String> files) throws Exception {
        String info = "devserver_greeting-1.0.dist-info/";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        files.forEach((name, text) -> entries.put(name, text.getBytes(StandardCharsets.UTF_8)));
        entries.put(info + "METADATA", "Metadata-Version: 2.1\nName: devserver-greeting\nVersion: 1.0\n".getBytes(StandardCharsets.UTF_8));
        entries.put(info + "WHEEL", "Wheel-Version: 1.0\nGenerator: devserver-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
                .getBytes(StandardCharsets.UTF_8));
        StringBuilder record = new StringBuilder();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(e.getValue());
            record.append(e.getKey()).append(",sha256=").append(Base64.getUrlEncoder().withoutPadding().encodeToString(digest))
                    .append(',').append(e.getValue().length).append('\n');
        }
        record.append(info).append("RECORD,,\n");
        entries.put(info + "RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
