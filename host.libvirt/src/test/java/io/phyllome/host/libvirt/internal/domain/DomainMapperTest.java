package io.phyllome.host.libvirt.internal.domain;

import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.elements;
import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.phyllome.host.device.Channel;
import io.phyllome.host.device.ClockOffset;
import io.phyllome.host.device.CpuMode;
import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.device.DiskBus;
import io.phyllome.host.device.Firmware;
import io.phyllome.host.device.HyperVFeature;
import io.phyllome.host.device.InputDevice;
import io.phyllome.host.device.Medium;
import io.phyllome.host.device.NicModel;
import io.phyllome.host.device.SoundModel;
import io.phyllome.host.device.Tpm;
import io.phyllome.host.device.TpmModel;
import io.phyllome.host.device.VideoModel;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmSpec;

/** The mapper's choices for device sets other than Linux's, and every part validated against libvirt's schema. */
class DomainMapperTest {

    static final ProfileDescriptor WINDOWS_LIKE = new ProfileDescriptor("windows-like", "A Windows-like guest", OsFamily.WINDOWS,
            List.of(), new Resources(ByteSize.ofGiB(4), 2, ByteSize.ofGiB(64)), new Resources(ByteSize.ofGiB(8), 4, ByteSize.ofGiB(80)));

    @TempDir
    Path tmp;

    /** Everything a Windows 11 profile would ask for: Secure Boot, SMM, TPM CRB, Hyper-V, SATA disks, e1000e, driver media. */
    static DeviceSetBuilder kitchenSink() {
        return new DeviceSetBuilder().qemuMachine("q35").firmware(Firmware.secureBootUefi()).smm(true).cpu(CpuMode.HOST_PASSTHROUGH)
                .hyperV(EnumSet.allOf(HyperVFeature.class)).clock(ClockOffset.LOCALTIME).diskBus(DiskBus.SATA).cdromBus(DiskBus.SATA)
                .nic(NicModel.E1000E).video(VideoModel.QXL).sound(SoundModel.ICH9).input(InputDevice.USB_TABLET).tpm(Tpm.v2(TpmModel.CRB))
                .channel(Channel.GUEST_AGENT).rng(true).balloon(false)
                .medium(new Medium(Path.of("/usr/share/virtio-win/virtio-win.iso"), DiskBus.SATA, true))
                .medium(new Medium(Path.of("/srv/drivers/floppy.img"), DiskBus.USB, false));
    }

    static String render(DeviceSetBuilder devices, boolean kvm, Consumer<VmSpec.Builder> spec) {
        VmSpec.Builder b = VmSpec.builder("windows-like", "win").memory(ByteSize.ofGiB(8)).cpus(4).disk(DiskSpec.of(ByteSize.ofGiB(80)))
                .installMedia(Path.of("/srv/iso/Win11_23H2.iso"));
        spec.accept(b);
        DomainDefinition definition = new DomainDefinition(b.build(), WINDOWS_LIKE, devices.build(),
                List.of(Fixtures.encryptedVolume("win-0.qcow2", ByteSize.ofGiB(80))));
        return DomainMapper.map(definition, kvm, "x86_64", "default", Path.of("/var/lib/phyllome/logs/win.serial.log")).render();
    }

    @Test
    void aFullWindowsLikeDeviceSetIsValidOnKvm() {
        Fixtures.assertValidDomain(render(kitchenSink(), true, s -> { }), tmp);
    }

    @Test
    void aFullWindowsLikeDeviceSetIsValidUnderEmulation() {
        Fixtures.assertValidDomain(render(kitchenSink(), false, s -> { }), tmp);
    }

    @Test
    void theDefaultDeviceSetIsValid() {
        String xml = render(new DeviceSetBuilder(), false, s -> { });
        Fixtures.assertValidDomain(xml, tmp);
        Document doc = Fixtures.parse(xml);
        assertEquals("", only(doc.getDocumentElement(), "os").getAttribute("firmware"), "BIOS by default");
        assertEquals(0, doc.getDocumentElement().getElementsByTagName("cpu").getLength(), "the hypervisor's default CPU");
        assertEquals(0, elements(doc, "graphics").size(), "headless by default");
        assertEquals(0, elements(doc, "controller").size(), "no USB controller without USB devices");
        assertEquals("none", elements(doc, "memballoon").get(0).getAttribute("model"));
    }

    @Test
    void hyperVEnlightenmentsOnlyOnKvmInDeclarationOrderWithTheHypervClock() {
        Document kvm = Fixtures.parse(render(kitchenSink(), true, s -> { }));
        Element hyperv = only(only(kvm.getDocumentElement(), "features"), "hyperv");
        assertEquals("custom", hyperv.getAttribute("mode"));
        StringBuilder names = new StringBuilder();
        for (Node n = hyperv.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                names.append(e.getTagName()).append(' ');
                assertEquals("on", e.getAttribute("state"));
            }
        }
        assertEquals("relaxed vapic spinlocks vpindex runtime synic stimer reset frequencies tlbflush ipi ", names.toString());
        assertEquals("8191", only(hyperv, "spinlocks").getAttribute("retries"));
        assertTrue(timers(kvm).contains("hypervclock"), timers(kvm));
        assertEquals("localtime", only(kvm.getDocumentElement(), "clock").getAttribute("offset"));

