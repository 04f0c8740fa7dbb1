package io.phyllome.host.libvirt.internal.domain;

import static io.phyllome.host.libvirt.internal.domain.Fixtures.DISKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.phyllome.host.device.CpuMode;
import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.libvirt.internal.xml.XmlWriter;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DirectBoot;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.host.vm.VmState;

class DomainReaderTest {

    static final String ISO = LinuxDomainGoldenTest.ISO;

    @Test
    void readsBackWhatTheMapperWrote() {
        Domain domain = DomainReader.read(LinuxDomainGoldenTest.kvmIso(), VmState.SHUT_OFF);

        assertEquals("web1", domain.name());
        assertEquals("", domain.uuid(), "libvirt assigns the uuid");
        assertEquals(VmState.SHUT_OFF, domain.state());
        assertIsWeb1(domain);
    }

    @Test
    void readsTheEmulatedKernelVariant() {
        Domain domain = DomainReader.read(LinuxDomainGoldenTest.emulatedKernel(), VmState.RUNNING);

        assertEquals("tiny", domain.name());
        assertEquals(VmState.RUNNING, domain.state());
        assertEquals("linux", domain.profile());
        assertEquals(ByteSize.ofMiB(512), domain.memory());
        assertEquals(1, domain.cpus());
        assertEquals(List.of(new VmDisk("vda", DISKS + "tiny-0.qcow2", false, true, true)), domain.disks());
        assertEquals("/var/lib/phyllome/logs/tiny.serial.log", DomainReader.serialLog(LinuxDomainGoldenTest.emulatedKernel()));
    }

    @Test
    void readsTheSpecAMoveNeeds() {
        VmSpec spec = DomainReader.spec(LinuxDomainGoldenTest.emulatedKernel());

        assertEquals("linux", spec.profile());
        assertEquals("tiny", spec.name());
        assertEquals(ByteSize.ofMiB(512), spec.memory().orElseThrow());
        assertEquals(1, spec.cpus());
        DirectBoot boot = spec.directBoot().orElseThrow();
        assertEquals(List.of(LinuxDomainGoldenTest.KERNEL, LinuxDomainGoldenTest.INITRD, "console=ttyS0 root=/dev/vda1 rw quiet"),
                List.of(boot.kernel().toString(), String.valueOf(boot.initrd()), boot.cmdline()));
        assertEquals(List.of(), spec.disks(), "disks are volumes, not part of the spec");
    }

    @Test
    void readsBackTheOptionsTheVmWasCreatedWith() {
        String xml = XmlWriter.render(new MetadataXml(null, "macos-sonoma", Map.of("opencore", "/srv/oc.qcow2", "vmxnet3", "on"), List.of())
                .toElement());

        assertEquals(Map.of("opencore", "/srv/oc.qcow2", "vmxnet3", "on"), DomainReader.options("<domain>" + xml + "</domain>"));
    }

    @Test
    void readsWhatTiesAVmToItsHostHostDevicesCpuModeAndBootFiles() {
        String xml = """
                <domain type='kvm'>
                  <name>tied</name><memory unit='KiB'>1048576</memory><vcpu>1</vcpu>
                  <os><type>hvm</type><kernel>/srv/boot/vmlinuz</kernel><initrd>/srv/boot/initrd.img</initrd></os>
                  <cpu mode='host-passthrough' check='none'/>
                  <devices>
                    <hostdev mode='subsystem' type='pci' managed='yes'>
                      <source><address domain='0x0000' bus='0x01' slot='0x00' function='0x1'/></source>
                    </hostdev>
                    <hostdev mode='subsystem' type='usb'>
                      <source><vendor id='0x046d'/><product id='0xc52b'/></source>
                    </hostdev>
                    <interface type='hostdev'><source><address type='pci' domain='0' bus='3' slot='16' function='2'/></source></interface>
                    <interface type='network'><source network='default'/></interface>
                  </devices>
                </domain>""";

        Domain domain = DomainReader.read(xml, VmState.SHUT_OFF);

        assertEquals(List.of("pci 0000:01:00.1", "usb 046d:c52b", "pci 0000:03:10.2"), domain.hostDevices());
        assertEquals(CpuMode.HOST_PASSTHROUGH, domain.cpuMode());
        assertEquals(List.of("/srv/boot/vmlinuz", "/srv/boot/initrd.img"), domain.bootFiles());
    }

    @Test
    void theGoldenVmsHaveNoHostDevicesAndTheirOwnCpuModes() {
        Domain iso = DomainReader.read(LinuxDomainGoldenTest.kvmIso(), VmState.SHUT_OFF);
        Domain kernel = DomainReader.read(LinuxDomainGoldenTest.emulatedKernel(), VmState.SHUT_OFF);

        assertEquals(List.of(), iso.hostDevices());
        assertEquals(List.of(), iso.bootFiles());
        assertEquals(CpuMode.HOST_MODEL, iso.cpuMode());
        assertEquals(CpuMode.MAXIMUM, kernel.cpuMode());
        assertEquals(2, kernel.bootFiles().size(), kernel.bootFiles()::toString);
    }

    /** The golden test's web1, as the mapper wrote it and as libvirt renders it: its profile, resources and disks. */
    private static void assertIsWeb1(Domain domain) {
        assertEquals("linux", domain.profile());
        assertEquals(ByteSize.ofGiB(4), domain.memory());
        assertEquals(2, domain.cpus());
        assertEquals(List.of(
                new VmDisk("vda", DISKS + "web1-0.qcow2", false, true, true),
                new VmDisk("vdb", DISKS + "web1-1.qcow2", false, false, true),
                new VmDisk("sda", ISO, true, false, false)), domain.disks());
    }

