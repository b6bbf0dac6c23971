package io.herald.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scrape of WildFly's Prometheus endpoint (http://127.0.0.1:9990/prometheus), parsed from the text exposition
 * format 0.0.4: each sample's metric name, labels (escapes undone) and value; comments and blank lines skipped.
 */
public final class PrometheusScrape {

    public static final URI ENDPOINT = ItPorts.management("/prometheus");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One line of the exposition: name{labels} value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusScrape(List<Sample> samples) {
        this.samples = samples;
    }

    /** Scrapes the endpoint now (no credentials); fails unless it answers 200. */
    public static PrometheusScrape fetch() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(ENDPOINT).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + ENDPOINT + " answered " + r.statusCode() + ": " + r.body());
            }
            return parse(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("the Prometheus endpoint did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                try {
                    samples.add(sample(l));
                } catch (RuntimeException e) {
                    throw new AssertionError("line " + number + " is not a Prometheus sample: " + line, e);
                }
            }
        }
        return new PrometheusScrape(List.copyOf(samples));
    }

    /** Every sample of the metric. */
    public List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /**
     * The samples of the metric whose labels include these (name, value, name, value, …); other labels, such as
     * WildFly's WF_DEPLOYMENT, may be there too.
     */
    public List<Sample> matching(String name, String... labels) {
        return samples(name).stream().filter(s -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    /** The value of the one sample of the metric that has these labels; fails if there is none or more than one. */
    public double value(String name, String... labels) {
        List<Sample> found = matching(name, labels);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples of " + name + " " + List.of(labels) + ": " + found
                    + "; that metric's samples: " + samples(name));
        }
        return found.get(0).value();
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq).strip();
                if (line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("label " + label + " without a quoted value");
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (char c; (c = line.charAt(j)) != '"'; j++) {
                    if (c == '\\') {
                        char escaped = line.charAt(++j);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(label, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        String[] rest = line.substring(i).strip().split("\\s+");    // value [timestamp]
        return new Sample(name, labels, number(rest[0]));
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
