package io.phyllome.host.libvirt.internal.domain;

import static io.phyllome.host.libvirt.internal.domain.Fixtures.DISKS;
import static io.phyllome.host.libvirt.internal.domain.Fixtures.SECRET_UUID;
import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.elements;
import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.phyllome.host.device.Finding;
import io.phyllome.host.device.HyperVFeature;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.ProfileException;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.profiles.windows.Windows10Profile;
import io.phyllome.profiles.windows.Windows11Profile;
import io.phyllome.profiles.windows.WindowsConfig;
import io.phyllome.profiles.windows.WindowsServer2022Profile;
import io.phyllome.profiles.windows.WindowsServer2025Profile;

/**
 * The four Windows profiles' domain XML, end to end from profile to text, on a KVM host and on an
 * emulation-only host, with and without the virtio-win driver image: compared with golden files,
 * validated against libvirt's schema, and the profiles' promises asserted one by one.
 * Regenerate the goldens with {@code -Dgolden.update=true} and review them by eye.
 *
 * <p>The virtio-win image is a real (empty) temporary file, because the profiles look for it on
 * disk. Its temporary path is written as {@link WindowsConfig#DEFAULT_VIRTIO_WIN} in the golden
 * files so that they do not change from run to run; the schema check sees the XML as rendered.
 */
class WindowsDomainGoldenTest extends DomainGoldenTest {

    static final String ISO = "/var/lib/phyllome/media/Win11_24H2_EnglishInternational_x64.iso";

    /** The four releases, by the component class that registers each one. */
    enum Release {
        WINDOWS_11("windows-11", "http://microsoft.com/win/11", true, Windows11Profile::new),
        WINDOWS_10("windows-10", "http://microsoft.com/win/10", false, Windows10Profile::new),
        SERVER_2022("windows-server-2022", "http://microsoft.com/win/2k22", false, WindowsServer2022Profile::new),
        SERVER_2025("windows-server-2025", "http://microsoft.com/win/2k25", true, WindowsServer2025Profile::new);

        final String id;
        final String osinfo;
        final boolean tpmRequired;
        final Function<WindowsConfig, GuestProfile> component;

        Release(String id, String osinfo, boolean tpmRequired, Function<WindowsConfig, GuestProfile> component) {
            this.id = id;
            this.osinfo = osinfo;
            this.tpmRequired = tpmRequired;
            this.component = component;
        }

        /** The profile as SCR would activate it, with {@code virtioWinIso} configured. */
        GuestProfile profile(Path virtioWinIso) {
            return component.apply(config(virtioWinIso.toString()));
        }
    }

    /** The hosts of the golden variants. */
    enum Host {
        KVM, EMULATED;

        HostCapabilities capabilities() {
            return this == KVM ? Fixtures.kvmHost() : Fixtures.emulatedWindowsHost();
        }
    }

    /** Shared by all tests (the profiles only check that it is readable); its path is normalised in the goldens. */
    @TempDir
    static Path media;
    static Path virtioWin;
    static Path missingVirtioWin;

    @BeforeAll
    static void driverMedia() throws IOException {
        virtioWin = Files.write(media.resolve("virtio-win-0.1.262.iso"), new byte[2048]);
        missingVirtioWin = media.resolve("not-here").resolve("virtio-win.iso");
    }

    /** The configuration SCR would inject: the annotation interface implemented as DS does. */
    static WindowsConfig config(String virtioWinIso) {
        return Converters.standardConverter().convert(Map.of("virtioWinIso", virtioWinIso)).to(WindowsConfig.class);
    }

    // --- building and rendering ------------------------------------------------------------------

    /** A spec with the release's recommended resources and an encrypted system disk. */
    static VmSpec.Builder spec(Release release, String name) {
        Resources recommended = release.profile(virtioWin).descriptor().recommended();
        return VmSpec.builder(release.id, name).memory(recommended.memory()).cpus(recommended.cpus()).disk(DiskSpec.of(recommended.disk()));
    }

    static DomainDefinition define(Release release, Path driverIso, VmSpec spec, HostCapabilities host) {
        List<Volume> volumes = new ArrayList<>();
        for (int i = 0; i < spec.disks().size(); i++) {
            DiskSpec disk = spec.disks().get(i);
            String file = spec.name() + "-" + i + ".qcow2";
            volumes.add(disk.encrypted() ? Fixtures.encryptedVolume(file, disk.size()) : Fixtures.plainVolume(file, disk.size()));
        }
        return Fixtures.define(release.profile(driverIso), spec, host, volumes.toArray(Volume[]::new));
    }

