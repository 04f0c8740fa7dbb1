package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/** The REST API as a script reaches it: {@code java.net.http} with a bearer token, JSON checked against docs/api/v1. */
final class RestClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCHEMAS = Path.of("..", "docs", "api", "v1");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private volatile String token;

    RestClient(int port) {
        this.base = URI.create("http://127.0.0.1:" + port + "/api/v1");
    }

    /** A port nobody listens on now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpClient http() {
        return http;
    }

    RestClient token(String value) {
        this.token = value;
        return this;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The server-sent events' data lines, as they arrive, read by a thread of the client. */
    BlockingQueue<String> events() {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(request("/events").build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        Thread reader = new Thread(() -> response.body().filter(l -> l.startsWith("data: ")).forEach(l -> lines.add(l.substring(6))), "rest-it-events");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** Waits for an event of {@code vm} whose type and state are these; fails naming what came instead. */
    static JsonNode await(BlockingQueue<String> events, String vm, String type, String state, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < end) {
            String line = events.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            seen.append(line).append('\n');
            JsonNode event = JSON.readTree(line);
            if (vm.equals(event.path("name").asText()) && type.equals(event.path("type").asText()) && state.equals(event.path("state").asText())) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " event with state " + state + " for " + vm + " within " + limit.toSeconds() + " s; seen:\n" + seen);
    }

    /** A 2xx JSON body, valid against the schema {@code kind} of docs/api/v1. */
    static JsonNode valid(String kind, HttpResponse<String> response) throws IOException {
        assertEquals(response.uri() + ": " + response.body(), 200 / 100, response.statusCode() / 100);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        String schema = Files.readString(SCHEMAS.resolve(kind + ".schema.json"));
        List<com.networknt.schema.Error> errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema, InputFormat.JSON)
                .validate(response.body(), InputFormat.JSON);
        assertEquals(kind + ":\n" + response.body(), List.of(), errors);
        return JSON.readTree(response.body());
    }

    /** A problem document (RFC 9457) with {@code status}; its detail. */
    static String problem(int status, HttpResponse<String> response) throws IOException {
        assertEquals(response.uri() + ": " + response.body(), status, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
        JsonNode problem = JSON.readTree(response.body());
        assertEquals(status, problem.path("status").asInt());
        assertTrue(response.body(), problem.path("title").isTextual() && problem.path("type").isTextual());
        return problem.path("detail").asText();
    }
}