    /** What libvirt 9.0 returned for the KVM golden file (virsh dumpxml --inactive): quotes, uuid, addresses, console. */
    @Test
    void readsLibvirtsOwnRenderingOfTheDomain() throws IOException {
        String xml = resource("/libvirt/web1-dumpxml.xml");
        Domain domain = DomainReader.read(xml, VmState.SHUT_OFF);

        assertEquals("web1", domain.name());
        assertEquals("b48ba0e1-7277-48cc-b613-c6e92d526fd3", domain.uuid());
        assertIsWeb1(domain);
        assertEquals("/var/lib/phyllome/logs/web1.serial.log", DomainReader.serialLog(xml));
    }

    @Test
    void aDomainThePlatformDidNotCreateHasNoProfileAndNoManagedDisks() {
        String xml = """
                <domain type='kvm'>
                  <name>foreign</name>
                  <uuid>0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0</uuid>
                  <metadata>
                    <other:thing xmlns:other="https://example.org/other"><other:disk path="/var/lib/libvirt/images/foreign.qcow2"/></other:thing>
                  </metadata>
                  <memory unit='KiB'>1048576</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='q35'>hvm</type></os>
                  <devices>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='qcow2'/>
                      <source file='/var/lib/libvirt/images/foreign.qcow2'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <serial type='pty'><target port='0'/></serial>
                  </devices>
                </domain>
                """;
        Domain domain = DomainReader.read(xml, VmState.SHUT_OFF);

        assertEquals("", domain.profile());
        assertEquals(List.of(new VmDisk("vda", "/var/lib/libvirt/images/foreign.qcow2", false, false, false)), domain.disks());
        assertEquals(ByteSize.ofGiB(1), domain.memory());
        assertEquals("", DomainReader.serialLog(xml), "a pty serial port writes no log file");
    }

    @Test
    void readsBlockAndNetworkDisksAndEncryptionWrittenTheOldWay() {
        String xml = """
                <domain type='kvm'>
                  <name>mixed</name>
                  <metadata>
                    <phyllome:vm xmlns:phyllome="https://phyllo.me/xmlns/host/1.0">
                      <phyllome:profile id="windows-11"/>
                      <phyllome:disk path="/dev/vg0/mixed-0"/>
                    </phyllome:vm>
                  </metadata>
                  <memory unit='KiB'>8388608</memory>
                  <vcpu placement='static'>4</vcpu>
                  <devices>
                    <disk type='block' device='disk'>
                      <driver name='qemu' type='raw'/>
                      <source dev='/dev/vg0/mixed-0'/>
                      <target dev='vda' bus='virtio'/>
                      <encryption format='luks'><secret type='passphrase' uuid='11111111-2222-3333-4444-555555555555'/></encryption>
                    </disk>
                    <disk type='network' device='disk'>
                      <source protocol='rbd' name='pool/mixed-1'/>
                      <target dev='vdb' bus='virtio'/>
                    </disk>
                    <disk type='file' device='cdrom'>
                      <target dev='sda' bus='sata'/>
                      <readonly/>
                    </disk>
                  </devices>
                </domain>
                """;
        Domain domain = DomainReader.read(xml, VmState.PAUSED);

        assertEquals("windows-11", domain.profile());
        assertEquals(ByteSize.ofGiB(8), domain.memory());
        assertEquals(4, domain.cpus());
        assertEquals(List.of(
                new VmDisk("vda", "/dev/vg0/mixed-0", false, true, true),
                new VmDisk("vdb", "pool/mixed-1", false, false, false),
                new VmDisk("sda", "", true, false, false)), domain.disks(), "an empty CD-ROM drive has no source");
    }

    @Test
    void unescapesNamesAndPaths() {
        Domain domain = DomainReader.read(LinuxDomainGoldenTest.nasty(), VmState.SHUT_OFF);
        assertEquals(LinuxDomainGoldenTest.NASTY_NAME, domain.name());
        assertEquals(LinuxDomainGoldenTest.NASTY_ISO, domain.disks().get(1).source());
    }

    @Test
    void malformedXmlIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DomainReader.read("<domain><name>x</domain>", VmState.UNKNOWN));
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
    }

    @Test
    void refusesDocumentTypeDeclarations() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE domain [ <!ENTITY x SYSTEM "file:///etc/hostname"> ]>
                <domain type='kvm'><name>&x;</name><memory>1024</memory><vcpu>1</vcpu></domain>
                """;
        assertThrows(IllegalStateException.class, () -> DomainReader.read(xxe, VmState.UNKNOWN));
    }

    @Test
    void theReusedParserStaysStrictAndReadsOnAfterAFailure() throws IOException {
        String xml = resource("/libvirt/web1-dumpxml.xml");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE domain [ <!ENTITY x SYSTEM "file:///etc/hostname"> ]>
                <domain type='kvm'><name>&x;</name><memory>1024</memory><vcpu>1</vcpu></domain>
                """;
        for (int i = 0; i < 3; i++) {
            assertEquals("web1", DomainReader.read(xml, VmState.SHUT_OFF).name());
            assertThrows(IllegalStateException.class, () -> DomainReader.read(xxe, VmState.UNKNOWN));
            assertThrows(IllegalStateException.class, () -> DomainReader.read("<domain><name>x</domain>", VmState.UNKNOWN));
        }
        assertEquals("web1", DomainReader.read(xml, VmState.SHUT_OFF).name(), "a parser that failed reads the next document");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DomainReaderTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
