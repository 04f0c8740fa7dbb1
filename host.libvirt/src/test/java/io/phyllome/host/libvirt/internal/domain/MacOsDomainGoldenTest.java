package io.phyllome.host.libvirt.internal.domain;

import static io.phyllome.host.libvirt.internal.domain.Fixtures.DISKS;
import static io.phyllome.host.libvirt.internal.domain.Fixtures.SECRET_UUID;
import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.elements;
import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.only;
import static io.phyllome.host.libvirt.internal.domain.WindowsDomainGoldenTest.children;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.osgi.util.converter.Converters;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.profiles.macos.MacOsConfig;
import io.phyllome.profiles.macos.MacOsSequoiaProfile;
import io.phyllome.profiles.macos.MacOsSonomaProfile;
import io.phyllome.profiles.macos.MacOsTahoeProfile;
import io.phyllome.profiles.macos.MacOsVenturaProfile;

/**
 * The four macOS profiles' domain XML, end to end from profile to text, on a KVM host and on an
 * emulation-only host: compared with golden files, validated against libvirt's schema (which
 * knows {@code <qemu:commandline>}), and the device set asserted one promise at a time.
 * Regenerate the goldens with {@code -Dgolden.update=true} and review them by eye.
 *
 * <p>The OpenCore and recovery images are real temporary files, because the profiles read their
 * format; their directory is written as {@value #IMAGES} in the golden files. The Apple SMC key is
 * a stand-in: the real one is not shipped, not even in tests.
 */
class MacOsDomainGoldenTest extends DomainGoldenTest {

    static final String IMAGES = "/srv/macos";
    /** 64 characters, and not the key macOS checks for. */
    static final String STAND_IN_KEY = "phyllome-stand-in-key-for-tests-only-never-what-macos-checks-000";

    /** What a KVM host with a Haswell-or-later Intel CPU offers guests (abridged). */
    static final Set<String> HOST_CPU = Set.of("sse4.1", "sse4.2", "avx", "avx2", "fma", "aes", "movbe", "invtsc");
    /** What QEMU 7.2's TCG provides whatever the host CPU (abridged): AVX2, but no invariant TSC. */
    static final Set<String> TCG_CPU = Set.of("sse4.1", "sse4.2", "avx", "avx2", "fma", "aes", "movbe");

    /** The four releases, by the component class that registers each one. */
    enum Release {
        VENTURA("macos-ventura", "macOS 13 Ventura", MacOsVenturaProfile::new),
        SONOMA("macos-sonoma", "macOS 14 Sonoma", MacOsSonomaProfile::new),
        SEQUOIA("macos-sequoia", "macOS 15 Sequoia", MacOsSequoiaProfile::new),
        TAHOE("macos-tahoe", "macOS 26 Tahoe", MacOsTahoeProfile::new);

        final String id;
        final String name;
        final Function<MacOsConfig, GuestProfile> component;

        Release(String id, String name, Function<MacOsConfig, GuestProfile> component) {
            this.id = id;
            this.name = name;
            this.component = component;
        }

        /** The profile as SCR would activate it, with {@code osk} configured. */
        GuestProfile profile(String osk) {
            return component.apply(config(osk));
        }

        /** The VM's name in the golden files, e.g. {@code sonoma}. */
        String vm() {
            return id.substring("macos-".length());
        }
    }

    /** The hosts of the golden variants. */
    enum Host {
        KVM, EMULATED;

        HostCapabilities capabilities() {
            return this == KVM ? withCpu(Fixtures.kvmHost(), HOST_CPU) : withCpu(Fixtures.emulatedHost(), TCG_CPU);
        }
    }

    @TempDir
    static Path images;
    static Path opencore;
    static Path recovery;

    @BeforeAll
    static void userImages() throws IOException {
        byte[] qcow2 = new byte[1024];
        System.arraycopy(new byte[] { 'Q', 'F', 'I', (byte) 0xfb }, 0, qcow2, 0, 4);
        opencore = Files.write(images.resolve("OpenCore.qcow2"), qcow2);
        recovery = Files.write(images.resolve("RecoveryImage.img"), new byte[4096]);
    }

    static HostCapabilities withCpu(HostCapabilities host, Set<String> features) {
        return new HostCapabilities(host.connection(), host.version(), host.arch(), host.kvmUsable(), host.kvmProblem(), host.machines(),
                host.uefi(), host.secureBoot(), host.tpmEmulator(), host.memory(), host.cpus(), features, "");
    }

    static MacOsConfig config(String osk) {
        return Converters.standardConverter().convert(Map.of("osk", osk)).to(MacOsConfig.class);
    }

    // --- building and rendering ------------------------------------------------------------------

    /** A spec with the release's recommended resources, an encrypted system disk and the user's images. */
    static VmSpec.Builder spec(Release release, String name) {
        Resources recommended = release.profile(STAND_IN_KEY).descriptor().recommended();
        return VmSpec.builder(release.id, name).memory(recommended.memory()).cpus(recommended.cpus()).disk(DiskSpec.of(recommended.disk()))
                .option("opencore", opencore.toString()).option("recovery", recovery.toString());
    }