    /** Rendered as LibvirtHypervisor does: KVM hosts on libvirt's default network, emulated ones on user-mode networking. */
    static String render(DomainDefinition definition, HostCapabilities host) {
        return DomainMapper.map(definition, host.kvmUsable(), host.arch(), host.kvmUsable() ? "default" : null,
                Path.of("/var/lib/phyllome/logs/" + definition.spec().name() + ".serial.log")).render();
    }

    static String render(Release release, Path driverIso, VmSpec spec, HostCapabilities host) {
        return render(define(release, driverIso, spec, host), host);
    }

    /**
     * Per release: KVM with virtio-win (windows-11 installs from an ISO, Server 2022 has a plain
     * data disk too), emulated with virtio-win, and KVM without virtio-win (SATA + e1000e).
     */
    static GoldenVariant variant(Release release, String kind) {
        String vm = release.id.replace("windows-server-", "srv").replace("windows-", "win");
        String name = release.id + "-" + kind + (kind.equals("kvm") && release == Release.WINDOWS_11 ? "-iso" : "");
        String xml = switch (kind) {
            case "kvm" -> {
                VmSpec.Builder spec = spec(release, vm);
                if (release == Release.WINDOWS_11) {
                    spec.installMedia(Path.of(ISO));
                }
                if (release == Release.SERVER_2022) {
                    spec.disk(new DiskSpec(ByteSize.ofGiB(100), false));
                }
                yield render(release, virtioWin, spec.build(), Fixtures.kvmHost());
            }
            case "emulated" -> render(release, virtioWin, spec(release, vm).build(), Fixtures.emulatedWindowsHost());
            case "no-virtio-win" -> render(release, missingVirtioWin, spec(release, vm).build(), Fixtures.kvmHost());
            default -> throw new IllegalArgumentException(kind);
        };
        // the temporary virtio-win path as it is on a host with the virtio-win package
        return new GoldenVariant(name, xml, virtioWin.toString(), WindowsConfig.DEFAULT_VIRTIO_WIN);
    }

    @Override
    Stream<GoldenVariant> variants() {
        return Stream.of(Release.values())
                .flatMap(r -> Stream.of("kvm", "emulated", "no-virtio-win").map(kind -> variant(r, kind)));
    }

    // --- golden files and libvirt's schema ---------------------------------------------------------

    @Test
    void extraVariantsAreValidLibvirtXmlToo() {
        for (Release release : Release.values()) {
            // the option that adds a TPM, the emulated host without drivers, and an ISO on SATA disks
            Fixtures.assertValidDomain(render(release, virtioWin, spec(release, "t").option("tpm", "on").build(), Fixtures.kvmHost()), tmp);
            Fixtures.assertValidDomain(render(release, missingVirtioWin, spec(release, "e").installMedia(Path.of(ISO)).build(),
                    Fixtures.emulatedWindowsHost()), tmp);
        }
    }

    @Test
    void theComponentsRegisterTheFourReleases() {
        for (Release release : Release.values()) {
            ProfileDescriptor descriptor = release.profile(virtioWin).descriptor();
            assertEquals(release.id, descriptor.id());
            assertEquals(List.of(release.osinfo), descriptor.osinfoIds());
            Document doc = Fixtures.parse(variant(release, "kvm").xml());
            assertEquals(release.osinfo, ((Element) doc.getElementsByTagNameNS(MetadataXml.LIBOSINFO_NS, "os").item(0)).getAttribute("id"));
            assertEquals(release.id, ((Element) doc.getElementsByTagNameNS(MetadataXml.PHYLLOME_NS, "profile").item(0)).getAttribute("id"));
        }
    }

    // --- Hyper-V only on KVM -----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Release.class)
    void onKvmAllHyperVEnlightenmentsAndTheHypervClock(Release release) {
        Element domain = Fixtures.parse(variant(release, "kvm").xml()).getDocumentElement();
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
        DomainDefinition definition = define(release, virtioWin, spec(release, "emu").build(), Fixtures.emulatedWindowsHost());
        Element domain = Fixtures.parse(render(definition, Fixtures.emulatedWindowsHost())).getDocumentElement();
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
        DomainDefinition kvmDevices = define(Release.WINDOWS_11, virtioWin, spec(Release.WINDOWS_11, "moved").build(), Fixtures.kvmHost());
        assertFalse(kvmDevices.devices().hyperV().isEmpty());
        Element domain = Fixtures.parse(DomainMapper.map(kvmDevices, false, "x86_64", null, Path.of("/tmp/moved.log")).render())
                .getDocumentElement();
        assertEquals(0, domain.getElementsByTagName("hyperv").getLength());
        assertTrue(timers(domain).stream().noneMatch(t -> t.getAttribute("name").equals("hypervclock")));
    }

