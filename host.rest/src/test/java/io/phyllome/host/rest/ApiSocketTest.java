package io.phyllome.host.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ApiSocketTest {

    @Test
    void theApiSocketIsNamedAfterTheControlSocketBesideIt() {
        assertEquals(Path.of("/run/phyllome/api.sock"), ApiSocket.beside(Path.of("/run/phyllome/control.sock")));
        assertEquals(Path.of("/run/phyllome/api-1a2b3c4d.sock"), ApiSocket.beside(Path.of("/run/phyllome/control-1a2b3c4d.sock")));
        assertEquals(Path.of("/tmp/api-other.sock"), ApiSocket.beside(Path.of("/tmp/other.sock")));
    }

    @Test
    void theRelayReachesAListenerOnEveryAddressThroughLoopback() {
        assertEquals("127.0.0.1", ApiSocket.target("0.0.0.0").getHostAddress());
        assertEquals("127.0.0.1", ApiSocket.target("127.0.0.1").getHostAddress());
        assertEquals("0:0:0:0:0:0:0:1", ApiSocket.target("::1").getHostAddress());
    }
}
