package io.phyllome.host.libvirt.internal.domain;

import static io.phyllome.host.libvirt.internal.domain.Fixtures.DISKS;
import static io.phyllome.host.libvirt.internal.domain.Fixtures.SECRET_UUID;
import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.elements;
import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.only;
import static io.phyllome.host.libvirt.internal.domain.MacOsDomains.render;
import static io.phyllome.host.libvirt.internal.domain.Fixtures.children;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.phyllome.host.libvirt.internal.domain.MacOsDomains.Host;
import io.phyllome.host.libvirt.internal.domain.MacOsDomains.Release;

/**
 * The disks: OpenCore first, on the ICH9 AHCI controller, unchanged by the guest; then an install
 * ISO, then the system disk.
 */
class MacOsDomainDisksTest {

    @RegisterExtension
    static final MacOsDomains macos = new MacOsDomains();

    @ParameterizedTest
    @EnumSource(Host.class)
    void openCoreBootsFirstThenTheSystemDiskTheRecoveryImageOnlyFromOpenCoresMenu(Host host) {
        Document doc = macos.doc(Release.VENTURA, host);
        List<Element> disks = elements(doc, "disk");
        assertEquals(3, disks.size());

        Element system = disks.get(0);
        assertEquals(DISKS + "ventura-0.qcow2", only(system, "source").getAttribute("file"));
        assertEquals("vda", only(system, "target").getAttribute("dev"));
        assertEquals("virtio", only(system, "target").getAttribute("bus"), "virtio-blk, which macOS 11 and later drive");
        assertEquals("2", only(system, "boot").getAttribute("order"));
        assertEquals(SECRET_UUID, only(only(only(system, "source"), "encryption"), "secret").getAttribute("uuid"));

        Element openCore = disks.get(1);
        assertEquals("disk", openCore.getAttribute("device"));
        assertEquals(macos.opencore().toString(), only(openCore, "source").getAttribute("file"));
        assertEquals("qcow2", only(openCore, "driver").getAttribute("type"), "read from the file's header");
        assertEquals("sda", only(openCore, "target").getAttribute("dev"), "port 0 of the q35's ICH9 AHCI controller");
        assertEquals("sata", only(openCore, "target").getAttribute("bus"));
        assertEquals("1", only(openCore, "boot").getAttribute("order"));
        assertEquals(1, openCore.getElementsByTagName("transient").getLength(), "the guest's writes are discarded");
        assertEquals(0, openCore.getElementsByTagName("readonly").getLength(), "libvirt has no read-only SATA disks");

        Element recoveryDisk = disks.get(2);
        assertEquals("disk", recoveryDisk.getAttribute("device"));
        assertEquals(macos.recovery().toString(), only(recoveryDisk, "source").getAttribute("file"));
        assertEquals("raw", only(recoveryDisk, "driver").getAttribute("type"));
        assertEquals("sdb", only(recoveryDisk, "target").getAttribute("dev"));
        assertEquals("sata", only(recoveryDisk, "target").getAttribute("bus"));
        assertEquals(0, recoveryDisk.getElementsByTagName("boot").getLength());
        assertEquals(1, recoveryDisk.getElementsByTagName("transient").getLength());

        NodeList managed = doc.getElementsByTagNameNS(MetadataXml.PHYLLOME_NS, "disk");
        assertEquals(1, managed.getLength(), "the user's images are not the platform's to delete");
    }

    @Test
    void anInstallIsoBootsAfterOpenCoreAndBeforeTheSystemDisk() {
        Document doc = Fixtures.parse(render(Release.SONOMA, macos.spec(Release.SONOMA, "i").installMedia(Path.of("/srv/iso/extra.iso")).build(),
                Host.KVM.capabilities()));
        Map<String, String> order = new LinkedHashMap<>();
        for (Element disk : elements(doc, "disk")) {
            List<Element> boot = children(disk, "boot");
            order.put(only(disk, "source").getAttribute("file"), boot.isEmpty() ? "-" : boot.get(0).getAttribute("order"));
        }
        assertEquals(Map.of(DISKS + "i-0.qcow2", "3", "/srv/iso/extra.iso", "2", macos.opencore().toString(), "1", macos.recovery().toString(),
                "-"), order);
    }

    @Test
    void vmVirtioLeavesTheBootMediaOnSata() {
        VirtioSwitch.Result result = VirtioSwitch.apply(macos.variant(Release.SONOMA, Host.KVM).xml());
        assertEquals(List.of(), result.changes(), "OpenCore and the recovery image stay where OVMF and OpenCore look for them");
    }
}
