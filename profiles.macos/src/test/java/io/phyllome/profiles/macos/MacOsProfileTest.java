package io.phyllome.profiles.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.util.converter.Converters;

import io.phyllome.host.device.CpuModel;
import io.phyllome.host.device.DeviceSet;
import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.device.DiskBus;
import io.phyllome.host.device.Finding;
import io.phyllome.host.device.ImageFormat;
import io.phyllome.host.device.InputDevice;
import io.phyllome.host.device.Medium;
import io.phyllome.host.device.NicModel;
import io.phyllome.host.device.SoundModel;
import io.phyllome.host.device.VideoModel;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.profile.ProfileException;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmSpec;

/** The macOS profiles' decisions: host requirements, the user's images and key, the device set. */
class MacOsProfileTest {

    /** 64 characters, and not the key macOS checks for: the real one is not shipped, not even in tests. */
    static final String STAND_IN_KEY = "phyllome-stand-in-key-for-tests-only-never-what-macos-checks-000";

    /** What a KVM host with a Haswell-or-later Intel CPU offers guests. */
    static final Set<String> HOST_CPU = Set.of("sse4.1", "sse4.2", "avx", "avx2", "fma", "aes", "invtsc");
    /** What QEMU 7.2's TCG provides whatever the host CPU: AVX2 yes, an invariant TSC no. */
    static final Set<String> TCG_CPU = Set.of("sse4.1", "sse4.2", "avx", "avx2", "fma", "aes");

    @TempDir
    Path dir;
    Path opencore;
    Path recovery;
    final Map<String, Path> library = new HashMap<>();

    @BeforeEach
    void images() throws IOException {
        opencore = qcow2(dir.resolve("OpenCore.qcow2"));
        recovery = Files.write(dir.resolve("RecoveryImage.img"), new byte[4096]);
    }

    static Path qcow2(Path file) throws IOException {
        byte[] header = new byte[1024];
        header[0] = 'Q';
        header[1] = 'F';
        header[2] = 'I';
        header[3] = (byte) 0xfb;
        return Files.write(file, header);
    }

    static HostCapabilities kvmHost(Set<String> features) {
        return new HostCapabilities("qemu:///system", "libvirt 9.0.0, QEMU 7.2.0", "x86_64", true, "", List.of("q35"), true, true, true,
                ByteSize.ofGiB(64), 16, features, "");
    }

    static HostCapabilities emulatedHost(Set<String> features) {
        return new HostCapabilities("qemu:///system", "libvirt 9.0.0, QEMU 7.2.0", "x86_64", false, "the CPU advertises neither vmx nor svm",
                List.of("q35"), true, true, true, ByteSize.ofGiB(16), 8, features, "");
    }

    static MacOsConfig config(String osk) {
        return Converters.standardConverter().convert(Map.of("osk", osk)).to(MacOsConfig.class);
    }

    static GuestProfile sonoma(String osk) {
        return new MacOsSonomaProfile(config(osk));
    }

    VmSpec.Builder spec() {
        return VmSpec.builder("macos-sonoma", "mac1").memory(ByteSize.ofGiB(8)).cpus(4).option("opencore", opencore.toString())
                .option("recovery", recovery.toString());
    }

    DeviceSet contribute(GuestProfile profile, VmSpec spec, HostCapabilities host) {
        DeviceSetBuilder devices = new DeviceSetBuilder();
        profile.contribute(ProfileContext.of(spec, host, name -> Optional.ofNullable(library.get(name))), devices);
        return devices.build();
    }

    DeviceSet sonomaOnKvm(Function<VmSpec.Builder, VmSpec.Builder> change) {
        return contribute(sonoma(STAND_IN_KEY), change.apply(spec()).build(), kvmHost(HOST_CPU));
    }

    ProfileException refused(GuestProfile profile, VmSpec spec, HostCapabilities host) {
        return assertThrows(ProfileException.class, () -> contribute(profile, spec, host));
    }

    static List<String> warnings(DeviceSet devices) {
        return devices.findings().stream().filter(f -> f.severity() == Finding.Severity.WARNING).map(Finding::message).toList();
    }

    // --- the four releases -----------------------------------------------------------------------

