package io.phyllome.host.libvirt.internal.domain;

import static io.phyllome.host.libvirt.internal.domain.Fixtures.DISKS;
import static io.phyllome.host.libvirt.internal.domain.Fixtures.SECRET_UUID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DirectBoot;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.host.vm.VmState;

/**
 * The Linux profile's domain XML, end to end from profile to text: compared with golden files and
 * validated against libvirt's schema. Regenerate the goldens with {@code -Dgolden.update=true}.
 */
class LinuxDomainGoldenTest extends DomainGoldenTest {

    static final String ISO = "/var/lib/phyllome/media/debian-12.5.0-amd64-netinst.iso";
    static final String KERNEL = "/var/lib/phyllome/boot/vmlinuz-6.1.0-18-amd64";
    static final String INITRD = "/var/lib/phyllome/boot/initrd.img-6.1.0-18-amd64";

    /** (a) KVM host, installing from an ISO onto an encrypted system disk plus a plain data disk, on libvirt's default network. */
    static String kvmIso() {
        HostCapabilities host = Fixtures.kvmHost();
        VmSpec spec = VmSpec.builder("linux", "web1").memory(ByteSize.ofGiB(4)).cpus(2).disk(DiskSpec.of(ByteSize.ofGiB(25)))
                .disk(new DiskSpec(ByteSize.ofGiB(10), false)).installMedia(Path.of(ISO)).build();
        DomainDefinition definition = Fixtures.linux(spec, host, Fixtures.encryptedVolume("web1-0.qcow2", ByteSize.ofGiB(25)),
                Fixtures.plainVolume("web1-1.qcow2", ByteSize.ofGiB(10)));
        return Fixtures.render(definition, host);
    }

    /** (b) Emulation-only host, booting a kernel directly from an encrypted disk, on user-mode networking. */
    static String emulatedKernel() {
        HostCapabilities host = Fixtures.emulatedHost();
        VmSpec spec = VmSpec.builder("linux", "tiny").memory(ByteSize.ofMiB(512)).cpus(1).disk(DiskSpec.of(ByteSize.ofGiB(2)))
                .directBoot(new DirectBoot(Path.of(KERNEL), Path.of(INITRD), "console=ttyS0 root=/dev/vda1 rw quiet")).build();
        DomainDefinition definition = Fixtures.linux(spec, host, Fixtures.encryptedVolume("tiny-0.qcow2", ByteSize.ofGiB(2)));
        return Fixtures.render(definition, host);
    }

    @Override
    Stream<GoldenVariant> variants() {
        return Stream.of(new GoldenVariant("linux-kvm-iso", kvmIso()), new GoldenVariant("linux-emulated-kernel", emulatedKernel()));
    }