        Document emulated = Fixtures.parse(render(kitchenSink(), false, s -> { }));
        assertEquals("qemu", emulated.getDocumentElement().getAttribute("type"));
        assertEquals(0, emulated.getElementsByTagName("hyperv").getLength(), "Hyper-V enlightenments need KVM");
        assertTrue(!timers(emulated).contains("hypervclock"), timers(emulated));
    }

    @Test
    void secureBootNeedsSmmAndEnrolledKeys() {
        Document doc = Fixtures.parse(render(kitchenSink(), true, s -> { }));
        assertEquals("on", only(only(doc.getDocumentElement(), "features"), "smm").getAttribute("state"));
        Element firmware = only(only(doc.getDocumentElement(), "os"), "firmware");
        for (Node n = firmware.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                assertEquals("yes", e.getAttribute("enabled"), e.getAttribute("name"));
            }
        }
    }

    @Test
    void tpmSoundVideoNicAndCpuFollowTheDeviceSet() {
        Document doc = Fixtures.parse(render(kitchenSink(), true, s -> { }));
        Element tpm = elements(doc, "tpm").get(0);
        assertEquals("tpm-crb", tpm.getAttribute("model"));
        assertEquals("2.0", only(tpm, "backend").getAttribute("version"));
        assertEquals("emulator", only(tpm, "backend").getAttribute("type"));
        assertEquals("ich9", elements(doc, "sound").get(0).getAttribute("model"));
        assertEquals("qxl", only(elements(doc, "video").get(0), "model").getAttribute("type"));
        assertEquals("e1000e", only(elements(doc, "interface").get(0), "model").getAttribute("type"));
        Element cpu = only(doc.getDocumentElement(), "cpu");
        assertEquals("host-passthrough", cpu.getAttribute("mode"));
        assertEquals("none", elements(doc, "memballoon").get(0).getAttribute("model"));
    }

    @Test
    void disksAndMediaGetDistinctTargetsPerBusFamily() {
        Document doc = Fixtures.parse(render(kitchenSink(), true, s -> { }));
        List<Element> disks = elements(doc, "disk");
        assertEquals(4, disks.size());
        assertEquals(List.of("sda", "sdb", "sdc", "sdd"), disks.stream().map(d -> only(d, "target").getAttribute("dev")).toList());
        assertEquals(List.of("sata", "sata", "sata", "usb"), disks.stream().map(d -> only(d, "target").getAttribute("bus")).toList());
        assertEquals(List.of("disk", "cdrom", "cdrom", "disk"), disks.stream().map(d -> d.getAttribute("device")).toList());
        assertEquals(List.of("2", "1", "", ""), disks.stream().map(d -> d.getElementsByTagName("boot").getLength() == 0 ? ""
                : ((Element) d.getElementsByTagName("boot").item(0)).getAttribute("order")).toList());
        assertEquals(1, disks.get(3).getElementsByTagName("readonly").getLength(), "profile media are read-only");
    }

    @Test
    void manyDisksGetLibvirtStyleNames() {
        assertEquals("vda", DiskXml.target(DiskBus.VIRTIO, 0));
        assertEquals("vdz", DiskXml.target(DiskBus.VIRTIO, 25));
        assertEquals("vdaa", DiskXml.target(DiskBus.VIRTIO, 26));
        assertEquals("vdab", DiskXml.target(DiskBus.VIRTIO, 27));
        assertEquals("vdzz", DiskXml.target(DiskBus.VIRTIO, 26 + 26 * 26 - 1));
        assertEquals("vdaaa", DiskXml.target(DiskBus.VIRTIO, 26 + 26 * 26));
        assertEquals("sdc", DiskXml.target(DiskBus.SATA, 2));
        assertEquals("sdc", DiskXml.target(DiskBus.SCSI, 2));
        assertEquals("sdc", DiskXml.target(DiskBus.USB, 2));
    }

    @Test
    void theUsersNetworkWinsOverTheHostDefault() {
        Document doc = Fixtures.parse(render(new DeviceSetBuilder(), true, s -> s.network("isolated")));
        assertEquals("isolated", only(elements(doc, "interface").get(0), "source").getAttribute("network"));
    }

    @Test
    void aProfileWithoutOsinfoIdsWritesNoLibosinfoElement() {
        Document doc = Fixtures.parse(render(new DeviceSetBuilder(), true, s -> { }));
        assertEquals(0, doc.getElementsByTagNameNS(MetadataXml.LIBOSINFO_NS, "os").getLength());
        assertEquals(1, doc.getElementsByTagNameNS(MetadataXml.PHYLLOME_NS, "profile").getLength());
    }

    /**
     * BUG (DeviceSet / DomainMapper): DeviceSet keeps its inputs in {@code Set.copyOf(EnumSet)}, an
     * immutable set whose iteration order is randomized per JVM (ImmutableCollections.SALT), and
     * DomainMapper writes {@code <input>} elements in that order. The same VM therefore renders
     * different XML from one platform start to the next (a golden file for any profile with two or
     * more inputs is flaky). Fix: keep EnumSets in DeviceSet (Collections.unmodifiableSet(EnumSet.copyOf(..)))
     * for inputs, channels and hyperV, or iterate {@code new TreeSet<>(devices.inputs())} in
     * DomainMapper as FeaturesXml already does for Hyper-V. This test fails in most JVM runs.
     */
    @Test
    void inputsAreWrittenInDeclarationOrder() {
        DeviceSetBuilder devices = new DeviceSetBuilder();
        for (InputDevice input : InputDevice.values()) {
            devices.input(input);
        }
        Document doc = Fixtures.parse(render(devices, true, s -> { }));
        assertEquals(List.of("usb tablet", "usb keyboard", "virtio tablet", "virtio keyboard"),
                elements(doc, "input").stream().map(e -> e.getAttribute("bus") + " " + e.getAttribute("type")).toList());
    }

    private static String timers(Document doc) {
        StringBuilder names = new StringBuilder();
        var timers = only(doc.getDocumentElement(), "clock").getElementsByTagName("timer");
        for (int i = 0; i < timers.getLength(); i++) {
            names.append(((Element) timers.item(i)).getAttribute("name")).append(' ');
        }
        return names.toString();
    }
}
