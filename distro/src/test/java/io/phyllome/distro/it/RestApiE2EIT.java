package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The REST API of {@code ./phyllome serve} (issue 15) with a real HTTP client, on the embedded
 * driver: a token made by {@code host:token create}; 401 without it, with a wrong one and once it is
 * revoked; the test guest created, started, seen {@code running} then {@code shut-off} (it powers
 * itself off) on the event stream, deleted with its disk, nothing left; problems 400/404/409 with
 * the shell's messages; every JSON valid against docs/api/v1; 64 clients at once for 10 s, no error;
 * the token never in the service's log; an address that keeps failing refused (429) for a while.
 */
public class RestApiE2EIT {

    private static final int CLIENTS = 64;

    private final Path state = Path.of("/tmp", "phy-" + TestGuest.random(3));
    private final Path config = state.resolveSibling(state.getFileName() + "-etc");
    private final int port = RestClient.freePort();
    private final String vm = TestGuest.uniqueName("rest");
    private Service service;

    @Test
    public void theApiDrivesAGuestThroughItsLifeWithTokensProblemsEventsAndLoad() throws Exception {
        Files.createDirectories(config);
        // the 64 clients share one token: unbounded here (RestSocketE2EIT tests the bound)
        Files.writeString(config.resolve("io.phyllome.host.rest.cfg"), "port=" + port + "\nrequests.per.second=0\n");
        service = new Service(state, "qemu:///embed?root=" + state.resolve("libvirt")).with("PHYLLOME_CONFIG_DIR", config.toString()).start();
        OneShot.Result created = service.run("host:token", "create", "rest-it").ok();
        String token = created.out().strip();
        assertTrue("one token, printed once: " + created, token.startsWith("phy_") && !token.contains("\n"));

        RestClient anonymous = new RestClient(port);
        Osgi.await(Duration.ofSeconds(60), () -> listening(anonymous), () -> "the REST API on port " + port + ":\n" + Host.read(service.log()));
        assertTrue(RestClient.problem(401, anonymous.get("/vms")).contains("host:token create"));
        assertTrue(RestClient.problem(401, new RestClient(port).token("phy_not-a-token").get("/vms")).contains("not valid"));

        RestClient api = new RestClient(port).token(token);
        BlockingQueue<String> events = api.events();
        HttpResponse<String> made = api.post("/vms", spec(vm));
        assertEquals(made.body(), 201, made.statusCode());
        JsonNode info = RestClient.valid("vm-info", made);
        assertEquals("shut-off", info.get("state").asText());
        assertEquals(1, info.get("disks").size() - (int) countReadOnly(info));
        RestClient.await(events, vm, "DEFINED", "shut-off", Duration.ofSeconds(30));

        problems(api);
        RestClient.valid("vm-info", api.get("/vms/" + vm));
        for (String[] doc : new String[][] { { "vm-list", "/vms" }, { "host-info", "/host" }, { "host-fingerprint", "/host/fingerprint" },
                { "profile-list", "/profiles" }, { "profile-available", "/profiles/available" }, { "disk-list", "/disks" }, { "media-list", "/media" },
                { "vm-lint", "/vms/" + vm + "/lint" }, { "host-check", "/host/check" } }) {
            RestClient.valid(doc[0], api.get(doc[1]));
        }
        assertEquals(200, api.get("/openapi.json").statusCode());

        assertEquals(204, api.post("/vms/" + vm + "/start", "").statusCode());
        RestClient.await(events, vm, "STARTED", "running", TestGuest.BOOT_TIMEOUT);
        RestClient.await(events, vm, "STOPPED", "shut-off", TestGuest.BOOT_TIMEOUT); // the test guest powers itself off

        manyClients(api);
        transfers(api);

        assertTrue(RestClient.problem(400, api.delete("/vms/" + vm)).contains("?disks=delete"));
        assertEquals(204, api.delete("/vms/" + vm + "?disks=delete").statusCode());
        RestClient.await(events, vm, "UNDEFINED", "shut-off", Duration.ofSeconds(30));
        RestClient.problem(404, api.get("/vms/" + vm));
        JsonNode list = RestClient.valid("vm-list", api.get("/vms"));
        list.get("vms").forEach(v -> assertFalse("no VM is left: " + list, v.get("name").asText().startsWith("rest-")));
        assertEquals("no disk is left", List.of(), Host.tree(state.resolve("disks")).stream().filter(f -> f.endsWith(".qcow2")).toList());

        assertEquals(0, service.run("host:token", "revoke", "rest-it").exit());
        assertTrue(RestClient.problem(401, api.get("/vms")).contains("revoked"));
        assertFalse("the token is never logged", Host.read(service.log()).contains(token.substring(4)));

        // guessing is bounded: after 30 failures a minute an address gets 429, while a valid token still works
        for (int i = 0; i < 30; i++) {
            anonymous.get("/vms");
        }
        RestClient.problem(429, anonymous.get("/vms"));
        String another = service.run("host:token", "create", "rest-it-2").ok().out().strip();
        assertEquals(200, new RestClient(port).token(another).get("/vms").statusCode());
    }

