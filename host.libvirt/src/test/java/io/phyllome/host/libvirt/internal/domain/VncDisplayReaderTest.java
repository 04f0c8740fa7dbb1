package io.phyllome.host.libvirt.internal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The VNC server of a running domain, read from its live definition. */
class VncDisplayReaderTest {

    private static String domain(String devices) {
        return "<domain type='qemu'><name>con-a</name><devices>" + devices + "</devices></domain>";
    }

    @Test
    void readsThePortAutoportGaveAndTheListenAddress() {
        String live = domain("<graphics type='vnc' port='5907' autoport='yes' listen='127.0.0.1'>"
                + "<listen type='address' address='127.0.0.1'/></graphics>");
        assertEquals(Optional.of(new InetSocketAddress("127.0.0.1", 5907)), DomainReader.vncDisplay(live));
    }

    @Test
    void anInactiveDefinitionHasNoPortYet() {
        assertEquals(Optional.empty(), DomainReader.vncDisplay(domain("<graphics type='vnc' port='-1' autoport='yes'/>")));
    }

    @Test
    void otherGraphicsAreNoVncDisplay() {
        assertEquals(Optional.empty(), DomainReader.vncDisplay(domain("<graphics type='spice' port='5930'/>")));
        assertEquals(Optional.empty(), DomainReader.vncDisplay(domain("<serial type='pty'/>")));
    }
}
