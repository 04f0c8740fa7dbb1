package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.After;
import org.junit.Test;

/**
 * Where the service's REST API listens (issue 15, security): an address beyond loopback without a
 * keystore opens no port and the log says what to set; with the admin's PKCS#12 keystore the API
 * speaks HTTPS only, with that certificate, and still wants a token.
 */
public class RestTlsE2EIT {

    private static final String PASSWORD = "rest-it-" + TestGuest.random(4);

    private final Path state = Path.of("/tmp", "phy-" + TestGuest.random(3));
    private final Path config = state.resolveSibling(state.getFileName() + "-etc");
    private final int port = RestClient.freePort();
    private Service service;

    @Test
    public void anAddressBeyondLoopbackNeedsTlsFromTheAdminsKeystore() throws Exception {
        Files.createDirectories(config);
        Files.writeString(config.resolve("io.phyllome.host.rest.cfg"), "address=0.0.0.0\nport=" + port + "\n");
        service = new Service(state, "test:///default").with("PHYLLOME_CONFIG_DIR", config.toString()).start();
        Osgi.await(Duration.ofSeconds(60), () -> Host.read(service.log()).contains("does not listen on 0.0.0.0"), () -> Host.read(service.log()));
        assertTrue(Host.read(service.log()), Host.read(service.log()).contains("needs TLS; set keystore"));
        assertFalse("nothing listens on " + port, listening());
        service.stop(Duration.ofSeconds(60));

        Path keystore = config.resolve("api.p12");
        Host.run("keytool", "-genkeypair", "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext",
                "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        Files.writeString(config.resolve("io.phyllome.host.rest.cfg"),
                "address=0.0.0.0\nport=" + port + "\nkeystore=" + keystore + "\nkeystore.password=" + PASSWORD + "\n");
        service = new Service(state, "test:///default").with("PHYLLOME_CONFIG_DIR", config.toString()).start();
        String token = service.run("host:token", "create", "tls").ok().out().strip();
        Osgi.await(Duration.ofSeconds(60), this::listening, () -> Host.read(service.log()));

        HttpClient https = HttpClient.newBuilder().sslContext(trusting(keystore)).connectTimeout(Duration.ofSeconds(10)).build();
        URI vms = URI.create("https://127.0.0.1:" + port + "/api/v1/vms");
        HttpResponse<String> refused = https.send(HttpRequest.newBuilder(vms).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(refused.body(), 401, refused.statusCode());
        HttpResponse<String> ok = https.send(HttpRequest.newBuilder(vms).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(ok.body(), 200, ok.statusCode());
        assertTrue(ok.body(), ok.body().contains("vm-list.schema.json"));
        assertFalse("plain HTTP gets no answer from the TLS port", plainHttpAnswers());
        String log = Host.read(service.log());
        assertFalse("the keystore's password is never logged", log.contains(PASSWORD));
        assertFalse("the token is never logged", log.contains(token.substring(4)));
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the port answers a plain HTTP request with an HTTP status line. */
    private boolean plainHttpAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /api/v1/vms HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] head = socket.getInputStream().readNBytes(8);
            return new String(head, java.nio.charset.StandardCharsets.US_ASCII).startsWith("HTTP/1.1");
        } catch (IOException e) {
            return false;
        }
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("api", store.getCertificate("api"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @After
    public void stop() {
        if (service != null) {
            service.close();
        }
        Host.quietly("rm", "-rf", state.toString(), config.toString());
    }
}
