package io.phyllome.host.libvirt.internal.domain;

import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.only;
import static io.phyllome.host.libvirt.internal.domain.Fixtures.children;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;

import io.phyllome.host.libvirt.internal.domain.MacOsDomains.Host;
import io.phyllome.host.libvirt.internal.domain.MacOsDomains.Release;

/**
 * The CPU macOS is given: a Haswell that says GenuineIntel, with an invariant TSC on KVM and
 * without one under emulation.
 */
class MacOsDomainCpuTest {

    @RegisterExtension
    static final MacOsDomains macos = new MacOsDomains();

    @ParameterizedTest
    @EnumSource(Host.class)
    void aHaswellThatSaysGenuineIntelWithAvx2AndSse42OnOneSocket(Host host) {
        Element cpu = only(macos.doc(Release.SONOMA, host).getDocumentElement(), "cpu");
        assertEquals("custom", cpu.getAttribute("mode"));
        assertEquals("exact", cpu.getAttribute("match"));
        Element model = only(cpu, "model");
        assertEquals("Haswell-noTSX", model.getTextContent());
        assertEquals("GenuineIntel", model.getAttribute("vendor_id"));
        assertEquals("forbid", model.getAttribute("fallback"));
        Map<String, String> features = features(cpu);
        assertEquals("require", features.get("avx2"));
        assertEquals("require", features.get("sse4.2"));
        assertEquals("disable", features.get("pdpe1gb"));
        Element topology = only(cpu, "topology");
        assertEquals(List.of("1", "1", "4", "1"), Stream.of("sockets", "dies", "cores", "threads").map(topology::getAttribute).toList());
    }

    @Test
    void onKvmAnInvariantTscAndLibvirtChecksTheHostBeforeStarting() {
        Element domain = macos.doc(Release.SEQUOIA, Host.KVM).getDocumentElement();
        assertEquals("kvm", domain.getAttribute("type"));
        Element cpu = only(domain, "cpu");
        assertEquals("partial", cpu.getAttribute("check"));
        assertEquals("require", features(cpu).get("invtsc"));
    }

    @Test
    void emulatedNoInvariantTscAndQemuLeavesOutWhatTcgLacks() {
        Element domain = macos.doc(Release.SEQUOIA, Host.EMULATED).getDocumentElement();
        assertEquals("qemu", domain.getAttribute("type"));
        Element cpu = only(domain, "cpu");
        assertEquals("none", cpu.getAttribute("check"));
        assertFalse(features(cpu).containsKey("invtsc"), "libvirt refuses to start a TCG guest that requires invtsc");
    }

    /** The {@code <feature>}s of a {@code <cpu>}: name to policy. */
    static Map<String, String> features(Element cpu) {
        Map<String, String> features = new LinkedHashMap<>();
        children(cpu, "feature").forEach(f -> features.put(f.getAttribute("name"), f.getAttribute("policy")));
        return features;
    }
}