    @Test
    void fourReleasesFromVenturaToTahoe() {
        List<GuestProfile> profiles = List.of(new MacOsVenturaProfile(config("")), new MacOsSonomaProfile(config("")),
                new MacOsSequoiaProfile(config("")), new MacOsTahoeProfile(config("")));
        assertEquals(List.of("macos-ventura", "macos-sonoma", "macos-sequoia", "macos-tahoe"), profiles.stream().map(p -> p.descriptor().id()).toList());
        assertEquals(MacOsProfile.ids(), profiles.stream().map(p -> p.descriptor().id()).toList());
        assertEquals(List.of("macOS 13 Ventura", "macOS 14 Sonoma", "macOS 15 Sequoia", "macOS 26 Tahoe"),
                profiles.stream().map(p -> p.descriptor().displayName()).toList());
        for (GuestProfile p : profiles) {
            assertEquals(OsFamily.MACOS, p.descriptor().family());
            assertEquals(ByteSize.ofGiB(8), p.descriptor().recommended().memory(), "8 GiB recommended");
            assertEquals(4, p.descriptor().recommended().cpus());
            assertEquals(List.of(), p.descriptor().osinfoIds(), "libosinfo knows no macOS after 10.x");
            assertEquals(Set.of("opencore", "recovery", "nic", "video"), p.options().keySet());
        }
    }

    // --- the device set ------------------------------------------------------------------------------

    @Test
    void theOpenCoreDeviceSet() {
        DeviceSet devices = sonomaOnKvm(b -> b);
        assertEquals("q35", devices.qemuMachine());
        assertTrue(devices.firmware().uefi());
        assertFalse(devices.firmware().secureBoot(), "OpenCore is not signed for Secure Boot");
        assertFalse(devices.smm());
        assertEquals(DiskBus.VIRTIO, devices.diskBus(), "the system disk on virtio-blk");
        assertEquals(NicModel.VIRTIO, devices.nic());
        assertEquals(VideoModel.VMVGA, devices.video());
        assertEquals(SoundModel.ICH9, devices.sound());
        assertEquals(Set.of(InputDevice.USB_KEYBOARD, InputDevice.USB_TABLET), devices.inputs());
        assertTrue(devices.usb());
        assertTrue(devices.tpm().isEmpty(), "no TPM");
        assertTrue(devices.oneCpuSocket(), "one socket of N cores, as quickemu and OSX-KVM give macOS");
        assertEquals(io.phyllome.host.device.ClockOffset.UTC, devices.clock());
        assertTrue(devices.hyperV().isEmpty());
    }

    @Test
    void theOpenCoreImageBootsFirstTheRecoveryImageFollowsBothOnSataUnchanged() {
        List<Medium> media = sonomaOnKvm(b -> b).media();
        assertEquals(List.of(new Medium(opencore, DiskBus.SATA, false, ImageFormat.QCOW2, 1, true),
                new Medium(recovery, DiskBus.SATA, false, ImageFormat.RAW, 0, true)), media);
    }

    @Test
    void aHaswellThatSaysGenuineIntelWithAvx2AndSse42() {
        CpuModel cpu = sonomaOnKvm(b -> b).cpuModel().orElseThrow();
        assertEquals("Haswell-noTSX", cpu.name());
        assertEquals("GenuineIntel", cpu.vendorId());
        assertTrue(cpu.required().containsAll(Set.of("avx2", "sse4.2")), cpu.required()::toString);
        assertEquals(Set.of("pdpe1gb"), cpu.disabled());
    }

    @Test
    void theAppleSmcGoesOnQemusCommandLine() {
        assertEquals(List.of("-device", "isa-applesmc,osk=" + STAND_IN_KEY), sonomaOnKvm(b -> b).qemuArguments());
    }

    @Test
    void aCommaInTheKeyIsDoubledForQemu() {
        String key = STAND_IN_KEY.substring(0, 63) + ",";
        DeviceSet devices = contribute(sonoma(key), spec().build(), kvmHost(HOST_CPU));
        assertEquals("isa-applesmc,osk=" + key.substring(0, 63) + ",,", devices.qemuArguments().get(1));
    }