    /** What VmService hands the hypervisor, with an empty media library. */
    static DomainDefinition define(Release release, VmSpec spec, HostCapabilities host) {
        List<io.phyllome.host.storage.Volume> volumes = new ArrayList<>();
        for (int i = 0; i < spec.disks().size(); i++) {
            volumes.add(Fixtures.encryptedVolume(spec.name() + "-" + i + ".qcow2", spec.disks().get(i).size()));
        }
        return Fixtures.define(release.profile(STAND_IN_KEY), spec, host, volumes.toArray(io.phyllome.host.storage.Volume[]::new));
    }

    static String render(DomainDefinition definition, HostCapabilities host) {
        return WindowsDomainGoldenTest.render(definition, host);
    }

    static String render(Release release, VmSpec spec, HostCapabilities host) {
        return render(define(release, spec, host), host);
    }

    static GoldenVariant variant(Release release, Host host) {
        return new GoldenVariant(release.id + "-" + host.name().toLowerCase(java.util.Locale.ROOT),
                render(release, spec(release, release.vm()).build(), host.capabilities()), images.toString(), IMAGES);
    }

    @Override
    Stream<GoldenVariant> variants() {
        return Stream.of(Release.values()).flatMap(r -> Stream.of(Host.values()).map(h -> variant(r, h)));
    }

    static Document doc(Release release, Host host) {
        return Fixtures.parse(variant(release, host).xml());
    }

    // --- golden files and libvirt's schema ---------------------------------------------------------

    @Test
    void theOptionsAndAnInstallIsoAreValidLibvirtXmlToo() {
        for (Host host : Host.values()) {
            Fixtures.assertValidDomain(render(Release.SONOMA, spec(Release.SONOMA, "o").option("nic", "vmxnet3").option("video", "vga")
                    .installMedia(Path.of("/srv/iso/extra.iso")).build(), host.capabilities()), tmp);
        }
    }

