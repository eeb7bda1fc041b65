package dev.devserver.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The request log as written: `requests.jsonl` and its rotated generations (.3 oldest … live), line by line. */
public final class RequestLogLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestLogLines() {
    }

    /** Every line of every generation, oldest first (a torn or partial last line is kept as it is). */
    public static List<String> read(Path log) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int n = 3; n >= 0; n--) {
            Path file = n == 0 ? log : log.resolveSibling(log.getFileName() + "." + n);
            if (Files.exists(file)) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (!text.isEmpty() && !text.endsWith("\n")) {
                    throw new AssertionError(file + " ends in a torn line: " + text.substring(text.lastIndexOf('\n') + 1));
                }
                text.lines().forEach(lines::add);
            }
        }
        return lines;
    }

    /** Waits until the writer thread has written everything (the count stops changing), then reads. */
    public static List<String> settled(Path log) throws Exception {
        List<String> last = read(log);
        while (true) {
            Thread.sleep(1500);
            List<String> now = read(log);
            if (now.size() == last.size()) {
                return now;
            }
            last = now;
        }
    }

    /** Parses a line; fails with the line when it is not one JSON object. */
    public static JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw new AssertionError("not a JSON object: " + line);
            }
            return node;
        } catch (IOException e) {
            throw new AssertionError("not valid JSON: " + line, e);
        }
    }
}
