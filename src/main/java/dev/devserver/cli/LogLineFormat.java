package dev.devserver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * One readable line per stored log line, for `devserver logs`: a request as {@code 12:00:01 echo-js POST / 200 3.1ms},
 * container output as {@code 12:00:01 echo-js │ message}. Times in the local zone, like the live terminal output.
 */
public final class LogLineFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Function<String, String> functionOfService;

    /** @param functionOfService the function a Knative service belongs to (the service name itself when unknown) */
    public LogLineFormat(Function<String, String> functionOfService) {
        this.functionOfService = functionOfService;
    }

    public String format(ObjectNode line) {
        String time = Ansi.dim(time(line.path("timestamp").asText("")));
        if (!line.has("httpRequest")) {
            String prefix = time + " " + line.path("function").asText("?") + Ansi.dim(" │ ");
            String message = line.path("message").asText("");
            return prefix + ("stderr".equals(line.path("stream").asText()) ? Ansi.yellow(message) : message);
        }
        JsonNode http = line.path("httpRequest");
        int status = http.path("status").asInt();
        String statusText = Integer.toString(status);
        return time + " " + functionOfService.apply(line.path("service").asText("")) + " "
                + http.path("requestMethod").asText("") + " " + http.path("requestUrl").asText("") + " "
                + (status >= 500 ? Ansi.red(statusText) : status >= 400 ? Ansi.yellow(statusText) : Ansi.green(statusText))
                + " " + latency(http.path("latency").asText(""));
    }

    private static String time(String timestamp) {
        try {
            return TIME.format(Instant.parse(timestamp));
        } catch (DateTimeParseException e) {
            return timestamp;
        }
    }

    /** Knative's {@code "0.003100s"} as {@code 3.1ms} (as the live request lines show it). */
    private static String latency(String seconds) {
        try {
            double s = Double.parseDouble(seconds.endsWith("s") ? seconds.substring(0, seconds.length() - 1) : seconds);
            return RequestLogPrinter.duration(Math.round(s * 1e9));
        } catch (NumberFormatException e) {
            return seconds;
        }
    }
}