    @Test
    void theSchemaCheckItselfRejectsInvalidXml() {
        String invalid = kvmIso().replace("<domain type=\"kvm\">", "<domain type=\"bogus\">");
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> Fixtures.assertValidDomain(invalid, tmp));
        assertTrue(e.getMessage().contains("virt-xml-validate"), e.getMessage());
        String misplaced = kvmIso().replace("<rng model=\"virtio\">", "<rng model=\"virtio\" bogus=\"1\">");
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> Fixtures.assertValidDomain(misplaced, tmp));
    }

    // --- what the golden files must say, checked independently of them ---------------------

    @Test
    void kvmVariantRunsOnKvmWithAPortableHostModelCpu() {
        Element domain = Fixtures.parse(kvmIso()).getDocumentElement();
        assertEquals("kvm", domain.getAttribute("type"));
        assertEquals("host-model", only(domain, "cpu").getAttribute("mode"));
        assertEquals(0, domain.getElementsByTagName("hyperv").getLength(), "no Hyper-V enlightenments for Linux");
    }

    @Test
    void emulatedVariantRunsOnTcgWithTheMaximumCpu() {
        Element domain = Fixtures.parse(emulatedKernel()).getDocumentElement();
        assertEquals("qemu", domain.getAttribute("type"));
        assertEquals("maximum", only(domain, "cpu").getAttribute("mode"));
    }

    @Test
    void bothUseUefiWithoutSecureBootOnQ35() {
        for (String xml : List.of(kvmIso(), emulatedKernel())) {
            Element os = only(Fixtures.parse(xml).getDocumentElement(), "os");
            assertEquals("efi", os.getAttribute("firmware"));
            Element type = only(os, "type");
            assertEquals("hvm", type.getTextContent());
            assertEquals("q35", type.getAttribute("machine"));
            assertEquals("x86_64", type.getAttribute("arch"));
            NodeList features = os.getElementsByTagName("feature");
            for (int i = 0; i < features.getLength(); i++) {
                assertEquals("no", ((Element) features.item(i)).getAttribute("enabled"));
            }
            assertEquals(2, features.getLength());
        }
    }

    @Test
    void theIsoBootsFirstThenTheEncryptedSystemDisk() {
        Document doc = Fixtures.parse(kvmIso());
        List<Element> disks = elements(doc, "disk");
        assertEquals(3, disks.size());

        Element system = disks.get(0);
        assertEquals(DISKS + "web1-0.qcow2", only(system, "source").getAttribute("file"));
        assertEquals("vda", only(system, "target").getAttribute("dev"));
        assertEquals("virtio", only(system, "target").getAttribute("bus"));
        assertEquals("qcow2", only(system, "driver").getAttribute("type"));
        assertEquals("2", only(system, "boot").getAttribute("order"));
        Element secret = only(only(only(system, "source"), "encryption"), "secret");
        assertEquals(SECRET_UUID, secret.getAttribute("uuid"));
        assertEquals("passphrase", secret.getAttribute("type"));
        assertEquals("luks", only(only(system, "source"), "encryption").getAttribute("format"));

        Element data = disks.get(1);
        assertEquals("vdb", only(data, "target").getAttribute("dev"));
        assertEquals(0, data.getElementsByTagName("encryption").getLength(), "the data disk opted out of encryption");
        assertEquals(0, data.getElementsByTagName("boot").getLength());

        Element cdrom = disks.get(2);
        assertEquals("cdrom", cdrom.getAttribute("device"));
        assertEquals(ISO, only(cdrom, "source").getAttribute("file"));
        assertEquals("sda", only(cdrom, "target").getAttribute("dev"));
        assertEquals("sata", only(cdrom, "target").getAttribute("bus"));
        assertEquals(1, cdrom.getElementsByTagName("readonly").getLength());
        assertEquals("1", only(cdrom, "boot").getAttribute("order"));
    }

    @Test
    void theKernelBootVariantNamesKernelInitrdAndCmdline() {
        Document doc = Fixtures.parse(emulatedKernel());
        Element os = only(doc.getDocumentElement(), "os");
        assertEquals(KERNEL, only(os, "kernel").getTextContent());
        assertEquals(INITRD, only(os, "initrd").getTextContent());
        assertEquals("console=ttyS0 root=/dev/vda1 rw quiet", only(os, "cmdline").getTextContent());
        List<Element> disks = elements(doc, "disk");
        assertEquals(1, disks.size(), "no CD-ROM without an ISO");
        assertEquals("1", only(disks.get(0), "boot").getAttribute("order"));
        assertEquals(SECRET_UUID, ((Element) disks.get(0).getElementsByTagName("secret").item(0)).getAttribute("uuid"));
    }

    @Test
    void theNetworkIsLibvirtsDefaultOrUserMode() {
        Element kvmNic = elements(Fixtures.parse(kvmIso()), "interface").get(0);
        assertEquals("network", kvmNic.getAttribute("type"));
        assertEquals("default", only(kvmNic, "source").getAttribute("network"));
        assertEquals("virtio", only(kvmNic, "model").getAttribute("type"));
        Element userNic = elements(Fixtures.parse(emulatedKernel()), "interface").get(0);
        assertEquals("user", userNic.getAttribute("type"));
    }

    @Test
    void theLinuxDeviceSetIsVirtioFirst() {
        Document doc = Fixtures.parse(kvmIso());
        assertEquals("virtio", only(elements(doc, "video").get(0), "model").getAttribute("type"));
        assertEquals("virtio", elements(doc, "rng").get(0).getAttribute("model"));
        assertEquals("virtio", elements(doc, "memballoon").get(0).getAttribute("model"));
        assertEquals("org.qemu.guest_agent.0", only(elements(doc, "channel").get(0), "target").getAttribute("name"));
        assertEquals("tablet", elements(doc, "input").get(0).getAttribute("type"));
        assertEquals("usb", elements(doc, "input").get(0).getAttribute("bus"));
        assertEquals("qemu-xhci", elements(doc, "controller").get(0).getAttribute("model"));
        assertEquals("127.0.0.1", only(elements(doc, "graphics").get(0), "listen").getAttribute("address"));
        assertEquals(0, doc.getElementsByTagName("tpm").getLength());
        assertEquals(0, doc.getElementsByTagName("sound").getLength());
    }

    @Test
    void theMetadataRecordsOsProfileAndManagedDisks() {
        Document doc = Fixtures.parse(kvmIso());
        assertEquals("http://libosinfo.org/linux/2022",
                ((Element) doc.getElementsByTagNameNS(MetadataXml.LIBOSINFO_NS, "os").item(0)).getAttribute("id"));
        assertEquals("linux", ((Element) doc.getElementsByTagNameNS(MetadataXml.PHYLLOME_NS, "profile").item(0)).getAttribute("id"));
        NodeList managed = doc.getElementsByTagNameNS(MetadataXml.PHYLLOME_NS, "disk");
        assertEquals(2, managed.getLength(), "the ISO is not the platform's to delete");
        assertEquals(DISKS + "web1-0.qcow2", ((Element) managed.item(0)).getAttribute("path"));
        assertEquals(DISKS + "web1-1.qcow2", ((Element) managed.item(1)).getAttribute("path"));
    }

    @Test
    void memoryIsWrittenInKiB() {
        Element domain = Fixtures.parse(emulatedKernel()).getDocumentElement();
        assertEquals("KiB", only(domain, "memory").getAttribute("unit"));
        assertEquals(Long.toString(512 * 1024), only(domain, "memory").getTextContent());
        assertEquals(Long.toString(512 * 1024), only(domain, "currentMemory").getTextContent());
        assertEquals("1", only(domain, "vcpu").getTextContent());
    }

    // --- names and command lines that need escaping -------------------------------------------

    /** A name the validator would refuse, but the XML writer must still escape. */
    static final String NASTY_NAME = "R&D \"lab\" <b>'s</b> vm";
    static final String NASTY_CMDLINE = "console=ttyS0 init=/bin/sh -c 'echo a && echo b > /dev/kmsg' x=\"<y>\"";
    static final String NASTY_ISO = "/srv/iso/R&D \"<x>\" 'y'.iso";

    static String nasty() {
        HostCapabilities host = Fixtures.kvmHost();
        VmSpec spec = VmSpec.builder("linux", NASTY_NAME).memory(ByteSize.ofGiB(1)).cpus(1).disk(DiskSpec.of(ByteSize.ofGiB(2)))
                .installMedia(Path.of(NASTY_ISO)).directBoot(new DirectBoot(Path.of(KERNEL), null, NASTY_CMDLINE)).build();
        DomainDefinition definition = Fixtures.linux(spec, host, Fixtures.encryptedVolume("R&D-0.qcow2", ByteSize.ofGiB(2)));
        return DomainMapper.map(definition, true, "x86_64", "lab & <test>", Path.of("/var/lib/phyllome/logs/" + NASTY_NAME + ".log")).render();
    }

    @Test
    void theDomainNameIsEscaped() {
        String xml = nasty();
        assertTrue(xml.contains("<name>R&amp;D \"lab\" &lt;b&gt;'s&lt;/b&gt; vm</name>"), xml);
        assertEquals(NASTY_NAME, only(Fixtures.parse(xml).getDocumentElement(), "name").getTextContent());
    }

    @Test
    void theKernelCommandLineIsEscaped() {
        String xml = nasty();
        assertTrue(xml.contains("<cmdline>console=ttyS0 init=/bin/sh -c 'echo a &amp;&amp; echo b &gt; /dev/kmsg' x=\"&lt;y&gt;\"</cmdline>"), xml);
        assertEquals(NASTY_CMDLINE, only(only(Fixtures.parse(xml).getDocumentElement(), "os"), "cmdline").getTextContent());
    }

    @Test
    void pathsAndNetworkNamesInAttributesAreEscaped() {
        Document doc = Fixtures.parse(nasty());
        List<Element> disks = elements(doc, "disk");
        assertEquals(DISKS + "R&D-0.qcow2", only(disks.get(0), "source").getAttribute("file"));
        assertEquals(NASTY_ISO, only(disks.get(1), "source").getAttribute("file"));
        assertEquals("lab & <test>", only(elements(doc, "interface").get(0), "source").getAttribute("network"));
        assertEquals("/var/lib/phyllome/logs/" + NASTY_NAME + ".log", only(elements(doc, "serial").get(0), "source").getAttribute("path"));
        assertEquals(DISKS + "R&D-0.qcow2", ((Element) doc.getElementsByTagNameNS(MetadataXml.PHYLLOME_NS, "disk").item(0)).getAttribute("path"));
    }

    @Test
    void escapedXmlIsStillValidAndReadsBack() {
        String xml = nasty();
        Fixtures.assertValidDomain(xml, tmp);
        Domain domain = DomainReader.read(xml, VmState.SHUT_OFF);
        assertEquals(NASTY_NAME, domain.name());
        assertEquals(DISKS + "R&D-0.qcow2", domain.disks().get(0).source());
        assertTrue(domain.disks().get(0).managed());
        assertEquals(NASTY_ISO, domain.disks().get(1).source());
        assertFalse(domain.disks().get(1).managed());
    }

    // --- helpers ------------------------------------------------------------------------------

    /** The one direct child of {@code parent} named {@code name}. */
    static Element only(Element parent, String name) {
        List<Element> found = Fixtures.children(parent, name);
        assertTrue(found.size() <= 1, () -> "more than one <" + name + "> in <" + parent.getTagName() + ">");
        assertTrue(!found.isEmpty(), () -> "no <" + name + "> in <" + parent.getTagName() + ">");
        return found.get(0);
    }

    /** The elements named {@code name} directly under {@code <devices>}. */
    static List<Element> elements(Document doc, String name) {
        return Fixtures.children(only(doc.getDocumentElement(), "devices"), name);
    }
}
