package io.phyllome.host.rest;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenerTest {

    @TempDir
    Path dir;

    @Test
    void loopbackNeedsNoTlsAnyOtherAddressDoes() throws Exception {
        assertNull(Listener.refusal(config("127.0.0.1", "")));
        assertNull(Listener.refusal(config("::1", "")));
        String refused = Listener.refusal(config("0.0.0.0", ""));
        assertTrue(refused.contains("needs TLS") && refused.contains("keystore"), refused);
        Path keystore = Files.write(dir.resolve("api.p12"), new byte[] { 1 });
        assertNull(Listener.refusal(config("0.0.0.0", keystore.toString())));
        String missing = Listener.refusal(config("0.0.0.0", dir.resolve("none.p12").toString()));
        assertTrue(missing.contains("cannot be read"), missing);
    }

    private static Listener.Config config(String address, String keystore) {
        return new Listener.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return Listener.Config.class;
            }

            @Override
            public String address() {
                return address;
            }

            @Override
            public int port() {
                return 8780;
            }

            @Override
            public String keystore() {
                return keystore;
            }

            @Override
            public String keystore_password() {
                return "";
            }

            @Override
            public double requests_per_second() {
                return 50;
            }

            @Override
            public int requests_burst() {
                return 100;
            }
        };
    }
}