    @Test
    void theSchemaCheckRejectsAMisspelledQemuNamespace() {
        String xml = variant(Release.SONOMA, Host.KVM).xml().replace("<qemu:arg ", "<qemu:argument ");
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> Fixtures.assertValidDomain(xml, tmp));
    }

    @ParameterizedTest
    @EnumSource(Release.class)
    void theComponentsRegisterTheFourReleases(Release release) {
        assertEquals(release.id, release.profile("").descriptor().id());
        assertEquals(release.name, release.profile("").descriptor().displayName());
        Document doc = doc(release, Host.KVM);
        assertEquals(release.id, ((Element) doc.getElementsByTagNameNS(MetadataXml.PHYLLOME_NS, "profile").item(0)).getAttribute("id"));
        assertEquals(0, doc.getElementsByTagNameNS(MetadataXml.LIBOSINFO_NS, "os").getLength(), "libosinfo has no id for it");
    }

    // --- the CPU -------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Host.class)
    void aHaswellThatSaysGenuineIntelWithAvx2AndSse42OnOneSocket(Host host) {
        Element cpu = only(doc(Release.SONOMA, host).getDocumentElement(), "cpu");
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
        Element domain = doc(Release.SEQUOIA, Host.KVM).getDocumentElement();
        assertEquals("kvm", domain.getAttribute("type"));
        Element cpu = only(domain, "cpu");
        assertEquals("partial", cpu.getAttribute("check"));
        assertEquals("require", features(cpu).get("invtsc"));
    }

    @Test
    void emulatedNoInvariantTscAndQemuLeavesOutWhatTcgLacks() {
        Element domain = doc(Release.SEQUOIA, Host.EMULATED).getDocumentElement();
        assertEquals("qemu", domain.getAttribute("type"));
        Element cpu = only(domain, "cpu");
        assertEquals("none", cpu.getAttribute("check"));
        assertFalse(features(cpu).containsKey("invtsc"), "libvirt refuses to start a TCG guest that requires invtsc");
    }

    // --- isa-applesmc through <qemu:commandline> -----------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void theAppleSmcOnQemusCommandLineInLibvirtsQemuNamespace(GoldenVariant variant) {
        Element domain = Fixtures.parse(variant.xml()).getDocumentElement();
        assertEquals(QemuCommandLineXml.QEMU_NS, domain.getAttribute("xmlns:qemu"));
        NodeList commandlines = domain.getElementsByTagNameNS(QemuCommandLineXml.QEMU_NS, "commandline");
        assertEquals(1, commandlines.getLength());
        Element commandline = (Element) commandlines.item(0);
        assertEquals(domain, commandline.getParentNode());
        assertEquals("devices", ((Element) commandline.getPreviousSibling().getPreviousSibling()).getTagName(), "after <devices>");
        List<String> args = children(commandline).stream().map(a -> a.getAttribute("value")).toList();
        assertEquals(List.of("-device", "isa-applesmc,osk=" + STAND_IN_KEY), args);
    }

    @Test
    void otherProfilesHaveNoQemuNamespaceNorCommandLine() {
        String linux = LinuxDomainGoldenTest.kvmIso();
        assertFalse(linux.contains("xmlns:qemu") || linux.contains("qemu:commandline"), linux);
    }

    // --- disks: OpenCore first, on the ICH9 AHCI controller, unchanged by the guest ------------------

    @ParameterizedTest
    @EnumSource(Host.class)
    void openCoreBootsFirstThenTheSystemDiskTheRecoveryImageOnlyFromOpenCoresMenu(Host host) {
        Document doc = doc(Release.VENTURA, host);
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
        assertEquals(opencore.toString(), only(openCore, "source").getAttribute("file"));
        assertEquals("qcow2", only(openCore, "driver").getAttribute("type"), "read from the file's header");
        assertEquals("sda", only(openCore, "target").getAttribute("dev"), "port 0 of the q35's ICH9 AHCI controller");
        assertEquals("sata", only(openCore, "target").getAttribute("bus"));
        assertEquals("1", only(openCore, "boot").getAttribute("order"));
        assertEquals(1, openCore.getElementsByTagName("transient").getLength(), "the guest's writes are discarded");
        assertEquals(0, openCore.getElementsByTagName("readonly").getLength(), "libvirt has no read-only SATA disks");

        Element recoveryDisk = disks.get(2);
        assertEquals("disk", recoveryDisk.getAttribute("device"));
        assertEquals(recovery.toString(), only(recoveryDisk, "source").getAttribute("file"));
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
        Document doc = Fixtures.parse(render(Release.SONOMA, spec(Release.SONOMA, "i").installMedia(Path.of("/srv/iso/extra.iso")).build(),
                Host.KVM.capabilities()));
        Map<String, String> order = new LinkedHashMap<>();
        for (Element disk : elements(doc, "disk")) {
            List<Element> boot = children(disk).stream().filter(e -> e.getTagName().equals("boot")).toList();
            order.put(only(disk, "source").getAttribute("file"), boot.isEmpty() ? "-" : boot.get(0).getAttribute("order"));
        }
        assertEquals(Map.of(DISKS + "i-0.qcow2", "3", "/srv/iso/extra.iso", "2", opencore.toString(), "1", recovery.toString(), "-"), order);
    }

    @Test
    void vmVirtioLeavesTheBootMediaOnSata() {
        VirtioSwitch.Result result = VirtioSwitch.apply(variant(Release.SONOMA, Host.KVM).xml());
        assertEquals(List.of(), result.changes(), "OpenCore and the recovery image stay where OVMF and OpenCore look for them");
    }

    // --- the rest of the device set ------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void theCommunitysDeviceSet(GoldenVariant variant) {
        Document doc = Fixtures.parse(variant.xml());
        Element domain = doc.getDocumentElement();
        Element os = only(domain, "os");
        assertEquals("efi", os.getAttribute("firmware"));
        assertEquals("q35", only(os, "type").getAttribute("machine"));
        for (Element feature : children(only(os, "firmware"))) {
            assertEquals("no", feature.getAttribute("enabled"), "no Secure Boot: " + feature.getAttribute("name"));
        }
        assertEquals(0, only(domain, "features").getElementsByTagName("smm").getLength());
        assertEquals("utc", only(domain, "clock").getAttribute("offset"));
        assertEquals(0, doc.getElementsByTagName("tpm").getLength(), "no TPM");
        assertEquals(0, doc.getElementsByTagName("hyperv").getLength());
        assertEquals("virtio", only(elements(doc, "interface").get(0), "model").getAttribute("type"));
        assertEquals("vmvga", only(elements(doc, "video").get(0), "model").getAttribute("type"));
        assertEquals("ich9", elements(doc, "sound").get(0).getAttribute("model"));
        assertEquals("qemu-xhci", elements(doc, "controller").get(0).getAttribute("model"));
        assertEquals(List.of("tablet/usb", "keyboard/usb"),
                elements(doc, "input").stream().map(i -> i.getAttribute("type") + "/" + i.getAttribute("bus")).toList());
        assertEquals("127.0.0.1", only(elements(doc, "graphics").get(0), "listen").getAttribute("address"));
    }

    @Test
    void vmxnet3AndVgaAsOptions() {
        Document doc = Fixtures.parse(render(Release.VENTURA, spec(Release.VENTURA, "o").option("nic", "vmxnet3").option("video", "vga").build(),
                Host.KVM.capabilities()));
        assertEquals("vmxnet3", only(elements(doc, "interface").get(0), "model").getAttribute("type"));
        assertEquals("vga", only(elements(doc, "video").get(0), "model").getAttribute("type"));
    }

    // --- helpers -------------------------------------------------------------------------------------

    /** The {@code <feature>}s of a {@code <cpu>}: name to policy. */
    static Map<String, String> features(Element cpu) {
        Map<String, String> features = new LinkedHashMap<>();
        children(cpu).stream().filter(e -> e.getTagName().equals("feature")).forEach(f -> features.put(f.getAttribute("name"), f.getAttribute("policy")));
        return features;
    }
}
