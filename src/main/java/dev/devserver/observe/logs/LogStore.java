package dev.devserver.observe.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.Bytes;
import dev.devserver.JsonTree;
import dev.devserver.observe.query.LogQuery;
import dev.devserver.observe.stats.LineFields;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Searches the files the writers keep in {@code .devserver/logs/}: {@code requests.jsonl} (request lines, scoped to a
 * function by their Knative {@code service}) and {@code <function>.log} (container lines, field {@code function}),
 * rotated generations included. Reads the files only, so it works with or without a running `up`.
 * A line that is not a JSON object (a crash mid-write, a hand edit) is skipped. Request lines are read with a
 * {@code function} field added (the function whose Knative service answered), so {@code function:echo} finds a
 * function's requests and its output alike.
 */
public final class LogStore implements LogSearch {
    private static final byte[] TIMESTAMP_KEY = "\"timestamp\":\"".getBytes(StandardCharsets.US_ASCII);
    private final Path folder;
    private final Function<String, String> knativeServiceOf;
    private final Function<String, String> functionOfService;

    public LogStore(Path folder, Function<String, String> knativeServiceOf) {
        this(folder, knativeServiceOf, service -> null);
    }

    /**
     * @param folder            the logs folder ({@code .devserver/logs})
     * @param knativeServiceOf  a function's Knative service ({@code <service>-<function>}), to find its request lines
     * @param functionOfService the other way round; null for a service no function has (any more)
     */
    public LogStore(Path folder, Function<String, String> knativeServiceOf, Function<String, String> functionOfService) {
        this.folder = folder;
        this.knativeServiceOf = knativeServiceOf;
        this.functionOfService = functionOfService;
    }

    public Path folder() {
        return folder;
    }

    /**
     * The newest {@code limit} matching lines, oldest first. Every file is read backwards, newest line first, in exactly
     * the reverse of {@link #scan}'s order, so the result is the same as a scan's; but once {@code limit} lines are
     * kept, a line older than all of them (by its timestamp, read without parsing it) is skipped, and so is a rotated
     * file last written before them: `devserver logs` after a load test (130,000 request lines) parsed every one.
     */
    @Override
    public List<ObjectNode> search(String function, String query, Instant since, Instant until, int limit) {
        long from = since == null ? Long.MIN_VALUE : since.toEpochMilli();
        NewestLines newest = NewestLines.fedNewestFirst(limit);
        Consumer<String> lines = matching(function, filter(function, query, since, until), newest);
        List<Path> sources = sources(function);
        for (int s = sources.size() - 1; s >= 0; s--) {
            for (int n = 0; n <= RotatingFile.DEFAULT_KEEP; n++) {
                Path file = RotatingFile.generation(sources.get(s), n);
                try {
                    if (!Files.isRegularFile(file)
                            || olderThanNeeded(Files.getLastModifiedTime(file).toMillis(), from, newest)) {
                        continue; // written last before what is needed: its lines are older still
                    }
                    ReversedLines.forEach(file, (bytes, start, end) -> {
                        long at = rawEpochMillis(bytes, start, end);
                        if (at != LineFields.NO_TIME && olderThanNeeded(at, from, newest)) {
                            return;
                        }
                        lines.accept(new String(bytes, start, end - start, StandardCharsets.UTF_8));
                    });
                } catch (IOException | UncheckedIOException e) {
                    // rotated away while we read it: show what was read
                }
            }
        }
        return newest.lines();
    }

    /** Older than the search's start, or than every line kept once {@code limit} are. */
    private static boolean olderThanNeeded(long epochMillis, long from, NewestLines newest) {
        return epochMillis < from || !newest.mayKeep(epochMillis);
    }

    /**
     * The line's timestamp without parsing it: devserver writes one {@code "timestamp"} per line, and none inside
     * {@code httpRequest}, so the first such key is the line's ({@link LineFields#NO_TIME} when there is none).
     */
    static long rawEpochMillis(byte[] line, int start, int end) {
        int key = Bytes.indexOf(line, start, end, TIMESTAMP_KEY);
        int value = key + TIMESTAMP_KEY.length;
        for (int i = value; key >= 0 && i < end && i - value <= 32; i++) { // Instant.toString is 30 at most
            if (line[i] == '"') {
                return LineFields.epochMillis(new String(line, value, i - value, StandardCharsets.ISO_8859_1));
            }
        }
        return LineFields.NO_TIME;
    }

