package io.phyllome.host.libvirt.internal.domain;

import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.only;
import static io.phyllome.host.libvirt.internal.domain.Fixtures.children;
import static io.phyllome.host.libvirt.internal.domain.WindowsDomains.define;
import static io.phyllome.host.libvirt.internal.domain.WindowsDomains.timer;
import static io.phyllome.host.libvirt.internal.domain.WindowsDomains.timers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;

import io.phyllome.host.device.Finding;
import io.phyllome.host.device.HyperVFeature;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.libvirt.internal.domain.WindowsDomains.Release;

/**
 * Hyper-V only on KVM: every enlightenment and the Hyper-V clock there, none under emulation, where
 * QEMU's TCG refuses them.
 */
class WindowsDomainHyperVTest {

    @RegisterExtension
    static final WindowsDomains windows = new WindowsDomains();

    @ParameterizedTest
    @EnumSource(Release.class)
    void onKvmAllHyperVEnlightenmentsAndTheHypervClock(Release release) {
        Element domain = Fixtures.parse(windows.variant(release, "kvm").xml()).getDocumentElement();
        assertEquals("kvm", domain.getAttribute("type"));
        assertEquals("host-model", only(domain, "cpu").getAttribute("mode"));
        Element hyperv = only(only(domain, "features"), "hyperv");
        assertEquals("custom", hyperv.getAttribute("mode"));
        List<String> enabled = new ArrayList<>();
        for (Element e : children(hyperv)) {
            assertEquals("on", e.getAttribute("state"), e.getTagName());
            enabled.add(e.getTagName());
        }
        assertEquals(Stream.of(HyperVFeature.values()).map(f -> f.name().toLowerCase(java.util.Locale.ROOT)).toList(), enabled);
        assertEquals("8191", only(hyperv, "spinlocks").getAttribute("retries"));
        assertEquals("yes", timer(domain, "hypervclock").getAttribute("present"));
    }

    @ParameterizedTest
    @EnumSource(Release.class)
    void emulatedNoHyperVNoHypervClockAndAFinding(Release release) {
        DomainDefinition definition = define(release, windows.virtioWin(), windows.spec(release, "emu").build(), Fixtures.emulatedWindowsHost());
        Element domain = Fixtures.parse(Fixtures.render(definition, Fixtures.emulatedWindowsHost())).getDocumentElement();
        assertEquals("qemu", domain.getAttribute("type"));
        assertEquals("maximum", only(domain, "cpu").getAttribute("mode"));
        assertEquals(0, domain.getElementsByTagName("hyperv").getLength(), "QEMU's TCG refuses vpindex and friends");
        assertTrue(timers(domain).stream().noneMatch(t -> t.getAttribute("name").equals("hypervclock")));
        assertTrue(definition.devices().hyperV().isEmpty(), "the profile itself asks for none without KVM");
        assertTrue(definition.devices().findings().stream().anyMatch(f -> f.severity() == Finding.Severity.INFO
                && f.message().contains("KVM is not usable") && f.message().contains("neither vmx nor svm")), definition.devices().findings()::toString);
    }

    @Test
    void theMapperDropsHyperVOnTcgEvenWhenAskedFor() {
        // a KVM device set rendered for an emulated domain: what a host whose KVM went away would get
        DomainDefinition kvmDevices = define(Release.WINDOWS_11, windows.virtioWin(), windows.spec(Release.WINDOWS_11, "moved").build(),
                Fixtures.kvmHost());
        assertFalse(kvmDevices.devices().hyperV().isEmpty());
        Element domain = Fixtures.parse(DomainMapper.map(kvmDevices, false, "x86_64", null, Path.of("/tmp/moved.log")).render())
                .getDocumentElement();
        assertEquals(0, domain.getElementsByTagName("hyperv").getLength());
        assertTrue(timers(domain).stream().noneMatch(t -> t.getAttribute("name").equals("hypervclock")));
    }
}