    /** 400, 404 and 409 as problem documents, with the messages the shell gives for the same mistakes. */
    private void problems(RestClient api) throws Exception {
        assertTrue(RestClient.problem(400, api.post("/vms", "{\"name\": ")).contains("not the JSON expected"));
        assertTrue(RestClient.problem(400, api.post("/vms", "{\"name\":\"rest-x\",\"profile\":\"linux\",\"colour\":\"red\"}")).contains("unknown field 'colour'"));
        String badName = RestClient.problem(400, api.post("/vms", "{\"name\":\"rest x\",\"profile\":\"linux\",\"disk\":\"none\"}"));
        assertShellSays(badName, "vm:create", "--disk", "none", "linux", "rest x");
        String badSize = RestClient.problem(400, api.post("/vms", "{\"name\":\"rest-x\",\"profile\":\"linux\",\"memory\":\"12X\",\"disk\":\"none\"}"));
        assertShellSays(badSize.substring("memory: ".length()), "vm:create", "--memory", "12X", "--disk", "none", "linux", "rest-x");
        String noCpus = RestClient.problem(400, api.post("/vms", "{\"name\":\"rest-x\",\"profile\":\"linux\",\"cpus\":0,\"disk\":\"none\"}"));
        assertShellSays(noCpus, "vm:create", "--cpus", "0", "--disk", "none", "linux", "rest-x");
        String unknownProfile = RestClient.problem(400, api.post("/vms", "{\"name\":\"rest-x\",\"profile\":\"no-such-os\",\"disk\":\"none\"}"));
        assertShellSays(unknownProfile, "vm:create", "--disk", "none", "no-such-os", "rest-x");
        String taken = RestClient.problem(409, api.post("/vms", spec(vm)));
        assertTrue(taken, taken.contains("already exists"));
        assertShellSays(RestClient.problem(404, api.get("/vms/rest-nothing")), "vm:info", "rest-nothing");
        RestClient.problem(404, api.post("/vms/rest-nothing/start", ""));
        RestClient.problem(404, api.get("/nothing"));
        RestClient.problem(405, api.delete("/vms"));
    }

    /**
     * A medium uploaded (kept only with its SHA-256), the VM exported as a streamed tar and that
     * package imported under another name, which is then deleted with its disk.
     */
    private void transfers(RestClient api) throws Exception {
        String medium = vm + ".img";
        byte[] bytes = ("a medium of " + vm + "\n").repeat(5000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        java.net.http.HttpRequest.BodyPublisher body = java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes);
        assertTrue(RestClient.problem(400, api.send(api.request("/media/" + medium + "?sha256=" + "0".repeat(64)).PUT(body))).contains("SHA-256"));
        RestClient.problem(400, api.send(api.request("/media/" + medium).PUT(body)));
        // with the content type curl --data-binary sends: the body is the file, not a form
        HttpResponse<String> uploaded = api.send(api.request("/media/" + medium + "?sha256=" + sha256)
                .header("Content-Type", "application/x-www-form-urlencoded").PUT(body));
        assertEquals(uploaded.body(), 201, uploaded.statusCode());
        assertTrue(RestClient.valid("media-list", api.get("/media")).toString().contains(sha256));
        RestClient.problem(409, api.send(api.request("/media/" + medium + "?sha256=" + sha256).PUT(body)));
        service.run("media:remove", medium).ok();

        Path tar = state.resolveSibling(state.getFileName() + "-" + vm + ".tar");
        try {
            HttpResponse<Path> exported = api.http().send(api.request("/vms/" + vm + "/export").header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"passphrase\":\"rest it passphrase\"}")).build(),
                    HttpResponse.BodyHandlers.ofFile(tar));
            assertEquals(Host.read(tar), 200, exported.statusCode());
            assertTrue(Host.run("tar", "-tf", tar.toString()).contains("MANIFEST.sha256"));
            String copy = vm + "-copy";
            HttpResponse<String> imported = api.send(api.request("/vms/import?name=" + copy).header("X-Phyllome-Passphrase", "rest it passphrase")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(tar)));
            assertEquals(imported.body(), 201, imported.statusCode());
            assertEquals(copy, RestClient.valid("vm-info", imported).get("name").asText());
            assertEquals(204, api.delete("/vms/" + copy + "?disks=delete").statusCode());
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    /** The shell, given the same mistake, fails with {@code detail} in its message. */
    private void assertShellSays(String detail, String... command) {
        OneShot.Result shell = service.run(command);
        assertEquals(shell.toString(), 1, shell.exit());
        assertTrue("the shell says what the API says (" + detail + "): " + shell, shell.err().contains(detail));
    }

    /** 64 clients for 10 s, reading the list and the VM in turn: every answer a 200 with the VM in it. */
    private void manyClients(RestClient api) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger answers = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            List<Future<?>> clients = new java.util.ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                boolean list = i % 2 == 0;
                clients.add(pool.submit(() -> {
                    while (System.nanoTime() < end && failures.isEmpty()) {
                        HttpResponse<String> r = api.get(list ? "/vms" : "/vms/" + vm);
                        if (r.statusCode() != 200 || !r.body().contains("\"" + vm + "\"")) {
                            failures.add(r.statusCode() + " " + r.body());
                        }
                        answers.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals("every answer of " + answers + " a 200 with the VM", List.of(), List.copyOf(failures));
        assertTrue("the clients were answered: " + answers, answers.get() >= CLIENTS);
    }

    private static String spec(String name) {
        return "{\"name\":\"" + name + "\",\"profile\":\"linux\",\"memory\":\"256M\",\"cpus\":1,\"disk\":\"64M\",\"encrypted\":false,"
                + "\"kernel\":\"" + TestGuest.kernel() + "\",\"initrd\":\"" + TestGuest.initrd() + "\",\"cmdline\":\"console=ttyS0 phyllome.marker=rest\"}";
    }

    private static long countReadOnly(JsonNode info) {
        long n = 0;
        for (JsonNode d : info.get("disks")) {
            n += d.get("readOnly").asBoolean() ? 1 : 0;
        }
        return n;
    }

    private static boolean listening(RestClient client) {
        try {
            return client.get("/vms").statusCode() == 401;
        } catch (RuntimeException e) {
            return false;
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