    @Override
    public void scan(String function, String query, Instant since, Instant until, Consumer<ObjectNode> each) {
        Consumer<String> lines = matching(function, filter(function, query, since, until), each);
        for (Path base : sources(function)) {
            read(base, lines);
        }
    }

    /**
     * What becomes of one raw line of a search or a scan: skipped unparsed by {@link #quick}, else parsed, given its
     * function, and passed on when the filter takes it.
     */
    private Consumer<String> matching(String function, Predicate<ObjectNode> filter, Consumer<ObjectNode> each) {
        Predicate<String> quick = quick(function);
        Map<String, Optional<String>> functions = new HashMap<>();
        return line -> {
            if (quick.test(line)) {
                ObjectNode node = withFunction(parse(line), functions);
                if (node != null && filter.test(node)) {
                    each.accept(node);
                }
            }
        };
    }

    @Override
    public AutoCloseable follow(String function, String query, Consumer<ObjectNode> listener) {
        Predicate<ObjectNode> filter = filter(function, query, null, null);
        Map<String, Optional<String>> functions = new ConcurrentHashMap<>();
        return new LogTail(() -> sources(function), line -> {
            ObjectNode node = withFunction(parse(line), functions);
            if (node != null && filter.test(node)) {
                listener.accept(node);
            }
        });
    }

    /** Function scope, time bound and query together; a bad query fails here, before any file is read. */
    private Predicate<ObjectNode> filter(String function, String query, Instant since, Instant until) {
        LogQuery parsed = LogQuery.parse(query);
        String knativeService = function == null ? null : knativeServiceOf.apply(function);
        return line -> {
            if (function != null && !(line.has("httpRequest") ? text(line, "service").equals(knativeService)
                    : text(line, "function").equals(function))) {
                return false;
            }
            if (since != null || until != null) {
                long at = LineFields.epochMillis(line);
                if (at == LineFields.NO_TIME || since != null && at < since.toEpochMilli()
                        || until != null && at >= until.toEpochMilli()) {
                    return false;
                }
            }
            return parsed.test(line);
        };
    }

    /** The live files to read: the request log and the function's container log (or every container log). */
    List<Path> sources(String function) {
        List<Path> bases = new ArrayList<>();
        bases.add(LogFolder.requests(folder));
        if (function != null) {
            bases.add(LogFolder.container(folder, function));
            return bases;
        }
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> logs = Files.newDirectoryStream(folder, "*" + LogFolder.CONTAINER_SUFFIX)) {
                logs.forEach(bases::add);
            } catch (IOException e) {
                // a folder we cannot list has no container logs to show; the request log may still be read
            }
        }
        return bases;
    }

    /** Every line of one log to {@code lines}, oldest rotated file first. */
    private void read(Path base, Consumer<String> lines) {
        for (int n = RotatingFile.DEFAULT_KEEP; n >= 0; n--) {
            Path file = RotatingFile.generation(base, n);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException | UncheckedIOException e) {
                // rotated away while we read it, or not UTF-8: show what was read
            }
        }
    }

    /**
     * Skips another function's request lines before parsing them (most of the request log, with many functions):
     * Jackson writes {@code "service":"<ksvc>"} exactly so; anything else still goes through the real filter.
     */
    private Predicate<String> quick(String function) {
        String knativeService = function == null ? null : knativeServiceOf.apply(function);
        if (knativeService == null) {
            return line -> true;
        }
        String service = "\"service\":\"" + knativeService + "\"";
        return line -> !line.contains("\"httpRequest\"") || line.contains(service);
    }

    /**
     * A request line gets the function of its service (container lines have theirs already); {@code functions}
     * remembers the answers for one read, since looking a service up costs more than parsing a line.
     */
    private ObjectNode withFunction(ObjectNode line, Map<String, Optional<String>> functions) {
        if (line != null && line.has("httpRequest") && !line.has("function")) {
            functions.computeIfAbsent(text(line, "service"), s -> Optional.ofNullable(functionOfService.apply(s)))
                    .ifPresent(function -> line.put("function", function));
        }
        return line;
    }

    static ObjectNode parse(String line) {
        if (line.isBlank() || line.charAt(0) != '{') {
            return null;
        }
        try {
            return JsonTree.read(line) instanceof ObjectNode node ? node : null; // `logs` ends before a mapper would pay off
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(ObjectNode line, String field) {
        return line.path(field).asText("");
    }
}
