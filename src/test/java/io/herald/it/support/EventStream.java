package io.herald.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A client of a server-sent event stream (java.net.http, BodyHandlers.ofLines()): each event's name and JSON data,
 * with the time it arrived, kept in order; close() hangs up as a browser tab that is closed would.
 */
public final class EventStream implements AutoCloseable {

    /** One event: its name, its data, and when it arrived (System.nanoTime()). */
    public record Event(String name, JsonObject data, long nanos) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private int status;
    private Stream<String> lines;
    private CompletableFuture<Void> reading;

    static EventStream open(HttpClient http, HttpRequest request) {
        EventStream stream = new EventStream();
        HttpResponse<Stream<String>> response;
        try {
            // the headers; the body is read as it comes on another thread
            response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("no answer to " + request.uri() + ": " + e, e);
        }
        stream.status = response.statusCode();
        stream.lines = response.body();
        stream.reading = CompletableFuture.runAsync(() -> stream.read(response.body()));
        return stream;
    }

    private void read(Stream<String> body) {
        String[] name = {null};
        StringBuilder data = new StringBuilder();
        try {
            body.forEach(line -> {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name[0], Json.createReader(new StringReader(data.toString())).readObject(),
                                System.nanoTime()));
                    }
                    name[0] = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name[0] = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            });
        } catch (RuntimeException e) {
            // the stream was closed (by close() or by the server): the events so far stay
        }
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** Every event so far, in order of arrival. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    /** Polls until the stream holds an event that satisfies the test; returns it. */
    public Event await(Duration timeout, String what, java.util.function.Predicate<Event> test) {
        return Poll.until(timeout, what, () -> events.stream().filter(test).findFirst().orElse(null));
    }

    @Override
    public void close() {
        lines.close();                                     // cancels the body's subscription: the connection closes
        reading.cancel(true);
    }
}
