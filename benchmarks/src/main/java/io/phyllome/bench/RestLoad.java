package io.phyllome.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 15: the REST API of a running service, as an HTTP client sees it: the latency of
 * {@code GET /api/v1/vms} and the throughput of {@code GET /api/v1/vms/NAME} at 16 clients.
 */
final class RestLoad implements AutoCloseable {

    private final ServiceProcess service;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String token;

    /** Starts a service on {@code uri} whose REST API listens on a free loopback port, and makes it a token. */
    RestLoad(Context ctx, Path state, String uri) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path config = state.resolveSibling(state.getFileName() + "-etc");
        Files.createDirectories(config);
        // the server's throughput, not a token's bound: 16 clients share one token
        Files.writeString(config.resolve("io.phyllome.host.rest.cfg"), "port=" + port + "\nrequests.per.second=0\n");
        service = new ServiceProcess(ctx, state, uri, Map.of("PHYLLOME_CONFIG_DIR", config.toString()));
        service.awaitReady();
        Proc.Result made = service.client("host:token", "create", "bench");
        if (made.exit() != 0) {
            throw new IOException("host:token create failed: " + made.err());
        }
        token = made.out().strip();
        base = URI.create("http://127.0.0.1:" + port + "/api/v1");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) { // the listener opens once the service's configuration is applied
            try {
                get("/vms");
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the REST API did not answer on " + base + ": " + e.getMessage(), e);
                }
                Thread.sleep(200);
            }
        }
    }

    /** One GET, its time (ms); anything but 200 is an error. */
    double get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET().build();
        long t = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        double ms = Stats.ms(System.nanoTime() - t);
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + response.statusCode());
        }
        return ms;
    }

    /** {@code runs} sequential GETs of {@code path}, their times (ms). */
    List<Double> latencies(String path, int runs) throws IOException, InterruptedException {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            times.add(get(path));
        }
        return times;
    }

    /** Requests per second that {@code clients} threads complete on {@code path} in {@code duration}. */
    double throughput(String path, int clients, Duration duration) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                runs.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        get(path);
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(); // an error fails the row
            }
        } finally {
            pool.shutdownNow();
        }
        return done.get() / (duration.toMillis() / 1000.0);
    }

    @Override
    public void close() {
        service.close();
    }
}
