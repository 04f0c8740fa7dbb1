package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The REST API of {@code ./phyllome serve} beyond its TCP listener (issue 15): on the service's Unix
 * socket ({@code api-XXXX.sock} beside its control socket, the owner's only, tokens required, gone
 * when the service stops); each token's requests bounded (429 with Retry-After, another token
 * unaffected); a medium's upload reported on the event stream while its bytes arrive.
 */
public class RestSocketE2EIT {

    private final Path state = Path.of("/tmp", "phy-" + TestGuest.random(3));
    private final Path config = state.resolveSibling(state.getFileName() + "-etc");
    private final int port = RestClient.freePort();
    private Service service;

    @Test
    public void theApiOnTheUnixSocketWithRatesPerTokenAndUploadProgress() throws Exception {
        Files.createDirectories(config);
        Files.writeString(config.resolve("io.phyllome.host.rest.cfg"), "port=" + port + "\nrequests.per.second=1\nrequests.burst=10\n");
        service = new Service(state, "test:///default").with("PHYLLOME_CONFIG_DIR", config.toString()).start();
        String token = service.run("host:token", "create", "socket-it").ok().out().strip();
        Path socket = service.socket().resolveSibling(service.socket().getFileName().toString().replaceFirst("^control", "api"));
        Osgi.await(Duration.ofSeconds(60), () -> Files.exists(socket), () -> "the API socket " + socket + ":\n" + Host.read(service.log()));

        boolean group = Host.run("getent", "group").lines().anyMatch(l -> l.startsWith("phyllome:"));
        assertEquals(group ? "rw-rw----" : "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        String[] anonymous = unixGet(socket, "/api/v1/vms", null);
        assertEquals(anonymous[1], "401", anonymous[0]);
        assertTrue(anonymous[1], anonymous[1].contains("host:token create"));
        String[] listed = unixGet(socket, "/api/v1/vms", token);
        assertEquals(listed[1], "200", listed[0]);
        assertTrue(listed[1], RestClient.JSON.readTree(listed[1]).get("vms").isArray());

        assertEquals("the 401 names the scheme", "Bearer realm=\"phyllome\"", new RestClient(port).get("/vms").headers().firstValue("WWW-Authenticate").orElse(""));

        uploadProgress(new RestClient(port).token(token));
        rates(new RestClient(port).token(service.run("host:token", "create", "socket-it-rate").ok().out().strip())); // a full bucket

        service.stop(Duration.ofSeconds(60));
        assertFalse("the API socket goes with the service", Files.exists(socket));
    }

    /** A medium sent in slices over about 1.5 s: receiving events with rising counts, then verifying and verified; a wrong SHA-256 fails. */
    private void uploadProgress(RestClient api) throws Exception {
        BlockingQueue<String> events = api.events();
        int slice = 256 * 1024;
        int slices = 6;
        byte[] bytes = new byte[slice * slices];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String medium = "socket-it-" + TestGuest.random(3) + ".img";
        HttpRequest.BodyPublisher slow = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
            private int at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at == bytes.length) {
                    return -1;
                }
                if (at % slice == 0 && at > 0) {
                    sleep(250);
                }
                int n = Math.min(len, slice - at % slice);
                System.arraycopy(bytes, at, b, off, n);
                at += n;
                return n;
            }
        }), bytes.length);
        HttpResponse<String> uploaded = api.send(api.request("/media/" + medium + "?sha256=" + sha256).PUT(slow));
        assertEquals(uploaded.body(), 201, uploaded.statusCode());

        List<JsonNode> progress = uploads(events, medium, "verified");
        List<String> states = progress.stream().map(e -> e.get("state").asText()).toList();
        assertEquals(progress.toString(), "verifying", states.get(states.size() - 2));
        List<JsonNode> receiving = progress.stream().filter(e -> e.get("state").asText().equals("receiving")).toList();
        assertTrue("progress while the bytes arrive: " + progress, receiving.size() >= 3 && receiving.size() <= 12);
        long last = -1;
        for (JsonNode e : receiving) {
            assertEquals(bytes.length, e.get("expected").asLong());
            assertTrue("rising: " + progress, e.get("received").asLong() >= last);
            last = e.get("received").asLong();
        }
        assertTrue("some bytes, not all, before the end: " + progress, receiving.stream().anyMatch(e -> e.get("received").asLong() > 0
                && e.get("received").asLong() < bytes.length));
        assertEquals(bytes.length, progress.get(progress.size() - 1).get("received").asLong());

        String other = "socket-it-" + TestGuest.random(3) + ".img";
        RestClient.problem(400, api.send(api.request("/media/" + other + "?sha256=" + "0".repeat(64)).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))));
        List<JsonNode> failing = uploads(events, other, "failed");
        JsonNode failed = failing.get(failing.size() - 1);
        assertTrue(failed.toString(), failed.get("detail").asText().contains("SHA-256") || failed.get("detail").asText().contains("sha256"));
        service.run("media:remove", medium).ok();
    }

    /** The UPLOAD events of {@code medium} up to the one in state {@code end}. */
    private static List<JsonNode> uploads(BlockingQueue<String> events, String medium, String end) throws Exception {
        List<JsonNode> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = events.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            JsonNode event = RestClient.JSON.readTree(line);
            if (event.get("type").asText().equals("UPLOAD") && event.get("name").asText().equals(medium)) {
                seen.add(event);
                if (event.get("state").asText().equals(end)) {
                    return seen;
                }
            }
        }
        throw new AssertionError("no UPLOAD event '" + end + "' of " + medium + "; seen: " + seen);
    }

    /** 30 requests in a row on one token (1 a second, bursts of 10): the burst passes, the rest gets 429 with Retry-After; another token is not slowed. */
    private void rates(RestClient api) throws Exception {
        int ok = 0;
        List<HttpResponse<String>> refused = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = api.get("/vms");
            if (r.statusCode() == 200) {
                ok++;
            } else {
                refused.add(r);
            }
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue("the burst of 10 and 1 a second for " + seconds + " s pass, no more: " + ok, ok >= 10 && ok <= 11 + seconds);
        assertFalse("30 requests within " + seconds + " s", refused.isEmpty());
        String detail = RestClient.problem(429, refused.get(0));
        assertTrue(detail, detail.contains("requests.per.second"));
        int retry = Integer.parseInt(refused.get(0).headers().firstValue("Retry-After").orElse("0"));
        assertTrue("Retry-After " + retry, retry >= 1 && retry <= 2);
        String another = service.run("host:token", "create", "socket-it-2").ok().out().strip();
        assertEquals(200, new RestClient(port).token(another).get("/vms").statusCode());
        TimeUnit.SECONDS.sleep(retry);
        assertEquals("after Retry-After the token is served again", 200, api.get("/vms").statusCode());
    }

    /** {@code GET path} on the Unix socket as HTTP/1.0 (one answer, then the connection closes): its status and body. */
    private static String[] unixGet(Path socket, String path, String token) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            String request = "GET " + path + " HTTP/1.0\r\nHost: localhost\r\n" + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(1 << 16);
            while (channel.read(in) >= 0) {
                answer.write(in.array(), 0, in.position());
                in.clear();
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            int body = text.indexOf("\r\n\r\n");
            assertTrue(text, text.startsWith("HTTP/1.") && body > 0);
            return new String[] { text.substring(9, 12), text.substring(body + 4) };
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @After
    public void stop() {
        if (service != null) {
            service.close();
        }
        Host.quietly("rm", "-rf", state.toString(), config.toString());
    }
}
