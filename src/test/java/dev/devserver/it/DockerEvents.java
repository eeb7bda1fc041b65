package dev.devserver.it;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import dev.devserver.docker.Labels;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;

/** `docker events` for one project's containers between two instants, as the engine recorded them. */
public final class DockerEvents {
    private DockerEvents() {
    }

    /** One container event: {@code kill} (with its {@code signal}), {@code die} (with {@code exitCode}), … */
    public record Seen(String container, String function, String action, Map<String, String> attributes, long nanos) {
        public String attribute(String name) {
            return attributes.get(name);
        }

        @Override
        public String toString() {
            return function + " " + container.substring(0, 12) + " " + action + " " + attributes.entrySet().stream()
                    .filter(e -> e.getKey().equals("signal") || e.getKey().equals("exitCode"))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        }
    }

    public static List<Seen> of(String projectDir, Instant since, Instant until) throws InterruptedException {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        ResultCallback.Adapter<Event> callback = Engine.docker().eventsCmd()
                .withSince(String.valueOf(since.getEpochSecond()))
                .withUntil(String.valueOf(until.getEpochSecond() + 1))
                .withLabelFilter(Map.of(Labels.PROJECT, projectDir))
                .withEventTypeFilter("container")
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        Map<String, String> attributes = event.getActor() == null ? Map.of() : event.getActor().getAttributes();
                        seen.add(new Seen(event.getId(), attributes.getOrDefault(Labels.FUNCTION, "?"),
                                event.getAction() == null ? event.getStatus() : event.getAction(), attributes,
                                event.getTimeNano() == null ? 0 : event.getTimeNano()));
                    }
                });
        callback.awaitCompletion(30, TimeUnit.SECONDS);
        return List.copyOf(seen);
    }

    /** The events of the containers of {@code function}, oldest first. */
    public static List<Seen> ofFunction(List<Seen> events, String function) {
        return events.stream().filter(e -> e.function().equals(function)).toList();
    }

    /** Events per container that ran and stopped (started, then died), in the order they started. */
    public static Collection<List<Seen>> stoppedContainers(List<Seen> events) {
        Map<String, List<Seen>> by = new LinkedHashMap<>();
        events.forEach(e -> by.computeIfAbsent(e.container(), id -> new ArrayList<>()).add(e));
        return by.values().stream().filter(list -> list.stream().anyMatch(e -> e.action().equals("start"))
                && list.stream().anyMatch(e -> e.action().equals("die"))).toList();
    }

    /** Signals sent to containers ("15", "9"), in order. */
    public static List<String> signals(List<Seen> events) {
        return events.stream().filter(e -> e.action().equals("kill")).map(e -> e.attribute("signal")).toList();
    }

    public static List<String> exitCodes(List<Seen> events) {
        return events.stream().filter(e -> e.action().equals("die")).map(e -> e.attribute("exitCode")).toList();
    }
}
