package io.phyllome.host.libvirt.internal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.libvirt.schema.DomainSchema;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.profiles.linux.LinuxProfile;

/** Fake hosts, volumes and the checks shared by the domain XML tests. */
final class Fixtures {

    /** A fixed, fake secret id: the golden files must not change from run to run. */
    static final String SECRET_UUID = "3d5e7f10-2b4c-4d6e-8f90-a1b2c3d4e5f6";
    static final String DISKS = "/var/lib/phyllome/disks/";

    /** Regenerate the golden files from the current output: {@code -Dgolden.update=true}. */
    static final boolean UPDATE_GOLDEN = Boolean.getBoolean("golden.update");

    private Fixtures() {
    }

    static HostCapabilities kvmHost() {
        return new HostCapabilities("qemu:///system", "libvirt 9.0.0, QEMU 7.2.0", "x86_64", true, "",
                List.of("pc-i440fx-7.2", "pc-q35-7.2", "q35"), true, true, true, ByteSize.ofGiB(64), 16, Set.of(), "");
    }

    static HostCapabilities emulatedHost() {
        return new HostCapabilities("qemu:///embed?root=/var/lib/phyllome/libvirt", "libvirt 9.0.0, QEMU 7.2.0", "x86_64", false,
                "the CPU advertises neither vmx nor svm", List.of("pc-q35-7.2", "q35"), true, false, false, ByteSize.ofGiB(8), 4, Set.of(), "");
    }

    /**
     * An emulation-only host like the build machines: no usable KVM, but OVMF with Secure Boot and
     * swtpm installed, so Windows profiles can run on it.
     */
    static HostCapabilities emulatedWindowsHost() {
        return firmware(emulatedHost(), true, true);
    }

    /** {@code host} with other firmware and TPM emulation: {@code secureBoot} (OVMF .ms/.secboot) and swtpm. */
    static HostCapabilities firmware(HostCapabilities host, boolean secureBoot, boolean tpmEmulator) {
        return new HostCapabilities(host.connection(), host.version(), host.arch(), host.kvmUsable(), host.kvmProblem(),
                host.machines(), host.uefi(), secureBoot, tpmEmulator, host.memory(), host.cpus(), Set.of(), "");
    }

    static Volume encryptedVolume(String name, ByteSize size) {
        return new Volume("phyllome", name, DISKS + name, size, new ByteSize(196_608), SECRET_UUID);
    }

    static Volume plainVolume(String name, ByteSize size) {
        return new Volume("phyllome", name, DISKS + name, size, new ByteSize(196_608), "");
    }

    /** A volume per disk of {@code spec}, named {@code NAME-INDEX.qcow2}: encrypted or plain as the disk asks. */
    static Volume[] volumes(VmSpec spec) {
        List<Volume> volumes = new ArrayList<>();
        for (int i = 0; i < spec.disks().size(); i++) {
            DiskSpec disk = spec.disks().get(i);
            String file = spec.name() + "-" + i + ".qcow2";
            volumes.add(disk.encrypted() ? encryptedVolume(file, disk.size()) : plainVolume(file, disk.size()));
        }
        return volumes.toArray(Volume[]::new);
    }

    /** What VmService hands the hypervisor: the spec, the Linux profile's device set for this host, the volumes. */
    static DomainDefinition linux(VmSpec spec, HostCapabilities host, Volume... volumes) {
        return define(new LinuxProfile(), spec, host, volumes);
    }

    /** What VmService hands the hypervisor: the spec, {@code profile}'s device set for this host, the volumes. */
    static DomainDefinition define(GuestProfile profile, VmSpec spec, HostCapabilities host, Volume... volumes) {
        DeviceSetBuilder devices = new DeviceSetBuilder();
        profile.contribute(ProfileContext.of(spec, host, name -> Optional.empty()), devices);
        return new DomainDefinition(spec, profile.descriptor(), devices.build(), List.of(volumes));
    }

    /** Rendered as LibvirtHypervisor does: KVM hosts on libvirt's default network, emulated ones on user-mode networking. */
    static String render(DomainDefinition definition, HostCapabilities host) {
        return DomainMapper.map(definition, host.kvmUsable(), host.arch(), host.kvmUsable() ? "default" : null,
                Path.of("/var/lib/phyllome/logs/" + definition.spec().name() + ".serial.log")).render();
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML (" + e.getMessage() + "):\n" + xml, e);
        }
    }

    /** The child elements of {@code parent}, in document order. */
    static List<Element> children(Element parent) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                found.add(e);
            }
        }
        return found;
    }

    /** The child elements of {@code parent} named {@code tag}, in document order. */
    static List<Element> children(Element parent, String tag) {
        return children(parent).stream().filter(e -> e.getTagName().equals(tag)).toList();
    }

    /** Validates domain XML against libvirt's own schema ({@link DomainSchema}); fails with the tool's output when it rejects it. */
    static void assertValidDomain(String xml, Path tempDir) {
        DomainSchema.assertValid(xml, tempDir);
    }

    /**
     * Compares {@code actual} with {@code src/test/resources/golden/NAME.xml}; with
     * {@code -Dgolden.update=true} it (re)writes the golden file instead. Review every change of a
     * golden file by eye before committing it.
     */
    static void assertGolden(String name, String actual) {
        String resource = "/golden/" + name + ".xml";
        if (UPDATE_GOLDEN) {
            Path file = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "golden", name + ".xml");
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError("cannot write golden file " + file, e);
            }
            System.out.println("golden file written: " + file);
            return;
        }
        String expected;
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                fail("no golden file " + resource + ": review the rendered XML below, then write it with -Dgolden.update=true\n" + actual);
                return;
            }
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + resource, e);
        }
        assertEquals(expected, actual, "rendered domain XML differs from " + resource
                + " (if the change is intended, review it and regenerate with -Dgolden.update=true)");
    }
}
