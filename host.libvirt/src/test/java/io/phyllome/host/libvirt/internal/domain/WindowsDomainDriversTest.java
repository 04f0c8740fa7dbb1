package io.phyllome.host.libvirt.internal.domain;

import static io.phyllome.host.libvirt.internal.domain.Fixtures.DISKS;
import static io.phyllome.host.libvirt.internal.domain.Fixtures.SECRET_UUID;
import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.elements;
import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.only;
import static io.phyllome.host.libvirt.internal.domain.WindowsDomains.ISO;
import static io.phyllome.host.libvirt.internal.domain.WindowsDomains.config;
import static io.phyllome.host.libvirt.internal.domain.WindowsDomains.define;
import static io.phyllome.host.libvirt.internal.domain.WindowsDomains.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.phyllome.host.device.Finding;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.libvirt.internal.domain.WindowsDomains.Host;
import io.phyllome.host.libvirt.internal.domain.WindowsDomains.Release;
import io.phyllome.profiles.windows.WindowsConfig;

/** Virtio with the virtio-win drivers, SATA and e1000e without them, and the rest of the Windows device set. */
class WindowsDomainDriversTest {

    @RegisterExtension
    static final WindowsDomains windows = new WindowsDomains();

    @ParameterizedTest
    @EnumSource(Release.class)
    void withVirtioWinVirtioDiskAndNicAndTheDriversAsAReadOnlyCdrom(Release release) {
        for (Host host : Host.values()) {
            DomainDefinition definition = define(release, windows.virtioWin(), windows.spec(release, "v").build(), host.capabilities());
            Document doc = Fixtures.parse(Fixtures.render(definition, host.capabilities()));
            List<Element> disks = elements(doc, "disk");
            assertEquals(2, disks.size());
            Element system = disks.get(0);
            assertEquals("disk", system.getAttribute("device"));
            assertEquals("vda", only(system, "target").getAttribute("dev"));
            assertEquals("virtio", only(system, "target").getAttribute("bus"));
            assertEquals("1", only(system, "boot").getAttribute("order"));
            assertEquals(SECRET_UUID, only(only(only(system, "source"), "encryption"), "secret").getAttribute("uuid"),
                    "the system disk is encrypted by default");

            Element drivers = disks.get(1);
            assertEquals("cdrom", drivers.getAttribute("device"));
            assertEquals(windows.virtioWin().toString(), only(drivers, "source").getAttribute("file"));
            assertEquals("sata", only(drivers, "target").getAttribute("bus"), "the installer reads SATA CD-ROMs without drivers");
            assertEquals("sda", only(drivers, "target").getAttribute("dev"));
            assertEquals(1, drivers.getElementsByTagName("readonly").getLength());
            assertEquals(0, drivers.getElementsByTagName("boot").getLength(), "never booted from");

            assertEquals("virtio", only(elements(doc, "interface").get(0), "model").getAttribute("type"));
            NodeList managed = doc.getElementsByTagNameNS(MetadataXml.PHYLLOME_NS, "disk");
            assertEquals(1, managed.getLength(), "the driver image is not the platform's to delete");
            assertTrue(definition.devices().findings().stream().noneMatch(f -> f.severity() == Finding.Severity.WARNING),
                    definition.devices().findings()::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(Release.class)
    void withoutVirtioWinSataAndE1000eAndAWarningNamingThePath(Release release) {
        for (Host host : Host.values()) {
            DomainDefinition definition = define(release, windows.missingVirtioWin(), windows.spec(release, "s").build(), host.capabilities());
            Document doc = Fixtures.parse(Fixtures.render(definition, host.capabilities()));
            List<Element> disks = elements(doc, "disk");
            assertEquals(1, disks.size(), "no driver CD-ROM when there are no drivers");
            assertEquals("sata", only(disks.get(0), "target").getAttribute("bus"));
            assertEquals("sda", only(disks.get(0), "target").getAttribute("dev"));
            assertEquals(SECRET_UUID, disks.get(0).getElementsByTagName("secret").item(0).getAttributes().getNamedItem("uuid").getNodeValue());
            assertEquals("e1000e", only(elements(doc, "interface").get(0), "model").getAttribute("type"));
            List<Finding> warnings = definition.devices().findings().stream().filter(f -> f.severity() == Finding.Severity.WARNING).toList();
            assertEquals(1, warnings.size(), definition.devices().findings()::toString);
            assertTrue(warnings.get(0).message().contains(windows.missingVirtioWin().toString()), warnings.get(0).message());
            assertTrue(warnings.get(0).message().contains(WindowsConfig.PID), warnings.get(0).message());
        }
    }

    @Test
    void anIsoBootsFirstAndTheDriversFollowItOnSata() {
        Document doc = Fixtures.parse(windows.variant(Release.WINDOWS_11, "kvm").xml());
        List<Element> disks = elements(doc, "disk");
        assertEquals(3, disks.size());
        assertEquals(DISKS + "win11-0.qcow2", only(disks.get(0), "source").getAttribute("file"));
        assertEquals("2", only(disks.get(0), "boot").getAttribute("order"));
        assertEquals(ISO, only(disks.get(1), "source").getAttribute("file"));
        assertEquals("sda", only(disks.get(1), "target").getAttribute("dev"));
        assertEquals("1", only(disks.get(1), "boot").getAttribute("order"));
        assertEquals(windows.virtioWin().toString(), only(disks.get(2), "source").getAttribute("file"));
        assertEquals("sdb", only(disks.get(2), "target").getAttribute("dev"));
        assertEquals(0, disks.get(2).getElementsByTagName("boot").getLength());
    }

    @Test
    void withoutDriversTheIsoAndTheSystemDiskShareTheSataBus() {
        Document doc = Fixtures.parse(render(Release.WINDOWS_11, windows.missingVirtioWin(),
                windows.spec(Release.WINDOWS_11, "w").installMedia(Path.of(ISO)).build(), Fixtures.kvmHost()));
        List<Element> disks = elements(doc, "disk");
        assertEquals(2, disks.size());
        assertEquals("sda", only(disks.get(0), "target").getAttribute("dev"));
        assertEquals("sdb", only(disks.get(1), "target").getAttribute("dev"));
        assertEquals(ISO, only(disks.get(1), "source").getAttribute("file"));
    }

    @Test
    void theWindowsDeviceSet() {
        Document doc = Fixtures.parse(windows.variant(Release.WINDOWS_10, "kvm").xml());
        assertEquals("ich9", elements(doc, "sound").get(0).getAttribute("model"));
        assertEquals("virtio", only(elements(doc, "video").get(0), "model").getAttribute("type"));
        assertEquals("tablet", elements(doc, "input").get(0).getAttribute("type"));
        assertEquals("usb", elements(doc, "input").get(0).getAttribute("bus"));
        assertEquals("qemu-xhci", elements(doc, "controller").get(0).getAttribute("model"));
        assertEquals("virtio", elements(doc, "memballoon").get(0).getAttribute("model"));
        assertEquals("127.0.0.1", only(elements(doc, "graphics").get(0), "listen").getAttribute("address"));
    }

    /**
     * A blank setting (Path.of("") is the working directory) or a directory is readable but no
     * driver image: the profile must not attach it and put the disk on virtio, or the installer
     * would find no disk.
     */
    @Test
    void aBlankSettingOrADirectoryIsNoDriverImage() {
        for (String setting : List.of("", windows.directory().toString())) {
            DomainDefinition definition = Fixtures.define(Release.WINDOWS_11.component.apply(config(setting)),
                    windows.spec(Release.WINDOWS_11, "d").build(), Fixtures.kvmHost());
            assertTrue(definition.devices().media().isEmpty(), "'" + setting + "' attached as " + definition.devices().media());
            assertEquals(io.phyllome.host.device.DiskBus.SATA, definition.devices().diskBus(), "'" + setting + "'");
        }
    }
}
