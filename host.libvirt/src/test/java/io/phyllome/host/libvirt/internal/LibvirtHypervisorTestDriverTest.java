package io.phyllome.host.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.util.converter.Converters;

import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmState;

/**
 * The adapter against libvirt's test driver ({@code test:///default}: one running domain named
 * "test", private to the connection): finding a VM by name without listing all of them, and the
 * event loop ending when the component closes its connection.
 */
class LibvirtHypervisorTestDriverTest {

    @TempDir
    Path state;

    private SharedLibvirtSession session;
    private LibvirtHypervisor hypervisor;

    @BeforeEach
    void open() {
        session = new SharedLibvirtSession(config("test:///default"), context(Map.of(StateDirectory.PROPERTY, state.toString())));
        hypervisor = new LibvirtHypervisor(session);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void findsAVmByNameAndNothingForAMissingOne() {
        Domain test = hypervisor.find("test").orElseThrow();
        assertEquals("test", test.name());
        assertEquals(VmState.RUNNING, test.state());
        assertTrue(hypervisor.find("phyllome-no-such-vm").isEmpty());
        assertTrue(hypervisor.find("").isEmpty());
        assertEquals(List.of("test"), hypervisor.list().stream().map(Domain::name).toList());
    }

    @Test
    void theListingWithoutDefinitionsShowsWhatTheFullListingShows() throws Exception {
        // a second VM, as the platform defines it: its profile lives in the platform's metadata element
        hypervisor.list(); // opens the connection
        String xml = hypervisor.nativeDefinition("test").replace("<name>test</name>", "<name>listed</name>").replaceAll("<uuid>[^<]*</uuid>", "")
                .replaceAll("(?s)<metadata>.*</metadata>", "").replace("</domain>", "<metadata><phyllome:vm xmlns:phyllome='"
                        + io.phyllome.host.libvirt.internal.domain.MetadataXml.PHYLLOME_NS + "'><phyllome:profile id='linux'/></phyllome:vm></metadata></domain>");
        session.follow(c -> {
            try {
                c.domainDefineXML(xml);
            } catch (org.libvirt.LibvirtException e) {
                throw new AssertionError(e);
            }
        }).run();
        List<io.phyllome.host.hypervisor.DomainSummary> summaries = hypervisor.summaries();
        assertEquals(hypervisor.list().stream().map(io.phyllome.host.hypervisor.DomainSummary::of).toList(), summaries);
        assertEquals(List.of("listed", "test"), summaries.stream().map(io.phyllome.host.hypervisor.DomainSummary::name).toList());
        assertEquals("linux", summaries.get(0).profile());
        assertEquals(VmState.SHUT_OFF, summaries.get(0).state());
        assertEquals(VmState.RUNNING, summaries.get(1).state());
    }

    @Test
    void aLookupThatFailsForAnotherReasonIsAnError() {
        session.close(); // find opens the connection again
        assertTrue(hypervisor.find("test").isPresent());
        SharedLibvirtSession broken = new SharedLibvirtSession(config("test:///" + state.resolve("no-such-host.xml")), context(Map.of()));
        try {
            VmException e = assertThrows(VmException.class, () -> new LibvirtHypervisor(broken).find("test"));
            assertTrue(e.getMessage().contains("cannot connect to libvirt"), e.getMessage());
        } finally {
            broken.close();
        }
    }

    @Test
    void closingTheLastConnectionEndsTheEventLoop() {
        hypervisor.find("test");
        Thread loop = LibvirtProcess.eventLoopThread();
        assertTrue(loop != null && loop.isAlive());
        session.close();
        assertNull(LibvirtProcess.eventLoopThread());
        assertFalse(loop.isAlive(), "no thread left in libvirt's native poll() to delay the JVM's exit");
    }

    private static LibvirtConfig config(String uri) {
        return Converters.standardConverter().convert(Map.of("uri", uri)).to(LibvirtConfig.class);
    }

    /** A bundle context that only answers getProperty, as the component uses it. */
    private static BundleContext context(Map<String, String> properties) {
        return (BundleContext) Proxy.newProxyInstance(LibvirtHypervisorTestDriverTest.class.getClassLoader(), new Class<?>[] { BundleContext.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return properties.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
