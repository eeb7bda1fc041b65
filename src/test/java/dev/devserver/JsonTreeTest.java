package dev.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JsonTree reads what ObjectMapper.readTree reads, node for node and class for class. */
class JsonTreeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void sameTreeAsObjectMapper() throws IOException {
        for (String json : List.of("{}", "[]", "{\"a\":1,\"b\":[true,false,null,\"x\"],\"c\":{\"d\":-2.5e3}}",
                "{\"int\":2147483647,\"long\":2147483648,\"big\":123456789012345678901234567890,\"neg\":-9223372036854775808}",
                "{\"float\":0.1,\"exp\":1E-7,\"zero\":0.0}", "{\"twice\":1,\"twice\":2}", "  \"text\"  ", "42", "null",
                "{\"nested\":[[[{}]],[]],\"unicode\":\"\\u00e9\\n\\\"\"}", "{\"a\":1} {\"b\":2}", "")) {
            JsonNode expected = MAPPER.readTree(json);
            JsonNode tree = JsonTree.read(json);
            assertEquals(expected, tree, json);
            assertSameClasses(expected, tree, json);
            assertEquals(expected, JsonTree.read(json.getBytes(StandardCharsets.UTF_8)), json);
        }
    }

    @Test
    void badJsonFailsAsInObjectMapper() {
        for (String json : List.of("{", "{\"a\":}", "[1,", "{a:1}", "{\"a\":1,}", "tru")) {
            assertThrows(IOException.class, () -> MAPPER.readTree(json), json);
            assertThrows(IOException.class, () -> JsonTree.read(json), json);
        }
    }

    private static void assertSameClasses(JsonNode expected, JsonNode actual, String json) {
        assertEquals(expected.getClass(), actual.getClass(), json + ": " + expected);
        Iterator<JsonNode> e = expected.elements();
        Iterator<JsonNode> a = actual.elements();
        while (e.hasNext()) {
            assertSameClasses(e.next(), a.next(), json);
        }
    }

    /** RunningUp reads up.json with JsonTree: what ObjectMapper's readValue accepts, and nothing it refuses. */
    @Test
    void runningUpReadsWhatObjectMapperReads() throws IOException {
        long pid = ProcessHandle.current().pid();
        RunningUp up = new RunningUp(pid, "127.0.0.1", 8080, 8443, "ns-local", 41234, "/x/ca.crt");
        up.write(dir);
        assertEquals(Optional.of(up), RunningUp.find(dir, message -> { }));
        Path file = dir.resolve(".devserver/up.json");
        for (String json : List.of("{\"pid\":" + pid + ",\"port\":\"9090\"}", "{\"pid\":" + pid + ",\"host\":null,\"port\":1}",
                "{\"pid\":" + pid + ",\"other\":1}", "{\"pid\":" + pid + ",\"port\":{}}", "{\"pid\":" + pid + ",\"host\":[]}",
                "[" + pid + "]", "{\"pid\":" + pid + ",\"port\":\"x\"}", "{\"pid\":" + pid + ",\"port\":8080.0}",
                "{\"pid\":" + pid + ",\"port\":3000000000}", "{\"pid\":" + pid + ",\"host\":5}", "{\"pid\":", "")) {
            Files.writeString(file, json);
            Optional<RunningUp> expected;
            try {
                expected = Optional.of(MAPPER.readValue(json, RunningUp.class));
            } catch (IOException | RuntimeException e) {
                expected = Optional.empty();
            }
            List<String> notices = new ArrayList<>();
            assertEquals(expected, RunningUp.find(dir, notices::add), json);
            assertTrue(notices.isEmpty(), json + ": " + notices);
        }
    }
}