    // --- TPM 2.0 -----------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Release.class)
    void aCrbTpm2ForWindows11And2025OnlyUnlessTpmOn(Release release) {
        for (Host host : Host.values()) {
            Document doc = Fixtures.parse(render(release, virtioWin, spec(release, "t").build(), host.capabilities()));
            assertEquals(release.tpmRequired, !elements(doc, "tpm").isEmpty(), release.id + " on " + host);
            if (release.tpmRequired) {
                assertCrbTpm2(doc);
            }
            Document withOption = Fixtures.parse(render(release, virtioWin, spec(release, "t").option("tpm", "on").build(), host.capabilities()));
            assertCrbTpm2(withOption);
        }
    }

    @Test
    void theTpmOptionOnlyAddsNeverRemoves() {
        Document off = Fixtures.parse(render(Release.WINDOWS_11, virtioWin, spec(Release.WINDOWS_11, "t").option("tpm", "off").build(),
                Fixtures.kvmHost()));
        assertCrbTpm2(off);
        Document doc = Fixtures.parse(render(Release.WINDOWS_10, virtioWin, spec(Release.WINDOWS_10, "t").option("tpm", "off").build(),
                Fixtures.kvmHost()));
        assertTrue(elements(doc, "tpm").isEmpty(), "tpm=off adds no TPM");
    }

    @Test
    void aTpmOptionOtherThanOnOrOffIsRefusedNotIgnored() {
        for (String value : List.of("yes", "ON", "")) {
            ProfileException e = assertThrows(ProfileException.class, () -> render(Release.WINDOWS_10, virtioWin,
                    spec(Release.WINDOWS_10, "t").option("tpm", value).build(), Fixtures.kvmHost()));
            assertTrue(e.getMessage().contains("tpm=on or tpm=off"), e.getMessage());
        }
    }

    static void assertCrbTpm2(Document doc) {
        List<Element> tpms = elements(doc, "tpm");
        assertEquals(1, tpms.size());
        assertEquals("tpm-crb", tpms.get(0).getAttribute("model"));
        Element backend = only(tpms.get(0), "backend");
        assertEquals("emulator", backend.getAttribute("type"));
        assertEquals("2.0", backend.getAttribute("version"));
    }

