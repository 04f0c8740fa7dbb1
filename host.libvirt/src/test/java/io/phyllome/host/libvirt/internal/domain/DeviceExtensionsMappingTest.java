package io.phyllome.host.libvirt.internal.domain;

import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.elements;
import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.phyllome.host.device.CpuMode;
import io.phyllome.host.device.CpuModel;
import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.device.DiskBus;
import io.phyllome.host.device.ImageFormat;
import io.phyllome.host.device.Medium;
import io.phyllome.host.libvirt.internal.xml.XmlWriter;

/** How the mapper renders named CPU models, one-socket topologies, boot media and emulator arguments. */
class DeviceExtensionsMappingTest {

    @TempDir
    Path tmp;

    static String render(DeviceSetBuilder devices, boolean kvm) {
        return DomainMapperTest.render(devices, kvm, s -> { });
    }

    @Test
    void aNamedModelTakesThePlaceOfTheMode() {
        String xml = render(new DeviceSetBuilder().cpu(CpuMode.HOST_PASSTHROUGH).cpu(CpuModel.named("Skylake-Client").require("avx2")), true);
        Element cpu = only(Fixtures.parse(xml).getDocumentElement(), "cpu");
        assertEquals("custom", cpu.getAttribute("mode"));
        assertEquals("Skylake-Client", only(cpu, "model").getTextContent());
        assertEquals("", only(cpu, "model").getAttribute("vendor_id"), "no vendor_id unless asked");
        Fixtures.assertValidDomain(xml, tmp);
    }

    @Test
    void oneSocketTopologyWithEveryMode() {
        for (CpuMode mode : CpuMode.values()) {
            for (boolean kvm : List.of(true, false)) {
                String xml = render(new DeviceSetBuilder().cpu(mode).oneCpuSocket(true), kvm);
                Element topology = only(only(Fixtures.parse(xml).getDocumentElement(), "cpu"), "topology");
                assertEquals("1", topology.getAttribute("sockets"));
                assertEquals("4", topology.getAttribute("cores"), "the spec's 4 CPUs");
                Fixtures.assertValidDomain(xml, tmp);
            }
        }
        assertNull(new CpuXml(CpuMode.DEFAULT).toElement(), "no <cpu> at all by default");
        assertEquals("<cpu>\n  <topology sockets=\"1\" dies=\"1\" cores=\"2\" threads=\"1\"/>\n</cpu>\n",
                XmlWriter.render(new CpuXml(CpuMode.DEFAULT, null, false, 2).toElement()));
    }

    @Test
    void bootMediaBootInTheirOrderBeforeTheIsoAndTheSystemDisk() {
        DeviceSetBuilder devices = new DeviceSetBuilder()
                .medium(new Medium(Path.of("/m/drivers.iso"), DiskBus.SATA, true))
                .medium(new Medium(Path.of("/m/second.img"), DiskBus.SATA, false, ImageFormat.RAW, 7, true))
                .medium(new Medium(Path.of("/m/first.qcow2"), DiskBus.VIRTIO, false, ImageFormat.QCOW2, 2, false));
        String xml = render(devices, true);
        Document doc = Fixtures.parse(xml);
        java.util.Map<String, String> boot = new java.util.TreeMap<>();
        for (Element disk : elements(doc, "disk")) {
            var order = disk.getElementsByTagName("boot");
            boot.put(only(disk, "source").getAttribute("file"), order.getLength() == 0 ? "-" : ((Element) order.item(0)).getAttribute("order"));
        }
        assertEquals(java.util.Map.of("/m/first.qcow2", "1", "/m/second.img", "2", "/srv/iso/Win11_23H2.iso", "3",
                Fixtures.DISKS + "win-0.qcow2", "4", "/m/drivers.iso", "-"), boot);
        Element first = elements(doc, "disk").stream().filter(d -> only(d, "source").getAttribute("file").equals("/m/first.qcow2")).findFirst().orElseThrow();
        assertEquals("qcow2", only(first, "driver").getAttribute("type"));
        assertEquals(1, first.getElementsByTagName("readonly").getLength(), "read-only unless its writes are discarded");
        Element second = elements(doc, "disk").stream().filter(d -> only(d, "source").getAttribute("file").equals("/m/second.img")).findFirst().orElseThrow();
        assertEquals(1, second.getElementsByTagName("transient").getLength());
        assertEquals(0, second.getElementsByTagName("readonly").getLength());
        Fixtures.assertValidDomain(xml, tmp);
    }

    @Test
    void emulatorArgumentsAreEscapedAndStillValid() {
        String tricky = "x=<a & 'b' \"c\">";
        String xml = render(new DeviceSetBuilder().qemuArguments("-set", tricky), false);
        assertTrue(xml.startsWith("<domain type=\"qemu\" xmlns:qemu=\"" + QemuCommandLineXml.QEMU_NS + "\">"), xml);
        Element domain = Fixtures.parse(xml).getDocumentElement();
        var args = domain.getElementsByTagNameNS(QemuCommandLineXml.QEMU_NS, "arg");
        assertEquals(2, args.getLength());
        assertEquals(tricky, ((Element) args.item(1)).getAttribute("value"));
        Fixtures.assertValidDomain(xml, tmp);
    }
}
