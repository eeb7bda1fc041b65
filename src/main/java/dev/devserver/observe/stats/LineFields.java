package dev.devserver.observe.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Reading the fields of one log line the way the query language names them ({@code httpRequest.status}). */
public final class LineFields {
    /** {@link #epochMillis} of a line without a readable timestamp. */
    public static final long NO_TIME = Long.MIN_VALUE;

    private LineFields() {
    }

    /** The field's value as text; empty when the line lacks it or it is an object. */
    public static String text(ObjectNode line, String dottedField) {
        return text(line, dottedField.split("\\."));
    }

    /** As above with the path already split (a scan reads the same fields of every line). */
    public static String text(ObjectNode line, String[] path) {
        JsonNode node = line;
        for (String part : path) {
            node = node.path(part);
        }
        return node.isValueNode() ? node.asText("") : "";
    }

    public static Instant timestamp(ObjectNode line) {
        long millis = epochMillis(line);
        return millis == NO_TIME ? null : Instant.ofEpochMilli(millis);
    }

    /** The line's {@code timestamp} in epoch milliseconds (sub-millisecond digits dropped), or {@link #NO_TIME}. */
    public static long epochMillis(ObjectNode line) {
        return epochMillis(line.path("timestamp").asText(""));
    }

    /**
     * {@link Instant#parse}, with a fast path for the form devserver's writers use ({@code Instant.toString}: UTC,
     * {@code Z}, 0–9 fraction digits), since the logs page reads every line's timestamp and the general parser costs
     * as much as parsing the line's JSON.
     */
    public static long epochMillis(String text) {
        int n = text.length();
        if (n >= 20 && n <= 30 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(n - 1) == 'Z'
                && (n == 20 || text.charAt(19) == '.' && n > 21)) {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int fraction = n == 20 ? 0 : digits(text, 20, Math.min(n - 1, 23));
            for (int i = Math.min(n - 1, 23); fraction >= 0 && i < 23; i++) {
                fraction *= 10; // ".5Z" is 500 ms
            }
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && hour < 24 && minute >= 0 && minute < 60
                    && second >= 0 && second < 60 && fraction >= 0
                    && (n <= 24 || digits(text, 23, n - 1) >= 0)) {
                try {
                    long days = LocalDate.of(year, month, day).toEpochDay();
                    return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + fraction;
                } catch (DateTimeException e) {
                    return NO_TIME; // the 31st of a short month: Instant.parse refuses it as well
                }
            }
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return NO_TIME;
        }
    }

    /** The decimal number in {@code [from, to)}, or -1 when a character there is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