    // --- firmware, SMM, clock ----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void secureBootWithEnrolledKeysAndSmmOnQ35(GoldenVariant variant) {
        Element domain = Fixtures.parse(variant.xml()).getDocumentElement();
        Element os = only(domain, "os");
        assertEquals("efi", os.getAttribute("firmware"));
        assertEquals("q35", only(os, "type").getAttribute("machine"));
        Map<String, String> features = new java.util.TreeMap<>();
        for (Element f : children(only(os, "firmware"))) {
            features.put(f.getAttribute("name"), f.getAttribute("enabled"));
        }
        assertEquals(Map.of("secure-boot", "yes", "enrolled-keys", "yes"), features);
        assertEquals("on", only(only(domain, "features"), "smm").getAttribute("state"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void windowsClockAndTimers(GoldenVariant variant) {
        Element domain = Fixtures.parse(variant.xml()).getDocumentElement();
        assertEquals("localtime", only(domain, "clock").getAttribute("offset"));
        assertEquals("catchup", timer(domain, "rtc").getAttribute("tickpolicy"));
        assertEquals("delay", timer(domain, "pit").getAttribute("tickpolicy"));
        assertEquals("no", timer(domain, "hpet").getAttribute("present"));
    }

    // --- virtio with virtio-win, SATA and e1000e without ---------------------------------------------

    @ParameterizedTest
    @EnumSource(Release.class)
    void withVirtioWinVirtioDiskAndNicAndTheDriversAsAReadOnlyCdrom(Release release) {
        for (Host host : Host.values()) {
            DomainDefinition definition = define(release, virtioWin, spec(release, "v").build(), host.capabilities());
            Document doc = Fixtures.parse(render(definition, host.capabilities()));
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
            assertEquals(virtioWin.toString(), only(drivers, "source").getAttribute("file"));
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
            DomainDefinition definition = define(release, missingVirtioWin, spec(release, "s").build(), host.capabilities());
            Document doc = Fixtures.parse(render(definition, host.capabilities()));
            List<Element> disks = elements(doc, "disk");
            assertEquals(1, disks.size(), "no driver CD-ROM when there are no drivers");
            assertEquals("sata", only(disks.get(0), "target").getAttribute("bus"));
            assertEquals("sda", only(disks.get(0), "target").getAttribute("dev"));
            assertEquals(SECRET_UUID, disks.get(0).getElementsByTagName("secret").item(0).getAttributes().getNamedItem("uuid").getNodeValue());
            assertEquals("e1000e", only(elements(doc, "interface").get(0), "model").getAttribute("type"));
            List<Finding> warnings = definition.devices().findings().stream().filter(f -> f.severity() == Finding.Severity.WARNING).toList();
            assertEquals(1, warnings.size(), definition.devices().findings()::toString);
            assertTrue(warnings.get(0).message().contains(missingVirtioWin.toString()), warnings.get(0).message());
            assertTrue(warnings.get(0).message().contains(WindowsConfig.PID), warnings.get(0).message());
        }
    }

    @Test
    void anIsoBootsFirstAndTheDriversFollowItOnSata() {
        Document doc = Fixtures.parse(variant(Release.WINDOWS_11, "kvm").xml());
        List<Element> disks = elements(doc, "disk");
        assertEquals(3, disks.size());
        assertEquals(DISKS + "win11-0.qcow2", only(disks.get(0), "source").getAttribute("file"));
        assertEquals("2", only(disks.get(0), "boot").getAttribute("order"));
        assertEquals(ISO, only(disks.get(1), "source").getAttribute("file"));
        assertEquals("sda", only(disks.get(1), "target").getAttribute("dev"));
        assertEquals("1", only(disks.get(1), "boot").getAttribute("order"));
        assertEquals(virtioWin.toString(), only(disks.get(2), "source").getAttribute("file"));
        assertEquals("sdb", only(disks.get(2), "target").getAttribute("dev"));
        assertEquals(0, disks.get(2).getElementsByTagName("boot").getLength());
    }

    @Test
    void withoutDriversTheIsoAndTheSystemDiskShareTheSataBus() {
        Document doc = Fixtures.parse(render(Release.WINDOWS_11, missingVirtioWin, spec(Release.WINDOWS_11, "w").installMedia(Path.of(ISO)).build(),
                Fixtures.kvmHost()));
        List<Element> disks = elements(doc, "disk");
        assertEquals(2, disks.size());
        assertEquals("sda", only(disks.get(0), "target").getAttribute("dev"));
        assertEquals("sdb", only(disks.get(1), "target").getAttribute("dev"));
        assertEquals(ISO, only(disks.get(1), "source").getAttribute("file"));
    }

    @Test
    void theWindowsDeviceSet() {
        Document doc = Fixtures.parse(variant(Release.WINDOWS_10, "kvm").xml());
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
        for (String setting : List.of("", media.toString())) {
            DomainDefinition definition = Fixtures.define(Release.WINDOWS_11.component.apply(config(setting)),
                    spec(Release.WINDOWS_11, "d").build(), Fixtures.kvmHost());
            assertTrue(definition.devices().media().isEmpty(), "'" + setting + "' attached as " + definition.devices().media());
            assertEquals(io.phyllome.host.device.DiskBus.SATA, definition.devices().diskBus(), "'" + setting + "'");
        }
    }

    // --- hosts that cannot run Windows ---------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Release.class)
    void noSecureBootFirmwareNamesOvmf(Release release) {
        for (Host host : Host.values()) {
            HostCapabilities plainUefi = Fixtures.firmware(host.capabilities(), false, true);
            ProfileException e = assertThrows(ProfileException.class, () -> define(release, virtioWin, spec(release, "x").build(), plainUefi));
            assertTrue(e.getMessage().contains("ovmf"), e.getMessage());
            assertTrue(e.getMessage().contains(release.id), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Release.class)
    void noTpmEmulatorNamesSwtpmWhereATpmIsNeeded(Release release) {
        for (Host host : Host.values()) {
            HostCapabilities noSwtpm = Fixtures.firmware(host.capabilities(), true, false);
            if (release.tpmRequired) {
                ProfileException e = assertThrows(ProfileException.class, () -> define(release, virtioWin, spec(release, "x").build(), noSwtpm));
                assertTrue(e.getMessage().contains("swtpm"), e.getMessage());
            } else {
                Document doc = Fixtures.parse(render(release, virtioWin, spec(release, "x").build(), noSwtpm));
                assertTrue(elements(doc, "tpm").isEmpty());
                ProfileException e = assertThrows(ProfileException.class,
                        () -> define(release, virtioWin, spec(release, "x").option("tpm", "on").build(), noSwtpm));
                assertTrue(e.getMessage().contains("swtpm"), e.getMessage());
            }
        }
    }

    // --- helpers -----------------------------------------------------------------------------------

    static List<Element> children(Element parent) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                found.add(e);
            }
        }
        return found;
    }

    static List<Element> timers(Element domain) {
        return children(only(domain, "clock")).stream().filter(e -> e.getTagName().equals("timer")).toList();
    }

    static Element timer(Element domain, String name) {
        List<Element> found = timers(domain).stream().filter(t -> t.getAttribute("name").equals(name)).toList();
        assertEquals(1, found.size(), "timer " + name);
        return found.get(0);
    }
}
