package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Sluice's health and metrics endpoints. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    public record Response(int status, String body) {
        public JsonNode json() {
            return ChangeEvents.parse(body);
        }
    }

    public static Response get(String url) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Response(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The sum of every sample of a Prometheus metric whose labels contain {@code labels}; NaN when none. */
    public static double metric(String base, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$")
                .matcher(get(base + "/q/metrics").body());
        double sum = Double.NaN;
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                sum = (Double.isNaN(sum) ? 0 : sum) + Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    public static double metric(String base, String name) {
        return metric(base, name, "");
    }
}