    @Test
    void nicAndVideoOptions() {
        DeviceSet devices = sonomaOnKvm(b -> b.option("nic", "vmxnet3").option("video", "vga"));
        assertEquals(NicModel.VMXNET3, devices.nic());
        assertEquals(VideoModel.VGA, devices.video());
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().option("nic", "e1000").build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("nic=virtio or nic=vmxnet3"), e.getMessage());
        e = refused(sonoma(STAND_IN_KEY), spec().option("video", "qxl").build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("video=vga or video=vmvga"), e.getMessage());
    }

    // --- host requirements -----------------------------------------------------------------------------

    @Test
    void kvmWithAnInvariantTscRequiresIt() {
        CpuModel cpu = sonomaOnKvm(b -> b).cpuModel().orElseThrow();
        assertTrue(cpu.required().contains("invtsc"));
        DeviceSet devices = contribute(sonoma(STAND_IN_KEY), spec().build(), kvmHost(TCG_CPU));
        assertFalse(devices.cpuModel().orElseThrow().required().contains("invtsc"));
        assertTrue(warnings(devices).stream().anyMatch(w -> w.contains("invariant TSC")), warnings(devices)::toString);
    }

    @Test
    void emulatedGetsAvx2FromQemuNoInvariantTscAndAnInfoFinding() {
        DeviceSet devices = contribute(sonoma(STAND_IN_KEY), spec().build(), emulatedHost(TCG_CPU));
        CpuModel cpu = devices.cpuModel().orElseThrow();
        assertTrue(cpu.required().contains("avx2"));
        assertFalse(cpu.required().contains("invtsc"), "libvirt refuses invtsc where TCG cannot provide it");
        assertTrue(devices.findings().stream().anyMatch(f -> f.severity() == Finding.Severity.INFO && f.message().contains("emulated")),
                devices.findings()::toString);
        assertTrue(warnings(devices).stream().noneMatch(w -> w.contains("invariant TSC")), warnings(devices)::toString);
    }

    @Test
    void aKvmHostCpuWithoutAvx2IsRefusedNamingTheCpu() {
        Set<String> ivyBridge = Set.of("sse4.1", "sse4.2", "avx", "aes", "invtsc");
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().build(), kvmHost(ivyBridge));
        assertTrue(e.getMessage().contains("host CPU") && e.getMessage().contains("lacks avx2"), e.getMessage());
        Set<String> old = Set.of("sse4.1", "invtsc");
        e = refused(sonoma(STAND_IN_KEY), spec().build(), kvmHost(old));
        assertTrue(e.getMessage().contains("lacks avx2, sse4.2"), e.getMessage());
    }

    @Test
    void anEmulatorWithoutAvx2IsRefusedNamingQemu72() {
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().build(), emulatedHost(Set.of("sse4.2", "avx")));
        assertTrue(e.getMessage().contains("emulator") && e.getMessage().contains("QEMU 7.2"), e.getMessage());
    }

    @Test
    void unknownCpuFeaturesAreAWarningNotARefusal() {
        DeviceSet devices = contribute(sonoma(STAND_IN_KEY), spec().build(), kvmHost(Set.of()));
        assertTrue(warnings(devices).stream().anyMatch(w -> w.contains("AVX2")), warnings(devices)::toString);
    }

    @ParameterizedTest
    @ValueSource(ints = { 3, 5, 6, 7, 12 })
    void aCpuCountThatIsNoPowerOfTwoIsRefused(int cpus) {
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().cpus(cpus).build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("power-of-two") && e.getMessage().contains("--cpus " + Integer.highestOneBit(cpus)), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 4, 8, 16 })
    void powersOfTwoAreFine(int cpus) {
        contribute(sonoma(STAND_IN_KEY), spec().cpus(cpus).build(), kvmHost(HOST_CPU));
    }

    @Test
    void noUefiFirmwareNamesOvmf() {
        HostCapabilities noUefi = new HostCapabilities("qemu:///system", "v", "x86_64", true, "", List.of("q35"), false, false, true,
                ByteSize.ofGiB(64), 16, HOST_CPU, "");
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().build(), noUefi);
        assertTrue(e.getMessage().contains("ovmf"), e.getMessage());
    }

    // --- the user's images -------------------------------------------------------------------------------

    @Test
    void aMissingOpenCoreImageNamesTheFileAndWhereToPutIt() {
        Path missing = dir.resolve("nowhere").resolve("OpenCore.qcow2");
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().option("opencore", missing.toString()).build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("OpenCore boot image") && e.getMessage().contains(missing + " does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("--options opencore=PATH") && e.getMessage().contains("media:import --name macos-sonoma-OpenCore.qcow2"),
                e.getMessage());
        assertTrue(e.getMessage().contains("does not download or ship"), e.getMessage());
    }

    @Test
    void noOpenCoreImageAtAllNamesTheLibraryNames() {
        VmSpec spec = VmSpec.builder("macos-sonoma", "mac1").memory(ByteSize.ofGiB(8)).cpus(4).option("recovery", recovery.toString()).build();
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec, kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("'macos-sonoma' needs an OpenCore boot image (OpenCore.qcow2), and there is none"), e.getMessage());
        assertTrue(e.getMessage().contains("macos-sonoma-OpenCore.qcow2 (or OpenCore.qcow2 for every release)"), e.getMessage());
    }

    @Test
    void aMissingRecoveryImageNamesItToo() {
        VmSpec spec = VmSpec.builder("macos-sonoma", "mac1").memory(ByteSize.ofGiB(8)).cpus(4).option("opencore", opencore.toString()).build();
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec, kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("recovery image (RecoveryImage.img)") && e.getMessage().contains("--options recovery=PATH")
                && e.getMessage().contains("macos-sonoma-RecoveryImage.img"), e.getMessage());
    }

    @Test
    void theMediaLibraryServesWhenNoPathIsGivenTheReleasesOwnFirst() throws IOException {
        Path shared = qcow2(dir.resolve("shared.qcow2"));
        Path own = qcow2(dir.resolve("own.qcow2"));
        library.put("OpenCore.qcow2", shared);
        library.put("macos-sonoma-RecoveryImage.img", recovery);
        library.put(MacOsProfile.OSK_MEDIUM, Files.writeString(dir.resolve("key"), STAND_IN_KEY + "\n"));
        VmSpec plain = VmSpec.builder("macos-sonoma", "mac1").memory(ByteSize.ofGiB(8)).cpus(4).build();
        DeviceSet devices = contribute(sonoma(""), plain, kvmHost(HOST_CPU));
        assertEquals(List.of(shared, recovery), devices.media().stream().map(Medium::path).toList());
        assertEquals("isa-applesmc,osk=" + STAND_IN_KEY, devices.qemuArguments().get(1), "the key from the library, its newline dropped");

        library.put("macos-sonoma-OpenCore.qcow2", own);
        assertEquals(own, contribute(sonoma(""), plain, kvmHost(HOST_CPU)).media().get(0).path());
        // another release does not take Sonoma's recovery image
        GuestProfile tahoe = new MacOsTahoeProfile(config(""));
        ProfileException e = refused(tahoe, VmSpec.builder("macos-tahoe", "mac2").memory(ByteSize.ofGiB(8)).cpus(4).build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("macos-tahoe-RecoveryImage.img"), e.getMessage());
    }

    @Test
    void aRelativePathIsRefused() {
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().option("opencore", "OpenCore.qcow2").build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("absolute path"), e.getMessage());
    }

    @Test
    void aDirectoryIsNoImage() {
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().option("recovery", dir.toString()).build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("is not a file"), e.getMessage());
    }

    @Test
    void theSameFileForBothIsRefused() {
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().option("recovery", opencore.toString()).build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("same file"), e.getMessage());
    }

    @Test
    void aDmgIsRefusedWithTheConversion() throws IOException {
        byte[] dmg = new byte[8192];
        byte[] koly = "koly".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(koly, 0, dmg, dmg.length - 512, koly.length);
        Path file = Files.write(dir.resolve("BaseSystem.dmg"), dmg);
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().option("recovery", file.toString()).build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("qemu-img convert -f dmg -O raw " + file), e.getMessage());
    }

    @Test
    void theFormatComesFromTheFileNotItsName() throws IOException {
        Path qcow2Recovery = qcow2(dir.resolve("recovery.img"));
        Path rawOpenCore = Files.write(dir.resolve("opencore.qcow2"), new byte[1024]);
        List<Medium> media = sonomaOnKvm(b -> b.option("opencore", rawOpenCore.toString()).option("recovery", qcow2Recovery.toString())).media();
        assertEquals(ImageFormat.RAW, media.get(0).format());
        assertEquals(ImageFormat.QCOW2, media.get(1).format());
    }

    // --- the Apple SMC key ------------------------------------------------------------------------------

    @Test
    void noKeyNamesTheMediumItsChecksumAndTheConfiguration() {
        ProfileException e = refused(sonoma(""), spec().build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("Apple SMC key") && e.getMessage().contains("does not ship"), e.getMessage());
        assertTrue(e.getMessage().contains("media:import --name apple-smc.key FILE " + MacOsMedia.OSK_SHA256 + " "), e.getMessage());
        assertTrue(MacOsMedia.OSK_SHA256.matches("[0-9a-f]{64}"), "the whole SHA-256 that media:import needs, not a prefix");
        assertTrue(e.getMessage().contains(MacOsConfig.PID), e.getMessage());
    }

    @Test
    void aKeyOfTheWrongLengthIsRefused() {
        ProfileException e = refused(sonoma("too short"), spec().build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("has 9 characters, not 64"), e.getMessage());
        e = refused(sonoma(STAND_IN_KEY.substring(1) + "\u00e9"), spec().build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("printable ASCII"), e.getMessage());
    }

    @Test
    void aKeyThatIsNotApplesIsAWarning() {
        List<String> warnings = warnings(sonomaOnKvm(b -> b));
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("not the one macOS checks for") && warnings.get(0).contains(MacOsConfig.PID), warnings.get(0));
        assertFalse(new MacOsMedia.Key(STAND_IN_KEY, "test").genuine());
    }
}
